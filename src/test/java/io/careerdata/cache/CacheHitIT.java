package io.careerdata.cache;

import static io.careerdata.testing.Api.asAdmin;
import static io.careerdata.testing.Api.asUser;
import static io.careerdata.testing.Api.newUser;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.careerdata.packaging.PackagedAppStorage;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The read-through cache of the packaged application, asserted by its own numbers: the profile
 * category's hits and misses, from the Micrometer counters in {@code /q/metrics} and from the cache
 * stats endpoint. Proves that cached values (entities as JSON in Redis) go both ways in the artifact.
 */
@QuarkusIntegrationTest
@WithTestResource(value = PackagedAppStorage.class, scope = TestResourceScope.MATCHING_RESOURCES)
class CacheHitIT {

    private static final String HITS = "cache_gets_total{cache=\"profile\",result=\"hit\"}";
    private static final String MISSES = "cache_gets_total{cache=\"profile\",result=\"miss\"}";

    @Test
    void profile_missThenHit_updateInvalidates() {
        UUID user = newUser();
        Map<String, Double> before = counters();
        JsonPath stats = stats();

        asUser(user).get("/api/v1/users/{u}", user).then().statusCode(200).body("id", equalTo(user.toString()));
        asUser(user).get("/api/v1/users/{u}", user).then().statusCode(200).body("id", equalTo(user.toString()));

        Map<String, Double> after = counters();
        assertThat(after.get(MISSES) - before.get(MISSES)).as("misses").isEqualTo(1.0);
        assertThat(after.get(HITS) - before.get(HITS)).as("hits").isEqualTo(1.0);
        JsonPath statsAfter = stats();
        assertThat(statsAfter.getLong("categories.find { it.category == 'profile' }.hits")
                - stats.getLong("categories.find { it.category == 'profile' }.hits")).isEqualTo(1);
        assertThat(statsAfter.getLong("categories.find { it.category == 'profile' }.misses")
                - stats.getLong("categories.find { it.category == 'profile' }.misses")).isEqualTo(1);

        asUser(user).body(Map.of("email", "renamed-" + user + "@example.org", "fullName", "Renamed"))
                .put("/api/v1/users/{u}", user).then().statusCode(200);
        asUser(user).get("/api/v1/users/{u}", user).then().statusCode(200).body("fullName", equalTo("Renamed"));
        assertThat(counters().get(MISSES) - before.get(MISSES)).as("a write drops the entry").isEqualTo(2.0);
    }

    private static JsonPath stats() {
        return asAdmin().get("/api/v1/data-management/cache/stats").then().statusCode(200)
                .body("degraded", equalTo(false)).extract().jsonPath();
    }

    /** The profile counters from the Prometheus text; a counter not yet written counts 0. */
    private static Map<String, Double> counters() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return Map.of(HITS, value(metrics, HITS), MISSES, value(metrics, MISSES));
    }

    private static double value(String metrics, String series) {
        return metrics.lines().filter(l -> l.startsWith(series + " "))
                .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim())).findFirst().orElse(0.0);
    }
}
