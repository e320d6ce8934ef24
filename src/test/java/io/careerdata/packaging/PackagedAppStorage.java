package io.careerdata.packaging;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

/**
 * For suites against the packaged application, which runs with the production profile: writable
 * directories for backups and exports under target/, a named backup key (so the artifact reads the
 * key ring from its configuration, as production does) and no cache warming, whose reads would
 * move the cache counters that the suites assert.
 */
public class PackagedAppStorage implements QuarkusTestResourceLifecycleManager {

    /** The name of the backup key the packaged application is given. */
    public static final String KEY_NAME = "it";

    @Override
    public Map<String, String> start() {
        Path root = Path.of("target", "packaged-app-" + UUID.randomUUID()).toAbsolutePath();
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return Map.of(
                "backup.directory", root.resolve("backups").toString(),
                "backup.encryption.keys." + KEY_NAME, Base64.getEncoder().encodeToString(key),
                "backup.encryption.current-key", KEY_NAME,
                "export.storage-dir", root.resolve("exports").toString(),
                "cache.warming.every", "off");
    }

    @Override
    public void stop() {
    }
}
