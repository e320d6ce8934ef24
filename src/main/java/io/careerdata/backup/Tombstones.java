package io.careerdata.backup;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The rows of {@code backup_deletions} (what incrementals carry as deletions) that no kept
 * backup can still need. Called after a backup and after retention, holding the backup lock.
 */
@ApplicationScoped
class Tombstones {

    @Inject
    BackupRepository repository;

    /** Tombstones that every kept backup of the current lineage has seen are of no further use. */
    void prune(Connection connection) throws SQLException {
        var lineage = SchemaCatalog.lineage(connection);
        List<Manifest> current = repository.all().stream().filter(m -> lineage.equals(m.lineage())).toList();
        if (current.isEmpty()) {
            return;
        }
        String oldest = current.get(current.size() - 1).snapshot();
        try (Statement st = connection.createStatement()) {
            st.execute("DELETE FROM backup_deletions WHERE pg_visible_in_snapshot(xid, "
                    + SchemaCatalog.literal(oldest) + "::pg_snapshot)");
        }
    }
}
