package io.careerdata.backup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

/**
 * Audit entries of backup operations, written on the operation's own JDBC connection. A restore
 * must write its entry inside its transaction (the restore replaces the audit_log table, and the
 * entry has to survive it), and background runs have no request for
 * {@link io.careerdata.security.AuditLog}. Same table and columns as that class.
 */
final class BackupAudit {

    static final String SCHEDULER = "scheduler";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private BackupAudit() {
    }

    static void record(Connection connection, String actor, String action, String backupId, Map<String, Object> details)
            throws SQLException {
        try (PreparedStatement st = connection.prepareStatement("INSERT INTO audit_log"
                + " (occurred_at, actor, action, target_type, target_id, details) VALUES (now(), ?, ?, 'backup', ?, ?::jsonb)")) {
            st.setString(1, actor);
            st.setString(2, action);
            st.setString(3, backupId);
            st.setString(4, MAPPER.writeValueAsString(details));
            st.executeUpdate();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
