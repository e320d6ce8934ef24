package io.careerdata.health;

import static io.careerdata.testing.Api.asUser;
import static io.careerdata.testing.Api.newUser;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.careerdata.testing.Eventually;
import io.careerdata.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HealthTest {

    private static final Duration SETTLE = Duration.ofSeconds(30);

    @BeforeEach
    void serversAreUp() {
        Eventually.within(SETTLE, () -> given().get("/q/health/ready").then().statusCode(200));
        Eventually.within(SETTLE, () -> given().get("/q/health/well").then().statusCode(200));
    }

    @Test
    void shouldReportAllProbesUpWithoutAToken() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem("postgresql"));
        given().get("/q/health/well").then().statusCode(200).body("checks.name", hasItem("redis"));
    }

    @Test
    void readinessShouldStayUpAndRequestsSucceedWhileRedisIsDown() {
        UUID user = newUser();
        TestServers.stopRedis();
        try {
            given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
            given().get("/q/health/live").then().statusCode(200);
            given().get("/q/health/well").then().statusCode(503)
                    .body("checks.find { it.name == 'redis' }.status", equalTo("DOWN"));
            asUser(user).get("/api/v1/users/me").then().statusCode(200).body("id", equalTo(user.toString()));
        } finally {
            TestServers.startRedis();
        }
        Eventually.within(SETTLE, () -> given().get("/q/health/well").then().statusCode(200));
    }

    @Test
    void readinessShouldGoDownWhilePostgresIsDownAndComeBack() {
        UUID reader = newUser();
        TestServers.stopPostgres();
        try {
            given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
            given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
            // a read the cache cannot answer and a write: 503 with Retry-After, not a 500
            asUser(reader).get("/api/v1/users/{u}/skills", reader).then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "5");
            asUser(reader).body(java.util.Map.of("name", "Go", "level", "beginner"))
                    .post("/api/v1/users/{u}/skills", reader).then().statusCode(503)
                    .contentType("application/problem+json").header("Retry-After", "5");
        } finally {
            TestServers.startPostgres();
        }
        Eventually.within(SETTLE, () -> given().get("/q/health/ready").then().statusCode(200));
        UUID user = newUser();
        asUser(user).get("/api/v1/users/me").then().statusCode(200);
    }
}
