package io.careerdata.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Backups and exports each hold a JDBC connection for a whole run. Readiness must not wait for
 * one: with every JDBC connection taken, the probe still answers UP well within the kubelet's 1 s.
 */
@QuarkusTest
class ReadinessDuringJobsTest {

    @Inject
    AgroalDataSource jobPool;

    @ConfigProperty(name = "quarkus.datasource.jdbc.max-size")
    int jobPoolSize;

    @Test
    void readinessShouldStayUpWhileJobsHoldEveryJdbcConnection() throws SQLException {
        List<Connection> held = new ArrayList<>();
        try {
            for (int i = 0; i < jobPoolSize; i++) {
                held.add(jobPool.getConnection());
            }
            long start = System.nanoTime();
            given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
            assertThat((System.nanoTime() - start) / 1_000_000).as("readiness answer time, ms").isLessThan(1000);
        } finally {
            for (Connection connection : held) {
                connection.close();
            }
        }
    }
}
