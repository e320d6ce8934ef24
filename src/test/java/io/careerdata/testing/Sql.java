package io.careerdata.testing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Plain JDBC on the test's side: set-up statements and single numbers read back. */
public final class Sql {

    private Sql() {
    }

    /** Runs each statement in autocommit (CREATE INDEX CONCURRENTLY and VACUUM need it). */
    public static void exec(DataSource dataSource, String... statements) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    /** The first column of the first row of a query. */
    public static long count(DataSource dataSource, String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = st.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
