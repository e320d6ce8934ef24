package io.careerdata.maintenance;

import static io.careerdata.maintenance.DatabaseFixtures.DATABASE;
import static io.careerdata.maintenance.DatabaseFixtures.awaitJob;
import static io.careerdata.testing.Sql.count;
import static io.careerdata.testing.Sql.exec;
import static io.careerdata.testing.Api.as;
import static io.careerdata.testing.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.careerdata.testing.AuditTrail;
import io.careerdata.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DatabaseIndexesTest {

    private static final String DROPPED = "export_jobs_expires_idx";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    DeclaredIndexes declared;

    @Test
    void shouldDeclareTheIndexesTheMigrationsCreate() throws SQLException {
        assertThat(declared.all()).containsKeys("users_email_lower_uq", "agent_tasks_queue_idx", DROPPED);
        DeclaredIndex queue = declared.find("agent_tasks_queue_idx").orElseThrow();
        assertThat(queue.table()).isEqualTo("agent_tasks");
        assertThat(queue.concurrentStatement()).startsWith("CREATE INDEX CONCURRENTLY agent_tasks_queue_idx ON agent_tasks")
                .endsWith("WHERE status IN ('pending', 'running')");
        assertThat(declared.find("users_email_lower_uq").orElseThrow().concurrentStatement())
                .startsWith("CREATE UNIQUE INDEX CONCURRENTLY users_email_lower_uq ON users");
        // every declared index exists in the migrated schema, and nothing else of the service's is declared
        JsonPath report = asAdmin().get(DATABASE + "/indexes").then().statusCode(200).extract().jsonPath();
        List<String> declaredInDatabase = report.getList("indexes.findAll { it.declared }.name");
        assertThat(declaredInDatabase).containsExactlyInAnyOrderElementsOf(declared.all().keySet());
        assertThat(report.getList("indexes.findAll { it.primary }.name")).contains("users_pkey");
    }

    @Test
    void shouldReportAnIndexDroppedByHandAsMissingAndRebuildItFromItsMigration() throws SQLException {
        String statement = declared.find(DROPPED).orElseThrow().statement();
        exec(dataSource, "DROP INDEX " + DROPPED);
        try {
            JsonPath report = asAdmin().get(DATABASE + "/indexes").then().statusCode(200).extract().jsonPath();
            assertThat(report.getList("missing.name")).containsExactly(DROPPED);
            assertThat(report.getString("missing[0].table")).isEqualTo("export_jobs");
            assertThat(report.getList("indexes.name")).doesNotContain(DROPPED);

            String subject = UUID.randomUUID().toString();
            String location = as(TestTokens.sign(subject, Set.of("admin"), TestTokens.ISSUER))
                    .post(DATABASE + "/indexes/{name}/rebuild", DROPPED).then().statusCode(202)
                    .body("kind", equalTo("create-index")).body("target", equalTo(DROPPED))
                    .extract().header("Location");
            JsonPath job = awaitJob(location.substring(location.lastIndexOf('/') + 1));
            assertThat(job.getString("state")).as(job.getString("error")).isEqualTo("succeeded");
            assertThat(job.getString("statement")).startsWith("CREATE INDEX CONCURRENTLY " + DROPPED);

            assertThat(count(dataSource, "SELECT count(*) FROM pg_indexes WHERE indexname = ?", DROPPED)).isEqualTo(1);
            JsonPath after = asAdmin().get(DATABASE + "/indexes").then().statusCode(200).extract().jsonPath();
            assertThat(after.getList("missing")).isEmpty();
            assertThat(after.getBoolean("indexes.find { it.name == '" + DROPPED + "' }.valid")).isTrue();
            assertThat(AuditTrail.of("database", DROPPED)).containsExactly("database.index.rebuild by " + subject);
        } finally {
            exec(dataSource, statement.replaceFirst("INDEX ", "INDEX IF NOT EXISTS "));
        }
    }

    @Test
    void shouldReindexAnExistingDeclaredIndexAndRefuseUnknownNames() {
        String location = asAdmin().post(DATABASE + "/indexes/{name}/rebuild", "ai_results_stored_at_idx")
                .then().statusCode(202).body("kind", equalTo("reindex")).extract().header("Location");
        JsonPath job = awaitJob(location.substring(location.lastIndexOf('/') + 1));
        assertThat(job.getString("state")).as(job.getString("error")).isEqualTo("succeeded");
        assertThat(job.getString("statement")).isEqualTo("REINDEX INDEX CONCURRENTLY \"ai_results_stored_at_idx\"");

        asAdmin().post(DATABASE + "/indexes/{name}/rebuild", "no_such_idx").then().statusCode(404)
                .contentType("application/problem+json");
        // an index that exists but no migration declares is not the service's to rebuild
        asAdmin().post(DATABASE + "/indexes/{name}/rebuild", "users_pkey").then().statusCode(404);
        asAdmin().get(DATABASE + "/jobs/{id}", UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void shouldFindAnInvalidIndexLeftByAFailedConcurrentBuild() throws SQLException {
        exec(dataSource, "CREATE TABLE maint_scratch_dupes (v int)", "INSERT INTO maint_scratch_dupes VALUES (1), (1)");
        try {
            try {
                exec(dataSource, "CREATE UNIQUE INDEX CONCURRENTLY maint_scratch_dupes_uq ON maint_scratch_dupes (v)");
            } catch (SQLException expected) {
                assertThat(expected.getMessage()).contains("could not create unique index");
            }
            JsonPath report = asAdmin().get(DATABASE + "/indexes").then().statusCode(200).extract().jsonPath();
            Map<String, Object> index = report.getMap("indexes.find { it.name == 'maint_scratch_dupes_uq' }");
            assertThat(index).containsEntry("valid", false).containsEntry("declared", false)
                    .containsEntry("table", "maint_scratch_dupes");
            assertThat(report.getInt("invalidCount")).isGreaterThanOrEqualTo(1);
        } finally {
            exec(dataSource, "DROP TABLE maint_scratch_dupes");
        }
        JsonPath report = asAdmin().get(DATABASE + "/indexes").then().statusCode(200).extract().jsonPath();
        assertThat(report.getInt("invalidCount")).isZero();
    }

    @Test
    void shouldReportRedundantUnusedIndexesAndUnindexedForeignKeys() throws SQLException {
        exec(dataSource, "CREATE TABLE maint_scratch_parent (id int PRIMARY KEY)",
                "CREATE TABLE maint_scratch_child (id int PRIMARY KEY, parent_id int REFERENCES maint_scratch_parent,"
                        + " other_id int REFERENCES maint_scratch_parent, a int, b int)",
                "CREATE INDEX maint_scratch_a_idx ON maint_scratch_child (a)",
                "CREATE INDEX maint_scratch_ab_idx ON maint_scratch_child (a, b)",
                "CREATE INDEX maint_scratch_b_partial_idx ON maint_scratch_child (b) WHERE b > 0",
                "CREATE INDEX maint_scratch_b_idx ON maint_scratch_child (b)",
                "CREATE INDEX maint_scratch_other_idx ON maint_scratch_child (other_id, a)");
        try {
            JsonPath report = asAdmin().get(DATABASE + "/indexes").then().statusCode(200).extract().jsonPath();
            assertThat(report.getList("redundant.findAll { it.table == 'maint_scratch_child' }.index"))
                    .containsExactly("maint_scratch_a_idx");
            assertThat(report.getString("redundant.find { it.table == 'maint_scratch_child' }.coveredBy"))
                    .isEqualTo("maint_scratch_ab_idx");
            assertThat(report.getList("unindexedForeignKeys.findAll { it.table == 'maint_scratch_child' }.columns"))
                    .containsExactly(List.of("parent_id"));
            Map<String, Object> fresh = report.getMap("indexes.find { it.name == 'maint_scratch_b_idx' }");
            assertThat(fresh).containsEntry("unused", true).containsEntry("scans", 0);
            assertThat(report.getBoolean("indexes.find { it.name == 'maint_scratch_child_pkey' }.unused")).isFalse();
            // the service's own schema has no redundant index and no unindexed foreign key
            assertThat(report.getList("redundant.findAll { !it.table.startsWith('maint_scratch') }")).isEmpty();
            assertThat(report.getList("unindexedForeignKeys.findAll { !it.table.startsWith('maint_scratch') }")).isEmpty();
        } finally {
            exec(dataSource, "DROP TABLE maint_scratch_child", "DROP TABLE maint_scratch_parent");
        }
    }
}
