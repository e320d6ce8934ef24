package io.careerdata.backup;

import io.careerdata.backup.BackupMetrics.Operation;
import io.careerdata.backup.BackupMetrics.Stage;
import io.careerdata.cache.CacheRemoval;
import io.careerdata.privacy.ErasureService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * What a restore owes the rest of the service: the people erased since the backup are erased
 * again (in the restoring transaction), and the cache, which holds the data from before, is
 * emptied (after the commit).
 */
@ApplicationScoped
class AfterRestore {

    private static final Logger LOG = Logger.getLogger(AfterRestore.class);
    private static final Duration CACHE_CLEAR_LIMIT = Duration.ofSeconds(30);

    @Inject
    CacheRemoval cache;

    @Inject
    BackupMetrics metrics;

    /**
     * A backup older than an erasure still holds the person: they are erased again in the restoring
     * transaction, so they are never visible ({@code erased_users} is merged, not replaced). Answers
     * how many people that was.
     */
    int eraseAgain(Connection connection) throws SQLException {
        int erased = 0;
        try (Statement st = connection.createStatement()) {
            for (String sql : ErasureService.REAPPLY_SQL) {
                erased = st.executeUpdate(sql); // the last statement deletes the users
            }
        }
        if (erased > 0) {
            LOG.infof("Erased %d people again whom the restored backup still held", erased);
        }
        return erased;
    }

    /**
     * Empties the cache after a restore. The cache's own clear changes its epoch first, so no entry
     * from before is served even while its keys are removed. Waits on this worker thread, bounded;
     * a failure is reported, not thrown (the cache's circuit breaker then keeps it out of use until
     * the epoch has changed).
     */
    boolean clearCache() {
        try {
            long removed = cache.clear(null).await().atMost(CACHE_CLEAR_LIMIT);
            LOG.debugf("Cleared %d cached entries after the restore", removed);
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("The cache could not be cleared after the restore (%s)", BackupFailure.firstLine(e.getMessage()));
            metrics.failed(Operation.RESTORE, Stage.CACHE, Duration.ZERO);
            return false;
        }
    }
}
