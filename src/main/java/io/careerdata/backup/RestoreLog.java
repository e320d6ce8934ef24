package io.careerdata.backup;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Follows a restore table by table (debug log). A bean of its own so that tests can stand in for
 * it and break a restore halfway, the way a crash or a killed connection would.
 */
@ApplicationScoped
public class RestoreLog {

    private static final Logger LOG = Logger.getLogger(RestoreLog.class);

    /** @param backendPid the PostgreSQL backend of the restoring connection */
    public void tableLoaded(String table, long rows, int backendPid) {
        LOG.debugf("Restored %s: %s rows (backend %s)", table, rows, backendPid);
    }
}
