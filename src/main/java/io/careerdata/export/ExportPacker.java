package io.careerdata.export;

import io.careerdata.export.ExportCatalog.Category;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Turns an export's work directory into the one file handed out (a ZIP for csv and zip), and its checksum. */
final class ExportPacker {

    private ExportPacker() {
    }

    /** The file to hand out, still in the work directory. */
    static Path pack(ExportManifest manifest, Map<String, Long> rowCounts, Path work) throws IOException {
        List<Category> categories = ExportCatalog.categories(manifest.scope());
        Path packed = work.resolve("packed");
        switch (manifest.format()) {
            case json -> Files.move(work.resolve("export.json"), packed);
            case xml -> Files.move(work.resolve("export.xml"), packed);
            case csv -> {
                Map<String, Path> entries = new LinkedHashMap<>();
                categories.forEach(c -> entries.put(c.name() + ".csv", work.resolve("csv").resolve(c.name() + ".csv")));
                zip(packed, entries, false);
            }
            case zip -> {
                Files.writeString(work.resolve("README.txt"), ExportReadme.text(manifest, rowCounts),
                        StandardCharsets.UTF_8);
                try (OutputStream schema = output(work.resolve("export.schema.json"))) {
                    ExportSchema.write(schema);
                }
                Map<String, Path> entries = new LinkedHashMap<>();
                for (String name : List.of("README.txt", "export.json", "export.schema.json", "export.xml")) {
                    entries.put(name, work.resolve(name));
                }
                categories.forEach(c -> entries.put("csv/" + c.name() + ".csv",
                        work.resolve("csv").resolve(c.name() + ".csv")));
                zip(packed, entries, true);
            }
        }
        return packed;
    }

    /** Copies each file into a ZIP entry; with {@code withSums}, adds SHA256SUMS (sha256sum's format) last. */
    private static void zip(Path target, Map<String, Path> entries, boolean withSums) throws IOException {
        List<String> sums = new ArrayList<>();
        try (ZipOutputStream zip = new ZipOutputStream(output(target))) {
            for (Map.Entry<String, Path> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                MessageDigest digest = sha256Digest();
                try (InputStream in = new DigestInputStream(Files.newInputStream(entry.getValue()), digest)) {
                    in.transferTo(zip);
                }
                zip.closeEntry();
                sums.add(HexFormat.of().formatHex(digest.digest()) + "  " + entry.getKey() + "\n");
            }
            if (withSums) {
                zip.putNextEntry(new ZipEntry("SHA256SUMS"));
                zip.write(String.join("", sums).getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
    }

    static OutputStream output(Path file) throws IOException {
        return new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024);
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256Digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
