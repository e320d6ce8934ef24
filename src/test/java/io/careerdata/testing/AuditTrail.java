package io.careerdata.testing;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads the audit log straight from PostgreSQL (it has no API), for tests that check what was recorded. */
public final class AuditTrail {

    private AuditTrail() {
    }

    /** "action by actor" for every entry about the record, oldest first. */
    public static List<String> of(String targetType, Object targetId) {
        AgroalDataSource database = Arc.container().instance(AgroalDataSource.class).get();
        try (Connection connection = database.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select action, actor from audit_log where target_type = ? and target_id = ? order by id")) {
            query.setString(1, targetType);
            query.setString(2, targetId.toString());
            List<String> entries = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    entries.add(rows.getString("action") + " by " + rows.getString("actor"));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
