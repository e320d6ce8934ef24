package io.careerdata.backup.storage;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The names the service gives to backups and their files. Names from a request or a manifest are
 * only ever checked against these patterns, never turned into paths as they are.
 */
public final class BackupNames {

    /** e.g. 20250301-020000-full-1a2b3c4d: sorts by time, says the type, cannot hold a path. */
    private static final Pattern BACKUP_ID = Pattern.compile("[0-9]{8}-[0-9]{6}-(full|incr)-[0-9a-f]{8}");
    private static final Pattern FILE = Pattern.compile("[a-z0-9][a-z0-9-]{0,60}\\.[a-z0-9.]{1,20}");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private BackupNames() {
    }

    public static String newBackupId(Instant at, boolean full) {
        // UUID's generator is seeded at run time, also in a native image (a static SecureRandom would be built in)
        String random = UUID.randomUUID().toString().substring(0, 8);
        return STAMP.format(at) + "-" + (full ? "full" : "incr") + "-" + random;
    }

    public static boolean isBackupId(String value) {
        return value != null && BACKUP_ID.matcher(value).matches();
    }

    public static boolean isFileName(String value) {
        return value != null && FILE.matcher(value).matches() && !value.contains("..");
    }

    static String requireBackupId(String value) {
        if (!isBackupId(value)) {
            throw new IllegalArgumentException("not a backup id");
        }
        return value;
    }

    static String requireFileName(String value) {
        if (!isFileName(value)) {
            throw new IllegalArgumentException("not a backup file name");
        }
        return value;
    }
}
