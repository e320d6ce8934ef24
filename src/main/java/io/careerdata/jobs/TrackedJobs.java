package io.careerdata.jobs;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A kind of long job whose rows carry {@code instance_id}, {@code heartbeat_at} and {@code retryable}
 * (backup jobs, export jobs). {@link JobHeartbeats} keeps their heartbeats, fails the lost ones, and
 * {@link JobShutdown} drains them; the implementation knows its own jobs and files.
 */
public interface TrackedJobs {

    /** Where the rows are and what an unfinished one looks like. */
    Table table();

    /** The ids of the jobs this replica runs now whose row has been written. */
    Set<UUID> runningHere();

    /** Asks these jobs of this replica to stop between two steps. */
    void stop(Set<UUID> ids, String reason, boolean retryable);

    /** Removes what the jobs of these rows, just failed as lost or interrupted, left behind (partial files). */
    Uni<Void> cleanUp(List<Row> failed);

    /**
     * @param name the table
     * @param activeStates the unfinished states, as an SQL list ({@code 'queued', 'running'})
     * @param endedColumn the column that records when a job ended
     * @param alsoSet further assignments when a job is failed here, or empty ({@code , revision = revision + 1})
     */
    record Table(String name, String activeStates, String endedColumn, String alsoSet) {
    }
}
