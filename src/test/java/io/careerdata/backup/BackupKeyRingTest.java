package io.careerdata.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the configured keys make a key ring, and what configuration is refused at start-up. */
class BackupKeyRingTest {

    private static final String A = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String B = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
        13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32});

    @Test
    void shouldKeepTheUnnamedKeyCurrentUntilAnotherIsNamed() {
        BackupKeyRing unnamedOnly = BackupKeyRing.configured(Optional.of(A), Map.of(), Optional.empty());
        assertThat(unnamedOnly.current()).hasValueSatisfying(k -> assertThat(k.name()).isNull());

        BackupKeyRing added = BackupKeyRing.configured(Optional.of(A), Map.of("b", B), Optional.empty());
        assertThat(added.current()).hasValueSatisfying(k -> assertThat(k.setting()).isEqualTo("backup.encryption-key"));
        assertThat(added.all()).hasSize(2);

        BackupKeyRing switched = BackupKeyRing.configured(Optional.of(A), Map.of("b", B), Optional.of("b"));
        assertThat(switched.current()).hasValueSatisfying(k -> assertThat(k.name()).isEqualTo("b"));
    }

    @Test
    void shouldEncryptNothingWithoutKeysAndTakeNamesInLowerCase() {
        assertThat(BackupKeyRing.configured(Optional.of(" "), Map.of(), Optional.empty()).current()).isEmpty();
        BackupKeyRing fromEnvironment = BackupKeyRing.configured(Optional.empty(), Map.of("K2027", B), Optional.of("K2027"));
        assertThat(fromEnvironment.current()).hasValueSatisfying(k -> assertThat(k.name()).isEqualTo("k2027"));
    }

    @Test
    void shouldReadNamedKeysFromTheEnvironmentVariablesTheReadmeNames() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(Map.of("BACKUP_ENCRYPTION_KEY", A, "BACKUP_ENCRYPTION_KEYS_K2027", B,
                        "BACKUP_ENCRYPTION_CURRENT_KEY", "k2027"), 300))
                .withMapping(BackupConfig.class).withValidateUnknown(false).build();
        BackupEncryption encryption = new BackupEncryption(config.getConfigMapping(BackupConfig.class));

        assertThat(encryption.keys().all()).extracting(BackupKeys::setting)
                .containsExactly("backup.encryption-key", "backup.encryption.keys.k2027");
        assertThat(encryption.manifestEntry()).hasValueSatisfying(e -> assertThat(e.keyName()).isEqualTo("k2027"));
    }

    @Test
    void shouldFindAKeyByItsFingerprintUnderEitherScheme() {
        BackupKeyRing ring = BackupKeyRing.configured(Optional.empty(), Map.of("a", A, "b", B), Optional.of("a"));
        BackupKeys b = ring.all().stream().filter(k -> "b".equals(k.name())).findFirst().orElseThrow();
        for (BackupKeys.Scheme scheme : BackupKeys.Scheme.values()) {
            assertThat(ring.find(scheme, b.keyId(scheme))).containsSame(b);
        }
        assertThat(ring.find(BackupKeys.Scheme.CURRENT, "0000000000000000")).isEmpty();
        assertThatThrownBy(() -> ring.keyOf("x", new Manifest.Encryption("AES-256-GCM", "0000000000000000", "HKDF-SHA256", "c")))
                .isInstanceOf(BackupKeyRing.MissingKey.class)
                .hasMessage("backup x was encrypted with key \"c\" (key id 0000000000000000), which is not configured;"
                        + " configure it as backup.encryption.keys.c to read this backup");
    }

    @Test
    void shouldRefuseAConfigurationThatWouldFailLater() {
        assertThatThrownBy(() -> BackupKeyRing.configured(Optional.empty(), Map.of("a", A), Optional.empty()))
                .hasMessageContaining("backup.encryption.current-key must name the key new backups use, one of [a]");
        assertThatThrownBy(() -> BackupKeyRing.configured(Optional.empty(), Map.of("a", A), Optional.of("z")))
                .hasMessageContaining("current-key is z, which is not one of");
        assertThatThrownBy(() -> BackupKeyRing.configured(Optional.empty(), Map.of("a", "not base64!"), Optional.of("a")))
                .hasMessage("backup.encryption.keys.a is not valid base64");
        assertThatThrownBy(() -> BackupKeyRing.configured(Optional.empty(), Map.of("a", "AAAA"), Optional.of("a")))
                .hasMessageContaining("must be 32 bytes");
        assertThatThrownBy(() -> BackupKeyRing.configured(Optional.empty(), Map.of("a/b", A), Optional.of("a/b")))
                .hasMessageContaining("a key name is 1 to 40 letters");
        assertThatThrownBy(() -> BackupKeyRing.configured(Optional.empty(), Map.of("a", A, "A", B), Optional.of("a")))
                .hasMessageContaining("configured twice");
        assertThatThrownBy(() -> BackupKeyRing.configured(Optional.of("AAAA"), Map.of(), Optional.empty()))
                .hasMessage("backup.encryption-key must be 32 bytes (AES-256), base64-encoded");
    }
}
