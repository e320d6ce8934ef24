package io.careerdata.backup;

import io.careerdata.backup.storage.BackupStorage;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Checks a backup without touching the database: the manifest's checksum, format and schema
 * version, then every file read through to its end (SHA-256 and size of the stored bytes,
 * decryption, gzip, row counts, and for complete tables the digest of their rows). Blocking.
 */
@ApplicationScoped
public class BackupVerifier {

    @Inject
    BackupStorage storage;

    @Inject
    BackupFiles files;

    @Inject
    ManifestCodec codec;

    /** The outcome of a verification, also kept beside the backup as {@code verification.json}. */
    @RegisterForReflection
    public record Report(String backupId, boolean ok, Instant checkedAt, long files, long rows, List<String> problems) {
    }

    /** Problems with the manifest alone; empty when it may be trusted and restored into this schema. */
    List<String> checkManifest(Manifest manifest, String currentSchemaVersion) throws IOException {
        List<String> problems = new ArrayList<>();
        String checksum = codec.problemWithChecksum(manifest);
        if (checksum != null) {
            problems.add(checksum);
            return problems; // nothing else in it can be believed
        }
        if (manifest.format() != Manifest.FORMAT) {
            problems.add("format " + manifest.format() + " is not supported (this service reads format " + Manifest.FORMAT + ")");
        }
        if (currentSchemaVersion != null
                && SchemaCatalog.compareVersions(manifest.schemaVersion(), currentSchemaVersion) > 0) {
            problems.add("the backup is from schema version " + manifest.schemaVersion()
                    + ", newer than this database's " + currentSchemaVersion);
        }
        return problems;
    }

    /** The full check: every file decrypted, decompressed and counted. */
    public Report verify(Manifest manifest, String currentSchemaVersion) {
        return verify(manifest, currentSchemaVersion, true);
    }

    /**
     * @param deep false checks only the stored bytes of each file against the manifest (size and
     *             SHA-256), which a restore does before it starts: it counts and digests the rows
     *             itself while loading, before it commits
     */
    Report verify(Manifest manifest, String currentSchemaVersion, boolean deep) {
        List<String> problems;
        long rows = 0;
        int checkedFiles = 0;
        try {
            problems = checkManifest(manifest, currentSchemaVersion);
        } catch (IOException e) {
            problems = List.of("the manifest cannot be read: " + e.getMessage());
        }
        if (problems.isEmpty()) {
            problems = new ArrayList<>();
            for (Manifest.TableEntry table : manifest.tables()) {
                rows += deep ? checkFile(manifest, table.file(), table, problems)
                        : checkStored(manifest, table.file(), problems);
                checkedFiles++;
            }
            if (manifest.deletions() != null) {
                if (deep) {
                    checkFile(manifest, manifest.deletions(), null, problems);
                } else {
                    checkStored(manifest, manifest.deletions(), problems);
                }
                checkedFiles++;
            }
        }
        return new Report(manifest.id(), problems.isEmpty(), Instant.now(), checkedFiles, rows, List.copyOf(problems));
    }

    private long checkFile(Manifest manifest, Manifest.FileEntry file, Manifest.TableEntry table, List<String> problems) {
        RowDigest digest = new RowDigest();
        try (InputStream rows = files.open(storage, manifest, file)) {
            digest.addLines(rows);
        } catch (IOException | RuntimeException e) {
            // a damaged file usually breaks decryption or gzip first; its checksum, checked on close, says why
            String reason = Arrays.stream(e.getSuppressed()).filter(IOException.class::isInstance)
                    .map(BackupVerifier::describe).findFirst().orElse(describe(e));
            problems.add(file.name() + ": " + reason);
            return 0;
        }
        if (digest.endsInsideRow()) {
            problems.add(file.name() + ": the last row is cut off");
        }
        if (digest.rows() != file.rows()) {
            problems.add(file.name() + ": holds " + digest.rows() + " rows, the manifest says " + file.rows());
        }
        if (table != null && table.complete()
                && (digest.rows() != table.tableRows() || !digest.value().equals(table.tableDigest()))) {
            problems.add(file.name() + ": its rows do not match the digest of table " + table.name());
        }
        return digest.rows();
    }

    private long checkStored(Manifest manifest, Manifest.FileEntry file, List<String> problems) {
        try {
            files.checkStored(storage, manifest, file);
            return file.rows();
        } catch (IOException | RuntimeException e) {
            problems.add(file.name() + ": " + describe(e));
            return 0;
        }
    }

    static String describe(Throwable e) {
        if (e instanceof java.util.zip.ZipException || e instanceof java.io.EOFException) {
            return "the compressed data is damaged or cut off";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "the file is missing";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
