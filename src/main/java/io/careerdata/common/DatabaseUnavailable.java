package io.careerdata.common;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.Set;

/**
 * Failures that mean PostgreSQL cannot be reached right now, not that the request or the service is wrong:
 * the client gets 503 with Retry-After and may send the same request again.
 */
final class DatabaseUnavailable {

    /** admin_shutdown, crash_shutdown, cannot_connect_now ("the database system is starting up") */
    private static final Set<String> SHUTTING_DOWN = Set.of("57P01", "57P02", "57P03");

    /** Seconds a client should wait: PostgreSQL restarts and fail-overs take a few. */
    static final String RETRY_AFTER_SECONDS = "5";

    private DatabaseUnavailable() {
    }

    /** True when the failure or one of its causes is a refused, closed or shutting-down connection. */
    static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof ClosedConnectionException) {
                return true;
            }
            if (t instanceof PgException pg && isUnavailable(pg.getSqlState())) {
                return true;
            }
            if (t instanceof SQLException sql && isUnavailable(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Class 08 is connection exception. */
    private static boolean isUnavailable(String sqlState) {
        return sqlState != null && (sqlState.startsWith("08") || SHUTTING_DOWN.contains(sqlState));
    }
}
