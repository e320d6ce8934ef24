package io.careerdata.backup;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a backup holds, written last into it as {@code manifest.json}. Restores trust nothing of a
 * backup that this document, with its checksum, does not vouch for.
 *
 * @param format      version of this layout; a service refuses formats it does not know
 * @param schemaVersion the Flyway version of the schema the data was read from
 * @param lineage     the history of the data (a restore starts a new one); incrementals need their base's
 * @param snapshot    the PostgreSQL snapshot ({@code pg_current_snapshot()}) the data was read in
 * @param since       for an incremental, the creation time of its base
 * @param deletions   for an incremental, the file of rows deleted since the base
 * @param checksum    {@code sha256:<hex>} of this document without the checksum, or {@code hmac-sha256:<hex>}
 *                    when encrypted (only a key holder can make it)
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Manifest(
        int format,
        String id,
        BackupType type,
        String baseId,
        Instant since,
        Instant createdAt,
        String schemaVersion,
        String applicationVersion,
        UUID lineage,
        String snapshot,
        String compression,
        Encryption encryption,
        List<TableEntry> tables,
        FileEntry deletions,
        String checksum) {

    public static final int FORMAT = 1;

    /**
     * One table: its file and the state of the whole table at the snapshot.
     *
     * @param mode        {@code complete}: the file holds every row; {@code changes}: only rows changed since the base
     * @param columns     the columns of the file, in order
     * @param primaryKey  the primary key columns (empty: the table has none, and is always complete)
     * @param tableRows   rows of the whole table at the snapshot
     * @param tableDigest order-independent digest of the whole table's rows at the snapshot (see RowDigest)
     */
    @RegisterForReflection
    public record TableEntry(String name, String mode, List<String> columns, List<String> primaryKey,
            boolean deletionsTracked, FileEntry file, long tableRows, String tableDigest) {

        public static final String COMPLETE = "complete";
        public static final String CHANGES = "changes";

        boolean complete() {
            return COMPLETE.equals(mode);
        }
    }

    /** One file of the backup: name, rows in it, stored size and SHA-256 of the stored bytes. */
    @RegisterForReflection
    public record FileEntry(String name, long rows, long bytes, String sha256) {
    }

    /**
     * How the files are encrypted.
     *
     * @param keyId         fingerprint of the key, under the key derivation named here
     * @param keyDerivation how the subkeys come from the configured key ({@code HKDF-SHA256}); absent in
     *                      backups written before the subkeys, whose manifests must keep their exact bytes
     * @param keyName       the key's name in {@code backup.encryption.keys.<name>}; absent for the unnamed key
     *                      of {@code backup.encryption-key} (and so in every manifest written before names)
     */
    @RegisterForReflection
    public record Encryption(String algorithm, String keyId,
            @JsonInclude(JsonInclude.Include.NON_NULL) String keyDerivation,
            @JsonInclude(JsonInclude.Include.NON_NULL) String keyName) {
    }

    public long totalBytes() {
        long bytes = tables.stream().mapToLong(t -> t.file().bytes()).sum();
        return deletions == null ? bytes : bytes + deletions.bytes();
    }

    public long totalRows() {
        return tables.stream().mapToLong(t -> t.file().rows()).sum();
    }

    Manifest withChecksum(String value) {
        return new Manifest(format, id, type, baseId, since, createdAt, schemaVersion, applicationVersion, lineage,
                snapshot, compression, encryption, tables, deletions, value);
    }

    Manifest withEncryption(Encryption value) {
        return new Manifest(format, id, type, baseId, since, createdAt, schemaVersion, applicationVersion, lineage,
                snapshot, compression, value, tables, deletions, checksum);
    }

    public TableEntry table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
    }
}
