package io.careerdata.export;

import io.careerdata.export.ExportCatalog.Category;
import java.util.Map;

/** The README.txt of a bundle: what each file holds, when it was made, how long it is kept, how to ask for erasure. */
final class ExportReadme {

    private ExportReadme() {
    }

    static String text(ExportManifest manifest, Map<String, Long> rowCounts) {
        StringBuilder text = new StringBuilder()
                .append("Career Data Service: your data\r\n")
                .append("==============================\r\n\r\n")
                .append("This archive holds the personal data the Career Data Service keeps about user ")
                .append(manifest.subjectUserId()).append(" (GDPR Articles 15 and 20).\r\n\r\n")
                .append("Export:        ").append(manifest.exportId()).append("\r\n")
                .append("Made at:       ").append(manifest.generatedAt()).append(" (UTC)\r\n")
                .append("Kept until:    ").append(manifest.expiresAt())
                .append(" (UTC); the service deletes it then.\r\n")
                .append("Scope:         ").append(manifest.scope()).append("\r\n")
                .append("Shape version: ").append(ExportCatalog.SCHEMA_VERSION).append("\r\n\r\n")
                .append("Files\r\n-----\r\n")
                .append("README.txt          this text\r\n")
                .append("export.json         all the data in one JSON document, grouped by category\r\n")
                .append("export.schema.json  the JSON Schema (draft 2020-12) of export.json\r\n")
                .append("export.xml          the same data as one XML document, elements named like the JSON keys\r\n")
                .append("csv/<category>.csv  the same data, one CSV file (RFC 4180, UTF-8, header row) per category;\r\n")
                .append("                    an empty field is no value, \"\" is an empty text\r\n")
                .append("SHA256SUMS          the SHA-256 of every other file (check with: sha256sum -c SHA256SUMS)\r\n\r\n")
                .append("Categories (rows in this export)\r\n--------------------------------\r\n");
        for (Category category : ExportCatalog.categories(manifest.scope())) {
            text.append(category.name()).append(" (").append(rowCounts.getOrDefault(category.name(), 0L))
                    .append("): ").append(category.description()).append("\r\n");
        }
        return text.append("\r\nTimes are UTC in ISO-8601; ids are UUIDs.\r\n\r\n")
                .append("Other people\r\n------------\r\n").append(Redaction.SUMMARY).append("\r\n\r\n")
                .append("Erasure\r\n-------\r\n")
                .append("To have all of this erased (GDPR Article 17), send DELETE /api/v1/users/")
                .append(manifest.subjectUserId())
                .append(" with your token, or ask the platform's support. Erasure removes every record above,\r\n")
                .append("cached copies and export files; the audit log keeps only the fact that an erasure happened.\r\n")
                .toString();
    }
}
