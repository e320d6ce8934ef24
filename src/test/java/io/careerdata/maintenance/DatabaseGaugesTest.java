package io.careerdata.maintenance;

import static io.careerdata.maintenance.DatabaseFixtures.tableWithDeadRows;
import static io.careerdata.testing.Sql.exec;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DatabaseGaugesTest {

    private static final String SCRATCH = "maint_scratch_gauges";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    DatabaseGauges gauges;

    @Test
    void shouldPublishTableAndIndexGaugesAndDropThoseOfADroppedTable() throws SQLException {
        tableWithDeadRows(dataSource, SCRATCH, 100, 25);
        try {
            io.careerdata.testing.Eventually.within(Duration.ofSeconds(30), () -> {
                gauges.refresh().await().atMost(Duration.ofSeconds(10));
                assertThat(value(metrics(), "database_table_dead_ratio", SCRATCH)).isEqualTo(0.75);
            });
            String text = metrics();
            assertThat(value(text, "database_table_size_bytes", "users")).isPositive();
            assertThat(value(text, "database_indexes_invalid", null)).isZero();
            assertThat(value(text, "database_slow_queries", null)).isNotNegative();
        } finally {
            exec(dataSource, "DROP TABLE " + SCRATCH);
        }
        gauges.refresh().await().atMost(Duration.ofSeconds(10));
        assertThat(metrics()).doesNotContain("table=\"" + SCRATCH + "\"");
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static double value(String metrics, String name, String table) {
        String labels = table == null ? "(\\{[^}]*\\})?" : "\\{[^}]*table=\"" + table + "\"[^}]*\\}";
        Matcher m = Pattern.compile("(?m)^" + name + labels + " (\\S+)$").matcher(metrics);
        assertThat(m.find()).as("%s{table=%s} in /q/metrics", name, table).isTrue();
        return Double.parseDouble(m.group(m.groupCount()));
    }
}
