package io.careerdata.export;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** What an export says about itself, at the head of the JSON and XML documents and in the README. */
public record ExportManifest(UUID exportId, UUID subjectUserId, ExportFormat format, ExportScope scope,
        Instant generatedAt, Instant expiresAt) {

    /** The metadata fields in the order they are written; the JSON Schema names the same keys. */
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("export_id", exportId.toString());
        fields.put("subject_user_id", subjectUserId.toString());
        fields.put("format", format.name());
        fields.put("scope", scope.name());
        fields.put("generated_at", generatedAt.toString());
        fields.put("expires_at", expiresAt.toString());
        fields.put("schema_version", (long) ExportCatalog.SCHEMA_VERSION);
        fields.put("redaction", Redaction.SUMMARY);
        return fields;
    }
}
