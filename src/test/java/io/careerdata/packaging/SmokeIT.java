package io.careerdata.packaging;

import static io.careerdata.testing.Api.anonymous;
import static io.careerdata.testing.Api.asAdmin;
import static io.careerdata.testing.Api.asUser;
import static io.careerdata.testing.Api.newUser;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The packaged application (jar or native binary) answers its probes, docs, metrics and API. */
@QuarkusIntegrationTest
class SmokeIT {

    @Test
    void shouldAnswerProbesMetricsAndDocs() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/started").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200).body(containsString("http_server_requests"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/users/{userId}/resumes"));
    }

    @Test
    void shouldServeTheApiWithTokens() {
        UUID user = newUser();
        asUser(user).get("/api/v1/users/me").then().statusCode(200).body("id", equalTo(user.toString()));
        asUser(user).body(Map.of("title", "CV", "content", "Reach me at me@example.org"))
                .post("/api/v1/users/{u}/resumes", user)
                .then().statusCode(201).body("currentVersion", equalTo(1));
        asUser(user).get("/api/v1/users/{u}/dashboard", user).then().statusCode(200)
                .body("counts.resumes", equalTo(1));
        asUser(user).get("/api/v1/users").then().statusCode(403).contentType("application/problem+json");
        asAdmin().get("/api/v1/users?size=1").then().statusCode(200).body("size", equalTo(1));
        anonymous().get("/api/v1/jobs").then().statusCode(401);
        asUser(user).get("/api/v1/users/{u}/skills/nope", user).then().statusCode(400)
                .body("errors.field", hasItem("id"));
    }
}
