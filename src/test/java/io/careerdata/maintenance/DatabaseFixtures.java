package io.careerdata.maintenance;

import io.careerdata.testing.Jobs;
import io.careerdata.testing.Sql;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Shared steps of the database maintenance tests: plain JDBC on the test's side, jobs through the API. */
final class DatabaseFixtures {

    static final String DATABASE = "/api/v1/data-management/database";

    private DatabaseFixtures() {
    }

    /**
     * Creates {@code table} (autovacuum off, so only a VACUUM cleans it) with {@code rows} rows, deletes
     * all but the first {@code kept}, and asks the session to report its statistics at once.
     */
    static void tableWithDeadRows(DataSource dataSource, String table, int rows, int kept) throws SQLException {
        Sql.exec(dataSource, "CREATE TABLE " + table + " (id int PRIMARY KEY, pad text) WITH (autovacuum_enabled = false)",
                "INSERT INTO " + table + " SELECT g, repeat('x', 100) FROM generate_series(1, " + rows + ") g");
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute("DELETE FROM " + table + " WHERE id > " + kept);
            st.execute("SELECT pg_stat_force_next_flush()");
        }
    }

    /** Waits until the job has ended; answers it as JSON. */
    static JsonPath awaitJob(String jobId) {
        return Jobs.awaitEnd(DATABASE + "/jobs", jobId);
    }
}
