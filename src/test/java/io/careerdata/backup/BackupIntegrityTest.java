package io.careerdata.backup;

import static io.careerdata.backup.BackupFixtures.BACKUPS;
import static io.careerdata.backup.BackupFixtures.backup;
import static io.careerdata.backup.BackupFixtures.count;
import static io.careerdata.backup.BackupFixtures.exec;
import static io.careerdata.backup.BackupFixtures.restore;
import static io.careerdata.backup.BackupFixtures.seedEveryTable;
import static io.careerdata.backup.BackupFixtures.snapshot;
import static io.careerdata.backup.BackupFixtures.verify;
import static io.careerdata.testing.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Damaged backups are refused by verify and by restore, and a failed restore leaves the database as it was. */
@QuarkusTest
class BackupIntegrityTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    BackupConfig config;

    @BeforeEach
    void seed() throws SQLException {
        seedEveryTable(dataSource);
    }

    @Test
    void shouldRefuseAFileWithAFlippedByte() throws Exception {
        String id = backup("full");
        flipBit(tableFile(id, "users"), 2);

        assertRefused(id, "does not match its SHA-256");
    }

    @Test
    void shouldRefuseATruncatedFile() throws Exception {
        String id = backup("full");
        Path file = tableFile(id, "skills");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));

        assertRefused(id, "skills");
    }

    @Test
    void shouldRefuseAManifestWhoseCountsWereEdited() throws Exception {
        String id = backup("full");
        Path manifest = directory(id).resolve("manifest.json");
        String text = Files.readString(manifest);
        Files.writeString(manifest, text.replaceFirst("\"tableRows\" : (\\d+)", "\"tableRows\" : 999999"));

        assertRefused(id, "checksum does not match");
    }

    @Test
    void shouldRefuseAnEncryptedFileReplacedWithItsChecksumUpdated() throws Exception {
        String id = backup("full");
        byte[] bytes = flipBit(tableFile(id, "users"), 5);
        // an attacker also fixes the file's SHA-256 in the manifest: the manifest's keyed seal then fails
        Path manifest = directory(id).resolve("manifest.json");
        String oldSha = asAdmin().get(BACKUPS + "/{id}", id).then().extract()
                .path("tables.find { it.name == 'users' }.file.sha256");
        String newSha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        Files.writeString(manifest, Files.readString(manifest).replace(oldSha, newSha));

        assertRefused(id, "checksum does not match");
    }

    @Test
    void shouldRefuseABackupEncryptedWithAnotherKey() throws Exception {
        String id = backup("full");
        byte[] otherKey = new byte[32];
        Arrays.fill(otherKey, (byte) 7);
        QuarkusMock.installMockForType(new BackupEncryption(otherKey), BackupEncryption.class);

        assertRefusedForItsKey(id, "was encrypted with the unnamed key (key id ");
    }

    @Test
    void shouldRefuseAnEncryptedBackupWhenNoKeyIsConfigured() throws Exception {
        String id = backup("full");
        QuarkusMock.installMockForType(new BackupEncryption((byte[]) null), BackupEncryption.class);

        assertRefusedForItsKey(id, "no backup key is configured at all");
    }

    @Test
    void shouldWriteReadableUnencryptedBackupsWithoutAKey() throws Exception {
        QuarkusMock.installMockForType(new BackupEncryption((byte[]) null), BackupEncryption.class);
        Map<String, List<String>> before = snapshot(dataSource);
        String id = backup("full");
        JsonPath manifest = asAdmin().get(BACKUPS + "/{id}", id).then().statusCode(200).extract().jsonPath();
        assertThat(manifest.getString("encryption")).isNull();
        assertThat(manifest.getString("checksum")).startsWith("sha256:");
        assertThat(Files.readAllBytes(tableFile(id, "users"))).startsWith(0x1f, 0x8b); // plain gzip

        exec(dataSource, "DELETE FROM skills");
        JsonPath job = restore(id);
        assertThat(job.getString("state")).as(job.getString("error")).isEqualTo("succeeded");
        assertThat(snapshot(dataSource)).isEqualTo(before);

        flipBit(tableFile(id, "users"), 2);
        assertRefused(id, "does not match its SHA-256");
    }

    @Test
    void shouldKeepEncryptedFilesUnreadableWithoutTheKey() throws Exception {
        String id = backup("full");
        JsonPath manifest = asAdmin().get(BACKUPS + "/{id}", id).then().statusCode(200).extract().jsonPath();
        assertThat(manifest.getString("encryption.algorithm")).isEqualTo("AES-256-GCM");
        assertThat(manifest.getString("encryption.keyId")).hasSize(16);
        assertThat(manifest.getString("encryption.keyDerivation")).isEqualTo("HKDF-SHA256");
        assertThat(manifest.getString("checksum")).startsWith("hmac-sha256:");
        byte[] stored = Files.readAllBytes(tableFile(id, "users"));
        assertThat(new String(stored, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("CDBK");
        assertThat(stored[4]).as("file format version").isEqualTo((byte) 2);
        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("example.org");
    }

    @Test
    void shouldLeaveTheDatabaseUntouchedWhenARestoreFailsMidway() throws Exception {
        String id = backup("full");
        exec(dataSource, "DELETE FROM skills WHERE level = 'beginner'");
        // rows of the backup that the table now refuses: the load fails after several tables are in
        exec(dataSource, "ALTER TABLE agent_tasks ADD CONSTRAINT test_refuses_all CHECK (priority < 0) NOT VALID");
        try {
            Map<String, List<String>> before = snapshot(dataSource);
            String lineage = lineage();

            JsonPath job = restore(id);

            assertThat(job.getString("state")).isEqualTo("failed");
            assertThat(job.getInt("progress.tablesDone")).isPositive();
            assertThat(snapshot(dataSource)).isEqualTo(before);
            assertThat(lineage()).isEqualTo(lineage);
            assertThat(count(dataSource, "SELECT count(*) FROM audit_log WHERE action = 'backup.restore.failed'"
                    + " AND target_id = ?", id)).isEqualTo(1);
        } finally {
            exec(dataSource, "ALTER TABLE agent_tasks DROP CONSTRAINT test_refuses_all");
        }
    }

    @Test
    void shouldLeaveTheDatabaseUntouchedWhenTheRestoringConnectionIsKilled() throws Exception {
        String id = backup("full");
        exec(dataSource, "DELETE FROM skills WHERE level = 'beginner'");
        Map<String, List<String>> before = snapshot(dataSource);
        AtomicInteger loaded = new AtomicInteger();
        // as a crash would: the restoring backend is terminated after the fourth table is in
        QuarkusMock.installMockForType(new RestoreLog() {
            @Override
            public void tableLoaded(String table, long rows, int backendPid) {
                if (loaded.incrementAndGet() == 4) {
                    try {
                        exec(dataSource, "SELECT pg_terminate_backend(" + backendPid + ")");
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }, RestoreLog.class);

        JsonPath job = restore(id);

        assertThat(loaded.get()).isEqualTo(4);
        assertThat(job.getString("state")).isEqualTo("failed");
        assertThat(snapshot(dataSource)).isEqualTo(before);
        // the pool and the lock recover: the next backup runs
        backup("full");
    }

    /** Flips one bit at 1/{@code part} of the file from its end; answers the damaged content. */
    private static byte[] flipBit(Path file, int part) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - bytes.length / part] ^= 0x01;
        Files.write(file, bytes);
        return bytes;
    }

    private void assertRefused(String id, String reason) throws Exception {
        Map<String, List<String>> before = snapshot(dataSource);
        exec(dataSource, "DELETE FROM networking_contacts"); // a restore would bring these back
        before = snapshot(dataSource);

        JsonPath verified = verify(id);
        assertThat(verified.getString("state")).isEqualTo("failed");
        assertThat(verified.getString("error")).contains(reason);
        assertThat(asAdmin().get(BACKUPS + "?size=100").then().statusCode(200).extract().jsonPath()
                .getBoolean("items.find { it.id == '" + id + "' }.verified.ok")).isFalse();

        JsonPath restored = restore(id);
        assertThat(restored.getString("state")).isEqualTo("failed");
        assertThat(restored.getString("error")).contains(reason);
        assertThat(snapshot(dataSource)).isEqualTo(before);
    }

    /** Verification fails for the key; a restore is refused before it starts (409), as the key is a matter of configuration. */
    private void assertRefusedForItsKey(String id, String reason) throws Exception {
        Map<String, List<String>> before = snapshot(dataSource);
        JsonPath verified = verify(id);
        assertThat(verified.getString("state")).isEqualTo("failed");
        assertThat(verified.getString("error")).contains(reason);
        asAdmin().post(BACKUPS + "/{id}/restore", id).then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString(reason));
        assertThat(snapshot(dataSource)).isEqualTo(before);
    }

    private String lineage() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return SchemaCatalog.lineage(c).toString();
        }
    }

    private Path directory(String id) {
        return Path.of(config.directory()).resolve(id);
    }

    private Path tableFile(String id, String table) {
        String name = asAdmin().get(BACKUPS + "/{id}", id).then().statusCode(200).extract()
                .path("tables.find { it.name == '" + table + "' }.file.name");
        return directory(id).resolve(name);
    }
}
