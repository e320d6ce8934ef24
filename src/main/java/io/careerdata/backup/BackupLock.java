package io.careerdata.backup;

import io.agroal.api.AgroalDataSource;
import io.careerdata.backup.BackupMetrics.Stage;
import io.careerdata.jobs.InstanceId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.jboss.logging.Logger;

/**
 * The one-at-a-time rule across replicas: everything that writes (backup, restore, delete,
 * retention) or rehearses runs holding a PostgreSQL advisory lock, on a JDBC connection of its
 * own; while another run holds it, here or on another replica, the run is skipped ({@link Busy}).
 */
@ApplicationScoped
class BackupLock {

    private static final Logger LOG = Logger.getLogger(BackupLock.class);
    static final String LOCK = "hashtext('career-data-service:backup')";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    InstanceId instance;

    /** Another run holds the backup lock, here or on another replica. */
    static final class Busy extends RuntimeException {
        Busy() {
            super("another backup, restore or retention run is in progress", null, false, false);
        }
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException, IOException;
    }

    /** Runs {@code work} holding the backup lock; throws {@link Busy} when someone else holds it. */
    <T> T locked(Work<T> work) {
        return unlocked(connection -> {
            connection.setAutoCommit(true);
            if (!queryBoolean(connection, "SELECT pg_try_advisory_lock(" + LOCK + ")")) {
                throw new Busy();
            }
            try {
                // names the holder: a replica that finds this instance lost ends the session, and so the lock
                setApplicationName(connection, InstanceId.lockHolderName(instance.value()));
                return work.run(connection);
            } finally {
                release(connection);
            }
        });
    }

    /** Runs {@code work} on a connection of its own, without the lock (reading the schema version). */
    <T> T unlocked(Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new BackupFailure(Stage.DATABASE, "the database failed: " + BackupFailure.firstLine(e.getMessage()), e);
        } catch (IOException | UncheckedIOException e) {
            throw new BackupFailure(Stage.STORAGE, "the backup storage failed: " + e.getMessage(), e);
        }
    }

    /**
     * Ends the transaction and gives the lock back. On a broken connection the server has ended the
     * session, and with it the lock; the pool is told to drop such connections.
     */
    private void release(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            queryBoolean(connection, "SELECT pg_advisory_unlock(" + LOCK + ")");
            try (Statement st = connection.createStatement()) {
                st.execute("RESET application_name");
            }
        } catch (SQLException e) {
            LOG.debugf("Backup connection lost (%s)", e.getMessage());
            dataSource.flush(AgroalDataSource.FlushMode.INVALID);
        }
    }

    private static void setApplicationName(Connection connection, String name) throws SQLException {
        try (var st = connection.prepareStatement("SELECT set_config('application_name', ?, false)")) {
            st.setString(1, name);
            st.execute();
        }
    }

    private static boolean queryBoolean(Connection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
