package io.careerdata.maintenance;

import static io.careerdata.maintenance.DatabaseFixtures.DATABASE;
import static io.careerdata.testing.Sql.count;
import static io.careerdata.testing.Sql.exec;
import static io.careerdata.testing.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DatabaseExplainTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ExplainRunner runner;

    @Test
    void shouldListTheCatalogueAndExplainEveryQueryInIt() {
        List<String> names = asAdmin().get(DATABASE + "/explain").then().statusCode(200)
                .extract().jsonPath().getList("name");
        assertThat(names).contains("job-search", "dashboard-counts", "applications-page")
                .hasSameSizeAs(ExplainCatalogue.all());
        for (String name : names) {
            JsonPath plain = asAdmin().get(DATABASE + "/explain/{name}", name).then().statusCode(200)
                    .extract().jsonPath();
            assertThat(plain.getBoolean("analyzed")).isFalse();
            assertThat(plain.getString("plan[0].Plan.'Node Type'")).as(name).isNotBlank();
            assertThat(plain.getString("summary.topNode")).isEqualTo(plain.getString("plan[0].Plan.'Node Type'"));
            assertThat(plain.get("summary.totalTimeMs") == null).as(name).isTrue();

            JsonPath analyzed = asAdmin().get(DATABASE + "/explain/{name}?analyze=true&buffers=true", name)
                    .then().statusCode(200).extract().jsonPath();
            assertThat(analyzed.getDouble("summary.totalTimeMs")).as(name).isNotNegative();
            assertThat(analyzed.getDouble("summary.actualRows")).as(name).isNotNegative();
            assertThat(analyzed.getMap("plan[0].Plan")).as(name).containsKey("Shared Hit Blocks");
            boolean scansAnIndex = analyzed.prettify().contains("\"Index Name\"");
            assertThat(analyzed.getBoolean("summary.indexUsed")).as(name).isEqualTo(scansAnIndex);
        }
    }

    @Test
    void shouldAnswer404ForANameOutsideTheCatalogueAnd400ForABadFlag() {
        asAdmin().get(DATABASE + "/explain/{name}", "select-1").then().statusCode(404)
                .contentType("application/problem+json");
        asAdmin().get(DATABASE + "/explain/{name}", "SELECT * FROM users").then().statusCode(404);
        asAdmin().get(DATABASE + "/explain/job-search?analyze=maybe").then().statusCode(400);
    }

    @Test
    void shouldRunExplainAnalyzeReadOnlyAndRollItBack() throws SQLException {
        long before = count(dataSource, "SELECT count(*) FROM audit_log WHERE action = 'explain.write'");
        ExplainCatalogue.Entry writing = new ExplainCatalogue.Entry("writing", "a write",
                "INSERT INTO audit_log (actor, action, target_type) VALUES ('test', 'explain.write', 'test')", Tuple.tuple());
        assertThatThrownBy(() -> runner.explain(writing, true, false).await().atMost(Duration.ofSeconds(30)))
                .hasMessageContaining("read-only transaction");
        assertThat(count(dataSource, "SELECT count(*) FROM audit_log WHERE action = 'explain.write'")).isEqualTo(before);

        // a read-only statement that writes through a function still leaves nothing behind
        ExplainCatalogue.Entry sequence = new ExplainCatalogue.Entry("sequence", "a sequence bump",
                "SELECT nextval('maint_scratch_seq')", Tuple.tuple());
        exec(dataSource, "CREATE SEQUENCE maint_scratch_seq");
        try {
            assertThatThrownBy(() -> runner.explain(sequence, true, false).await().atMost(Duration.ofSeconds(30)))
                    .hasMessageContaining("read-only transaction");
            assertThat(count(dataSource, "SELECT last_value FROM maint_scratch_seq")).isEqualTo(1);
            assertThat(count(dataSource, "SELECT count(*) FROM maint_scratch_seq WHERE is_called")).isZero();
        } finally {
            exec(dataSource, "DROP SEQUENCE maint_scratch_seq");
        }
    }

    @Test
    void shouldCancelAnExplainAnalyzeThatRunsPastTheTimeout() {
        ExplainCatalogue.Entry sleeping = new ExplainCatalogue.Entry("sleeping", "a long statement",
                "SELECT pg_sleep(60)", Tuple.tuple());
        assertThatThrownBy(() -> runner.explain(sleeping, true, false).await().atMost(Duration.ofSeconds(50)))
                .hasMessageContaining("statement timeout");
    }
}
