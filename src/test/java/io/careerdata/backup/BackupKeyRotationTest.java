package io.careerdata.backup;

import static io.careerdata.backup.BackupFixtures.BACKUPS;
import static io.careerdata.backup.BackupFixtures.backup;
import static io.careerdata.backup.BackupFixtures.exec;
import static io.careerdata.backup.BackupFixtures.restore;
import static io.careerdata.backup.BackupFixtures.runJob;
import static io.careerdata.backup.BackupFixtures.seedEveryTable;
import static io.careerdata.backup.BackupFixtures.snapshot;
import static io.careerdata.backup.BackupFixtures.verify;
import static io.careerdata.testing.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Key rotation on real backup files: backups keep reading under the key their manifest names after
 * the current key changes, and a backup whose key is gone, or whose manifest names a key it was
 * not made with, is refused with a message that names the key.
 */
@QuarkusTest
class BackupKeyRotationTest {

    private static final String KEY_A = key(1);
    private static final String KEY_B = key(2);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    BackupConfig config;

    @Inject
    RestoreDrill drill;

    @BeforeEach
    void seed() throws Exception {
        seedEveryTable(dataSource);
    }

    @Test
    void shouldReadBackupsOfTheOldKeyAndWriteNewOnesWithTheCurrentAfterARotation() throws Exception {
        useKeys(Map.of("a", KEY_A), "a");
        Map<String, List<String>> beforeA = snapshot(dataSource);
        String fullA = backup("full");
        JsonPath manifestA = manifest(fullA);
        assertThat(manifestA.getString("encryption.keyName")).isEqualTo("a");

        useKeys(Map.of("a", KEY_A, "b", KEY_B), "b"); // rotation: B added and made current, A kept
        seedEveryTable(dataSource);
        Map<String, List<String>> beforeB = snapshot(dataSource);
        String incrementalB = backup("incremental");
        JsonPath manifestB = manifest(incrementalB);
        assertThat(manifestB.getString("baseId")).isEqualTo(fullA);
        assertThat(manifestB.getString("encryption.keyName")).isEqualTo("b");
        assertThat(manifestB.getString("encryption.keyId")).hasSize(16).isNotEqualTo(manifestA.getString("encryption.keyId"));

        JsonPath keys = asAdmin().get(BACKUPS + "/keys").then().statusCode(200).extract().jsonPath();
        assertThat(keys.getString("current")).isEqualTo("b");
        assertThat(keys.getList("keys.find { it.name == 'a' }.backups", String.class)).contains(fullA);
        assertThat(keys.getList("keys.find { it.name == 'b' }.backups", String.class)).contains(incrementalB);
        assertThat(keys.getString("keys.find { it.name == 'b' }.setting")).isEqualTo("backup.encryption.keys.b");
        assertThat(keys.getBoolean("keys.find { it.name == 'a' }.current")).isFalse();

        assertThat(verify(fullA).getString("state")).isEqualTo("succeeded");
        assertThat(verify(incrementalB).getString("state")).isEqualTo("succeeded");
        assertThat(drill.drill().chain()).containsExactly(fullA, incrementalB); // the newest chain, two keys
        assertRestores(fullA, beforeA);
        assertRestores(incrementalB, beforeB);
    }

    @Test
    void shouldReportABackupWhoseKeyIsGoneAndReadItOnceTheKeyIsBack() throws Exception {
        useKeys(Map.of("a", KEY_A), "a");
        String fullA = backup("full");
        String keyIdA = manifest(fullA).getString("encryption.keyId");
        useKeys(Map.of("a", KEY_A, "b", KEY_B), "b");
        String incrementalB = backup("incremental");
        assertThat(manifest(incrementalB).getString("baseId")).isEqualTo(fullA);
        useKeys(Map.of("b", KEY_B), "b"); // A removed while a kept chain still needs it
        exec(dataSource, "DELETE FROM networking_contacts"); // a restore would bring these back
        Map<String, List<String>> before = snapshot(dataSource);

        JsonPath verified = verify(fullA);
        assertThat(verified.getString("state")).isEqualTo("failed");
        assertThat(verified.getString("error")).contains("key \"a\" (key id " + keyIdA + ")", "not configured",
                "backup.encryption.keys.a");
        assertThat(asAdmin().get(BACKUPS + "?size=100").then().statusCode(200).extract().jsonPath()
                .getBoolean("items.find { it.id == '" + fullA + "' }.verified.ok")).isFalse();
        for (String id : List.of(fullA, incrementalB)) { // the incremental needs A for its base
            for (String dryRun : List.of("false", "true")) {
                asAdmin().post(BACKUPS + "/{id}/restore?dryRun=" + dryRun, id).then().statusCode(409)
                        .contentType("application/problem+json")
                        .body("title", equalTo("Backup key not configured"))
                        .body("detail", containsString("backup " + fullA + " was encrypted with key \"a\" (key id " + keyIdA + ")"))
                        .body("detail", org.hamcrest.Matchers.not(containsString("Exception")));
            }
        }
        assertThatThrownBy(() -> drill.drill()).isInstanceOf(BackupFailure.class).hasMessageContaining("key \"a\"");
        JsonPath keys = asAdmin().get(BACKUPS + "/keys").then().statusCode(200).extract().jsonPath();
        assertThat(keys.getList("missing.find { it.name == 'a' }.backups", String.class)).contains(fullA);
        assertThat(keys.getString("missing.find { it.name == 'a' }.keyId")).isEqualTo(keyIdA);
        assertThat(snapshot(dataSource)).isEqualTo(before);

        useKeys(Map.of("a", KEY_A, "b", KEY_B), "b");
        assertThat(verify(fullA).getString("state")).isEqualTo("succeeded");
        assertThat(asAdmin().get(BACKUPS + "/keys").then().extract().jsonPath().getList("missing.name")).doesNotContain("a");
    }

