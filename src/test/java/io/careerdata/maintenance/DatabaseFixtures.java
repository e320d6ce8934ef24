package io.careerdata.maintenance;

import static io.careerdata.testing.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import io.careerdata.testing.Eventually;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;

/** Shared steps of the database maintenance tests: plain JDBC on the test's side, jobs through the API. */
final class DatabaseFixtures {

    static final String DATABASE = "/api/v1/data-management/database";

    private DatabaseFixtures() {
    }

    /** Runs each statement in autocommit (CONCURRENTLY and VACUUM need it). */
    static void exec(DataSource dataSource, String... statements) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(true);
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }

    static long count(DataSource dataSource, String sql, Object... args) throws SQLException {
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

    /** Waits until the job has ended; answers it as JSON. */
    static JsonPath awaitJob(String jobId) {
        AtomicReference<JsonPath> job = new AtomicReference<>();
        Eventually.within(Duration.ofMinutes(2), () -> {
            job.set(asAdmin().get(DATABASE + "/jobs/{id}", jobId).then().statusCode(200).extract().jsonPath());
            assertThat(job.get().getString("state")).as("job %s", jobId).isNotIn("queued", "running");
        });
        return job.get();
    }
}
