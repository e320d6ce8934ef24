package io.careerdata.backup;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import jakarta.validation.constraints.Pattern;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Configuration of backups, restores, schedules and retention (prefix {@code backup}). */
@ConfigMapping(prefix = "backup")
public interface BackupConfig {

    /** Directory that holds the backups (a PersistentVolume in Kubernetes). */
    @WithDefault("/var/lib/career-data/backups")
    String directory();

    /**
     * Base64 of a 32-byte AES-256 key, the unnamed key of deployments before named keys; when set and
     * no {@code backup.encryption.current-key} is, new backups are encrypted (AES-256-GCM) with it.
     * Give it through the environment only.
     */
    Optional<String> encryptionKey();

    /** Named backup keys, for rotation. */
    Encryption encryption();

    /** gzip level of the table files, 1 (fastest) to 9 (smallest). */
    @WithDefault("1")
    int compressionLevel();

    /** Schedules, as Quartz-style cron expressions; "off" turns one off. */
    Schedule schedule();

    /** How long backups are kept, and how many. */
    Retention retention();

    /** Verification and restore drills. */
    Verify verify();

    /** Restores. */
    Restore restore();

    interface Encryption {

        /**
         * Keys by name ({@code backup.encryption.keys.<name>}, base64 of 32 bytes each; names in lower
         * case letters, digits and dashes). Every key a kept backup was made with must stay here.
         */
        Map<String, String> keys();

        /** The name of the key new backups use; unset: {@code backup.encryption-key}, if set. */
        Optional<String> currentKey();
    }

    interface Schedule {

        /** Daily incremental backup. */
        @WithDefault("0 0 2 * * ?")
        String daily();

        /** Weekly full backup (Sunday). */
        @WithDefault("0 30 1 ? * SUN")
        String weekly();

        /** Monthly full backup (first day of the month). */
        @WithDefault("0 0 1 1 * ?")
        String monthly();

        /** Verification of the newest backups. */
        @WithDefault("0 0 4 * * ?")
        String verify();

        /** Restore drill of the newest chain into a scratch schema. */
        @WithDefault("0 0 5 ? * SAT")
        String drill();
    }

    interface Retention {

        /** Backups older than this are deleted, unless a rule below keeps them. */
        @WithDefault("P30D")
        Duration maxAge();

        /** At most this many backups are kept, unless a rule below keeps more. */
        @WithDefault("50")
        int maxCount();

        /** Finished jobs are forgotten after this long. */
        @WithDefault("P30D")
        Duration jobHistory();
    }

    interface Verify {

        /** How many of the newest backups the scheduled verification checks. */
        @WithDefault("3")
        int newest();
    }

    interface Restore {

        /** How long a restore waits for the locks on the tables before it gives up (running requests hold them). */
        @WithDefault("PT30S")
        Duration lockTimeout();

        /**
         * After applying incrementals, compare every restored table with the digest in the newest
         * manifest before committing (reads the tables once more). A full backup alone is checked by
         * its row counts.
         */
        @WithDefault("true")
        boolean checkDigests();

        /**
         * Tables a restore merges into rather than replaces: the backup's rows are added, the rows
         * there are kept. {@code erased_users} is the memory of GDPR erasures, which must outlive any
         * restore (the restore then erases those people again).
         */
        @WithDefault("erased_users")
        Set<String> mergeTables();

        /** PostgreSQL maintenance_work_mem of the restoring transaction: memory to rebuild indexes and keys. */
        @WithDefault("256MB")
        @Pattern(regexp = "[0-9]+(kB|MB|GB)")
        String maintenanceWorkMem();
    }
}
