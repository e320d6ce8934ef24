package io.careerdata.common;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The p99 latency alert reads these buckets: each bound is published, and nothing finer. */
@QuarkusTest
class HttpLatencyBucketsTest {

    @Test
    void shouldPublishTheFixedBoundsForServedRoutes() {
        given().get("/api/v1/jobs").then().statusCode(401); // answered and measured like any other
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

        List<String> jobsBuckets = metrics.lines()
                .filter(line -> line.startsWith("http_server_requests_seconds_bucket{"))
                .filter(line -> line.contains("uri=\"/api/v1/jobs\"") && line.contains("status=\"401\""))
                .toList();
        List<String> bounds = Arrays.stream(HttpLatencyBuckets.BOUNDS)
                .mapToObj(bound -> "le=\"" + bound + "\"")
                .toList();

        assertThat(jobsBuckets).hasSize(HttpLatencyBuckets.BOUNDS.length + 1); // and +Inf
        for (String bound : bounds) {
            assertThat(jobsBuckets).anyMatch(line -> line.contains(bound));
        }
        assertThat(jobsBuckets).anyMatch(line -> line.contains("le=\"+Inf\""));
    }
}
