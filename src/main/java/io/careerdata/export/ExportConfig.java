package io.careerdata.export;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/** Settings of the GDPR data exports. Each key is {@code export.<name>}, e.g. {@code EXPORT_STORAGE_DIR}. */
@ConfigMapping(prefix = "export")
public interface ExportConfig {

    /** Directory that holds the export files, one sub-directory per user; shared by all replicas. */
    @WithDefault("data/exports")
    Path storageDir();

    /** How long a finished export may be downloaded before the cleanup deletes it. */
    @WithDefault("P7D")
    Duration expiry();

    /** Exports a user may request per rate window (admins are exempt). */
    @WithDefault("3")
    int dailyLimit();

    /** The window the daily limit counts over. */
    @WithDefault("P1D")
    Duration rateWindow();

    /** Retry-After given to a user who asks for an export while one is still being made. */
    @WithDefault("PT30S")
    Duration busyRetryAfter();

    /** Rows fetched from PostgreSQL per round trip while streaming an export. */
    @WithDefault("500")
    int fetchSize();

    /** Exports made at the same time by one replica (each holds one JDBC connection). */
    @WithDefault("1")
    int workers();

    /** The longest an export may take: one still pending or running after this long is failed (a lost one is failed sooner, see jobs.lost-after). */
    @WithDefault("PT1H")
    Duration staleAfter();

    /**
     * How long an erasure waits for a running export of the person, on this replica, to stop and remove
     * its files before it deletes the person's export files itself.
     */
    @WithDefault("PT30S")
    Duration erasureWait();

    /** How often the cleanup runs ("off" disables it, as in the tests). */
    @WithDefault("1h")
    String cleanupEvery();
}
