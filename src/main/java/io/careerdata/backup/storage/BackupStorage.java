package io.careerdata.backup.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Optional;

/**
 * Where backups live: a set of named backups, each a set of named files. Names are checked by the
 * implementation; only names that {@link BackupNames} accepts ever reach it. All methods block:
 * call them on worker threads.
 */
public interface BackupStorage {

    /** Starts writing a new backup; nothing of it is visible until {@link Draft#publish()}. */
    Draft create(String backupId) throws IOException;

    /** The ids of the published backups, in no particular order. */
    List<String> list() throws IOException;

    boolean exists(String backupId) throws IOException;

    /** Reads one file of a published backup. */
    InputStream open(String backupId, String file) throws IOException;

    /** Size in bytes of one file, if present. */
    Optional<Long> size(String backupId, String file) throws IOException;

    /** Writes (or replaces atomically) a small file beside a published backup, e.g. its last verification. */
    void writeSmall(String backupId, String file, byte[] content) throws IOException;

    /** Deletes a backup with all its files. */
    void delete(String backupId) throws IOException;

    /** Removes the unpublished draft of {@code backupId}, if any (a run found lost). */
    void removeDraft(String backupId) throws IOException;

    /** Removes drafts left by runs that died, older than {@code ageMillis}. */
    int removeAbandonedDrafts(long ageMillis) throws IOException;

    /** A backup being written. */
    interface Draft extends AutoCloseable {

        OutputStream write(String file) throws IOException;

        /** Makes the backup visible, all files at once. */
        void publish() throws IOException;

        /** Discards an unpublished draft; does nothing after {@link #publish()}. */
        @Override
        void close() throws IOException;
    }
}