    @Test
    void shouldRefuseAManifestWhoseKeyIdOrKeyNameWasChanged() throws Exception {
        useKeys(Map.of("a", KEY_A, "b", KEY_B), "a");
        String id = backup("full");
        Path file = Path.of(config.directory()).resolve(id).resolve("manifest.json");
        String original = Files.readString(file);
        String keyIdA = manifest(id).getString("encryption.keyId");
        String keyIdB = new BackupKeys("b", Base64.getDecoder().decode(KEY_B)).keyId(BackupKeys.Scheme.CURRENT);

        Files.writeString(file, original.replace(keyIdA, "00000000deadbeef")); // a key no one has
        assertThat(verify(id).getString("error")).contains("key id 00000000deadbeef", "not configured");
        asAdmin().post(BACKUPS + "/{id}/restore", id).then().statusCode(409)
                .body("detail", containsString("00000000deadbeef"));

        Files.writeString(file, original.replace(keyIdA, keyIdB)); // a configured key it was not made with
        assertRefusedAsTampered(id);

        Files.writeString(file, original.replace("\"keyName\" : \"a\"", "\"keyName\" : \"b\""));
        assertRefusedAsTampered(id);

        Files.writeString(file, original.replace("\"HKDF-SHA256\"", "\"HKDF-SHA512\""));
        assertThat(verify(id).getString("error")).contains("key derivation HKDF-SHA512", "not known");

        Files.writeString(file, original);
        assertThat(verify(id).getString("state")).isEqualTo("succeeded");
    }

    @Test
    void shouldKeepReadingBackupsOfTheUnnamedKeyAfterItMovesToANamedOne() throws Exception {
        String legacy = key(3);
        useEncryption(BackupKeyRing.configured(Optional.of(legacy), Map.of(), Optional.empty()));
        String old = backup("full");
        assertThat(manifest(old).getString("encryption.keyName")).isNull(); // as every manifest before names
        Map<String, List<String>> before = snapshot(dataSource);

        // step one: B added beside the unnamed key and made current
        useEncryption(BackupKeyRing.configured(Optional.of(legacy), Map.of("b", KEY_B), Optional.of("b")));
        assertThat(verify(old).getString("state")).isEqualTo("succeeded");
        assertThat(asAdmin().get(BACKUPS + "/keys").then().extract().jsonPath()
                .getList("keys.find { it.setting == 'backup.encryption-key' }.backups", String.class)).contains(old);
        // later: the same key moved to a name; the backup is found by its key id
        useEncryption(BackupKeyRing.configured(Optional.empty(), Map.of("old", legacy, "b", KEY_B), Optional.of("b")));
        assertThat(verify(old).getString("state")).isEqualTo("succeeded");
        assertRestores(old, before);
    }

    private void assertRefusedAsTampered(String id) {
        JsonPath verified = verify(id);
        assertThat(verified.getString("state")).isEqualTo("failed");
        assertThat(verified.getString("error")).contains("checksum does not match");
        JsonPath restored = restore(id);
        assertThat(restored.getString("state")).isEqualTo("failed");
        assertThat(restored.getString("error")).contains("checksum does not match");
    }

    private void assertRestores(String id, Map<String, List<String>> expected) throws Exception {
        exec(dataSource, "DELETE FROM skills");
        JsonPath job = restore(id);
        assertThat(job.getString("state")).as(job.getString("error")).isEqualTo("succeeded");
        assertThat(snapshot(dataSource)).isEqualTo(expected);
        assertThat(runJob(BACKUPS + "/{id}/restore?dryRun=true", id).getString("state")).isEqualTo("succeeded");
    }

    private static JsonPath manifest(String id) {
        return asAdmin().get(BACKUPS + "/{id}", id).then().statusCode(200).extract().jsonPath();
    }

    private static void useKeys(Map<String, String> keys, String current) {
        useEncryption(BackupKeyRing.configured(Optional.empty(), keys, Optional.of(current)));
    }

    /** As a restart with other keys configured would. */
    private static void useEncryption(BackupKeyRing ring) {
        QuarkusMock.installMockForType(new BackupEncryption(ring), BackupEncryption.class);
    }

    private static String key(int seed) {
        byte[] raw = new byte[32];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (byte) (seed * 31 + i);
        }
        return Base64.getEncoder().encodeToString(raw);
    }
}
