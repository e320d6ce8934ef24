package io.careerdata.maintenance;

import static io.careerdata.maintenance.DatabaseFixtures.DATABASE;
import static io.careerdata.maintenance.DatabaseFixtures.awaitJob;
import static io.careerdata.maintenance.DatabaseFixtures.tableWithDeadRows;
import static io.careerdata.testing.Sql.exec;
import static io.careerdata.testing.Api.as;
import static io.careerdata.testing.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.careerdata.testing.AuditTrail;
import io.careerdata.testing.Eventually;
import io.careerdata.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DatabaseTablesTest {

    private static final String SCRATCH = "maint_scratch_dead";

    /** An advisory lock key no other code of the service takes. */
    private static final long ACTIVITY_LOCK = 7_310_021L;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Pool pool;

    @Test
    void shouldShowDeadTuplesOfATableAndLowerThemWithVacuum() throws SQLException {
        tableWithDeadRows(dataSource, SCRATCH, 5000, 1000);
        try {
            Eventually.within(Duration.ofSeconds(30), () -> assertThat(deadTuples()).isGreaterThanOrEqualTo(4000));
            Map<String, Object> before = table();
            assertThat(((Number) before.get("deadRatio")).doubleValue()).isGreaterThan(0.5);
            assertThat(number(before, "tableBytes")).isPositive();
            assertThat(number(before, "indexBytes")).isPositive();
            assertThat(before.get("lastVacuum")).isNull();

            String subject = UUID.randomUUID().toString();
            String location = as(TestTokens.sign(subject, Set.of("admin"), TestTokens.ISSUER))
                    .body(Map.of("table", SCRATCH, "analyzeOnly", false)).post(DATABASE + "/vacuum")
                    .then().statusCode(202).body("kind", equalTo("vacuum")).body("target", equalTo(SCRATCH))
                    .extract().header("Location");
            JsonPath job = awaitJob(location.substring(location.lastIndexOf('/') + 1));
            assertThat(job.getString("state")).as(job.getString("error")).isEqualTo("succeeded");
            assertThat(job.getString("statement")).isEqualTo("VACUUM (ANALYZE) \"" + SCRATCH + "\"");

            Eventually.within(Duration.ofSeconds(30), () -> assertThat(deadTuples()).isLessThan(4000));
            Map<String, Object> after = table();
            assertThat(after.get("lastVacuum")).isNotNull();
            assertThat(after.get("lastAnalyze")).isNotNull();
            assertThat(number(after, "rowsEstimate")).isEqualTo(1000);
            assertThat(number(after, "bloatBytes")).isNotNegative();
            assertThat(AuditTrail.of("database", SCRATCH)).containsExactly("database.vacuum by " + subject);
        } finally {
            exec(dataSource, "DROP TABLE " + SCRATCH);
        }
    }

    @Test
    void shouldListTablesWorstDeadRatioFirst() {
        List<Map<String, Object>> tables = asAdmin().get(DATABASE + "/tables").then().statusCode(200)
                .extract().jsonPath().getList("$");
        List<String> names = tables.stream().map(t -> (String) t.get("name")).toList();
        assertThat(names).contains("users", "job_postings", "audit_log").doesNotContain("flyway_schema_history");
        List<Double> ratios = tables.stream().map(t -> ((Number) t.get("deadRatio")).doubleValue()).toList();
        assertThat(ratios).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void shouldAnalyzeEveryTableAndRefuseUnknownTables() {
        String location = asAdmin().body(Map.of("analyzeOnly", true)).post(DATABASE + "/vacuum")
                .then().statusCode(202).body("kind", equalTo("analyze")).body("target", equalTo("*"))
                .extract().header("Location");
        JsonPath job = awaitJob(location.substring(location.lastIndexOf('/') + 1));
        assertThat(job.getString("state")).as(job.getString("error")).isEqualTo("succeeded");
        assertThat(job.getString("statement")).startsWith("ANALYZE ").contains("\"users\"")
                .doesNotContain("flyway_schema_history");
        assertThat(job.getInt("result.tables")).isGreaterThan(10);

        asAdmin().body(Map.of("table", "users; DROP TABLE users")).post(DATABASE + "/vacuum").then().statusCode(404)
                .contentType("application/problem+json");
        asAdmin().body(Map.of("table", "pg_class")).post(DATABASE + "/vacuum").then().statusCode(404);
        asAdmin().body("{\"table\": 5, \"analyzeOnly\": \"yes\"}").post(DATABASE + "/vacuum").then().statusCode(400);
    }

    @Test
    void shouldFailAJobWhileAnotherMaintenanceRunHoldsTheLock() throws SQLException {
        // another replica's job, as far as this one can tell: the same advisory lock, held elsewhere
        try (Connection other = dataSource.getConnection(); Statement st = other.createStatement()) {
            st.execute("SELECT pg_advisory_lock(" + MaintenanceJobs.LOCK + ")");
            try {
                String id = asAdmin().body(Map.of("table", "skills", "analyzeOnly", true)).post(DATABASE + "/vacuum")
                        .then().statusCode(202).extract().path("id");
                JsonPath job = awaitJob(id);
                assertThat(job.getString("state")).isEqualTo("failed");
                assertThat(job.getString("error")).contains("another maintenance job is running");
            } finally {
                st.execute("SELECT pg_advisory_unlock(" + MaintenanceJobs.LOCK + ")");
            }
        }
        String id = asAdmin().body(Map.of("table", "skills", "analyzeOnly", true)).post(DATABASE + "/vacuum")
                .then().statusCode(202).extract().path("id");
        assertThat(awaitJob(id).getString("state")).isEqualTo("succeeded");
    }

    @Test
    void shouldSummariseTheActivityOfThisDatabase() throws Exception {
        try (Connection open = dataSource.getConnection()) {
            open.setAutoCommit(false);
            try (Statement st = open.createStatement()) {
                // holds the lock until the rollback below, idle in transaction meanwhile
                st.execute("SELECT pg_advisory_xact_lock(" + ACTIVITY_LOCK + ")");
            }
            Thread.sleep(300);
            // another session waits for that lock (a statement of its own: the lock ends with it)
            var waiter = pool.query("SELECT pg_advisory_xact_lock(" + ACTIVITY_LOCK + ")").execute()
                    .subscribeAsCompletionStage();
            try {
                Eventually.within(Duration.ofSeconds(10), () -> {
                    JsonPath activity = asAdmin().get(DATABASE + "/activity").then().statusCode(200).extract().jsonPath();
                    assertThat(activity.getInt("sessionsByState.'idle in transaction'")).isGreaterThanOrEqualTo(1);
                    assertThat(activity.getInt("sessionsByState.active")).isGreaterThanOrEqualTo(1);
                    assertThat(activity.getDouble("longestTransactionSeconds")).isGreaterThanOrEqualTo(0.3);
                    assertThat(activity.getLong("waitingLocks")).isGreaterThanOrEqualTo(1);
                    assertThat(activity.getLong("sessionsWaitingOnLocks")).isGreaterThanOrEqualTo(1);
                });
            } finally {
                open.rollback();
                waiter.toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
    }

    private Map<String, Object> table() {
        Map<String, Object> found = asAdmin().get(DATABASE + "/tables").then().statusCode(200)
                .extract().jsonPath().getMap("find { it.name == '" + SCRATCH + "' }");
        assertThat(found).as("table %s", SCRATCH).isNotNull();
        return found;
    }

    private static long number(Map<String, Object> table, String field) {
        return ((Number) table.get(field)).longValue();
    }

    private long deadTuples() {
        return number(table(), "deadTuples");
    }
}
