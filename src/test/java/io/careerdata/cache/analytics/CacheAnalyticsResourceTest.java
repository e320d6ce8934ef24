package io.careerdata.cache.analytics;

import static io.careerdata.testing.Api.anonymous;
import static io.careerdata.testing.Api.asAdmin;
import static io.careerdata.testing.Api.asUser;
import static io.careerdata.testing.Api.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.careerdata.cache.GuardedRedis;
import io.careerdata.testing.Eventually;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The analytics answer moves with the traffic of the real cache, and says nothing of any user. */
@QuarkusTest
class CacheAnalyticsResourceTest {

    private static final String ANALYTICS = "/api/v1/data-management/cache/analytics";

    @Inject
    GuardedRedis guardedRedis;

    @BeforeEach
    void redisInUse() {
        Eventually.within(Duration.ofSeconds(30), () -> {
            guardedRedis.available();
            assertThat(guardedRedis.degraded()).as("cache degraded").isFalse();
        });
    }

    @Test
    void theWindowsCountReadsAndComputeTheHitRatio() {
        UUID user = newUser();
        String skill = asUser(user).body(Map.of("name", "Rust", "level", "beginner"))
                .post("/api/v1/users/{u}/skills", user).then().statusCode(201).extract().path("id");
        // deltas over the hour: within one test run nothing leaves it, while the minute may drop the reads
        // of earlier test classes between the two answers
        Map<String, Object> before = window(asAdmin().get(ANALYTICS).then().statusCode(200).extract().jsonPath(),
                "skills", "1h");

        for (int i = 0; i < 4; i++) { // one miss (load and put), three hits
            asUser(user).get("/api/v1/users/{u}/skills/{id}", user, skill).then().statusCode(200);
        }
        JsonPath doc = asAdmin().get(ANALYTICS).then().statusCode(200).extract().jsonPath();
        Map<String, Object> after = window(doc, "skills", "1h");
        Map<String, Object> minute = window(doc, "skills", "1m");

        assertThat(number(after, "gets") - number(before, "gets")).isEqualTo(4);
        assertThat(number(after, "hits") - number(before, "hits")).isEqualTo(3);
        assertThat(number(after, "misses") - number(before, "misses")).isEqualTo(1);
        assertThat(number(after, "loads") - number(before, "loads")).isEqualTo(1);
        assertThat(number(after, "puts") - number(before, "puts")).isEqualTo(1);
        assertThat(number(after, "bytesWritten")).isGreaterThan(number(before, "bytesWritten"));
        assertThat(((Number) after.get("hitRatio")).doubleValue())
                .isCloseTo((double) number(after, "hits") / number(after, "gets"), within(1e-6));
        assertThat(after.get("loadP50Millis")).isNotNull();
        // the minute holds these reads, and the hour holds the minute
        assertThat(number(minute, "gets")).isGreaterThanOrEqualTo(4);
        assertThat(number(minute, "hits")).isGreaterThanOrEqualTo(3);
        assertThat(((Number) minute.get("hitRatio")).doubleValue())
                .isCloseTo((double) number(minute, "hits") / number(minute, "gets"), within(1e-6));
        assertThat(number(after, "gets")).isGreaterThanOrEqualTo(number(minute, "gets"));

        assertThat(doc.getString("scope")).contains("this replica");
        Map<String, Object> memory = doc.getMap("categories.find { it.category == 'skills' }.memory");
        assertThat(memory.get("sampled")).isEqualTo(true);
        assertThat(((Number) memory.get("keysMeasured")).intValue()).isPositive();
        assertThat(((Number) memory.get("meanBytes")).longValue()).isPositive();
        assertThat(doc.getLong("redis.usedMemoryBytes")).isPositive();
        assertThat(doc.getString("rules.ttlTooShort")).contains("expired less than one TTL before");
        // no user id anywhere in the answer
        String text = asAdmin().get(ANALYTICS).then().statusCode(200).extract().asString();
        assertThat(text).doesNotContain(user.toString()).doesNotContain(skill);
    }

    @Test
    void onlyForAdmins() {
        asUser(newUser()).get(ANALYTICS).then().statusCode(403).contentType("application/problem+json");
        anonymous().get(ANALYTICS).then().statusCode(401).contentType("application/problem+json");
    }

    private static Map<String, Object> window(JsonPath doc, String category, String window) {
        List<Map<String, Object>> windows = doc.getList("categories.find { it.category == '" + category + "' }.windows");
        return windows.stream().filter(w -> window.equals(w.get("window"))).findFirst().orElseThrow();
    }

    private static long number(Map<String, Object> figures, String name) {
        return ((Number) figures.get(name)).longValue();
    }
}
