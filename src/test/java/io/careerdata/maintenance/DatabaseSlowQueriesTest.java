package io.careerdata.maintenance;

import static io.careerdata.maintenance.DatabaseFixtures.DATABASE;
import static io.careerdata.testing.Sql.exec;
import static io.careerdata.testing.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DatabaseSlowQueriesTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldListASlowStatementAsPostgresqlNormalisesIt() throws SQLException {
        exec(dataSource, "SELECT pg_sleep(0.2)", "SELECT pg_sleep(0.2)", "SELECT pg_sleep(0.2)");
        JsonPath answer = asAdmin().get(DATABASE + "/slow-queries?limit=100").then().statusCode(200)
                .body("available", equalTo(true)).extract().jsonPath();
        Map<String, Object> sleep = answer.getMap("statements.find { it.query == 'SELECT pg_sleep($1)' }");
        assertThat(sleep).as("pg_sleep in %s", answer.getList("statements.query")).isNotNull();
        assertThat(((Number) sleep.get("calls")).longValue()).isGreaterThanOrEqualTo(3);
        // pg_sleep(0.2) cannot take less than 200 ms: the statistics come from the server's own clock
        assertThat(((Number) sleep.get("maxTimeMs")).doubleValue()).isGreaterThanOrEqualTo(200);
        assertThat(((Number) sleep.get("totalTimeMs")).doubleValue()).isGreaterThanOrEqualTo(600);
        assertThat(answer.getList("statements.totalTimeMs", Double.class))
                .isSortedAccordingTo((a, b) -> Double.compare(b, a));

        assertThat(asAdmin().get(DATABASE + "/slow-queries?limit=2").then().statusCode(200)
                .extract().jsonPath().getList("statements")).hasSize(2);
        assertThat(asAdmin().get(DATABASE + "/slow-queries").then().statusCode(200)
                .extract().jsonPath().getList("statements")).hasSizeLessThanOrEqualTo(20);
    }

    @Test
    void shouldSayHowToEnableTheStatisticsWhenTheExtensionIsMissing() throws SQLException {
        exec(dataSource, "DROP EXTENSION pg_stat_statements");
        try {
            asAdmin().get(DATABASE + "/slow-queries").then().statusCode(200)
                    .body("available", equalTo(false))
                    .body("howToEnable", org.hamcrest.Matchers.containsString("shared_preload_libraries"))
                    .body("statements", org.hamcrest.Matchers.nullValue());
        } finally {
            exec(dataSource, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        }
        asAdmin().get(DATABASE + "/slow-queries").then().statusCode(200).body("available", equalTo(true));
    }

    @Test
    void shouldRefuseALimitOutsideOneToAHundred() {
        for (String limit : new String[] {"0", "101", "-1", "ten"}) {
            asAdmin().get(DATABASE + "/slow-queries?limit=" + limit).then().statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("limit"));
        }
    }
}
