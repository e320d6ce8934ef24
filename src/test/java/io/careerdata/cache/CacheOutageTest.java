package io.careerdata.cache;

import static io.careerdata.testing.Api.asUser;
import static io.careerdata.testing.Api.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.careerdata.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Redis goes away in the middle of the test and comes back with the data it had (as after a network
 * outage; the test puts the keys back, since the embedded server keeps nothing): every request
 * succeeds meanwhile, the cache reports itself degraded, and a write made during the outage is never
 * answered with the value from before.
 */
@QuarkusTest
class CacheOutageTest extends CacheTestSupport {

    @Test
    void redisDown_requestsServedFromPostgres_writeDuringOutage_neverStaleAfterReturn() {
        UUID user = newUser();
        String skill = asUser(user).body(Map.of("name", "Go", "level", "beginner"))
                .post("/api/v1/users/{u}/skills", user).then().statusCode(201).extract().path("id");
        String path = "/api/v1/users/{u}/skills/{id}";
        asUser(user).get(path, user, skill).then().statusCode(200).body("level", equalTo("beginner"));
        CacheCounter counter = CacheCounter.of(metrics, CacheCategory.SKILLS);
        asUser(user).get(path, user, skill).then().statusCode(200);
        counter.assertHitsMisses(1, 0);
        CacheKey key = CacheKey.ofUser(CacheCategory.SKILLS, user, UUID.fromString(skill));
        List<String> saved = new ArrayList<>(keys.generations(key));
        saved.add(keys.entry(key));
        Map<String, String> before = redis.value(String.class).mget(saved.toArray(String[]::new));

        TestServers.stopRedis();
        try {
            for (int i = 0; i < 5; i++) {
                asUser(user).get(path, user, skill).then().statusCode(200).body("level", equalTo("beginner"));
            }
            asUser(user).body(Map.of("name", "Go", "level", "expert"))
                    .put(path, user, skill).then().statusCode(200).body("level", equalTo("expert"));
            CacheCounter duringOutage = CacheCounter.of(metrics, CacheCategory.SKILLS);
            long errorsBefore = metrics.counts(CacheCategory.SKILLS).errors();
            for (int i = 0; i < 20; i++) {
                asUser(user).get(path, user, skill).then().statusCode(200).body("level", equalTo("expert"));
            }
            // the circuit is open: the reads did not try Redis (no new errors), they went straight to PostgreSQL
            assertThat(duringOutage.fallbacks()).isEqualTo(20);
            assertThat(metrics.counts(CacheCategory.SKILLS).errors()).isEqualTo(errorsBefore);
            duringOutage.assertHitsMisses(0, 0);
            assertThat(metricsText()).contains("cache_degraded 1.0");
            asAdminHealth().body("reachable", equalTo(false)).body("degraded", equalTo(true));
        } finally {
            TestServers.startRedis();
            // back with its data, before the service asks again
            before.forEach((name, value) -> redis.value(String.class).set(name, value));
        }
        assertThat(redis.value(String.class).get(keys.entry(key))).contains("beginner");

        awaitRedisInUse();
        CacheCounter afterReturn = CacheCounter.of(metrics, CacheCategory.SKILLS);
        // the old entry is there, but from before the epoch changed: a miss, then the new value is cached
        asUser(user).get(path, user, skill).then().statusCode(200).body("level", equalTo("expert"));
        asUser(user).get(path, user, skill).then().statusCode(200).body("level", equalTo("expert"));
        afterReturn.assertHitsMisses(1, 1);
        assertThat(metricsText()).contains("cache_degraded 0.0");
    }

    @Test
    void redisBack_cacheUsedAgainWhileWritesKeepComing() {
        UUID user = newUser();
        String skill = asUser(user).body(Map.of("name", "Zig", "level", "beginner"))
                .post("/api/v1/users/{u}/skills", user).then().statusCode(201).extract().path("id");
        String path = "/api/v1/users/{u}/skills/{id}";
        TestServers.stopRedis();
        try {
            asUser(user).body(Map.of("name", "Zig", "level", "advanced"))
                    .put(path, user, skill).then().statusCode(200);
            assertThat(metricsText()).contains("cache_degraded 1.0");
        } finally {
            TestServers.startRedis();
        }
        // every write meanwhile loses its invalidation; that must not keep the circuit open for ever
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(15).toNanos();
        int writes = 0;
        boolean back = false;
        while (!back && System.nanoTime() < deadline) {
            asUser(user).body(Map.of("name", "Zig", "level", writes % 2 == 0 ? "expert" : "advanced"))
                    .put(path, user, skill).then().statusCode(200);
            writes++;
            asUser(user).get(path, user, skill).then().statusCode(200);
            back = metricsText().contains("cache_degraded 0.0");
        }
        assertThat(back).as("cache in use again after %d writes", writes).isTrue();
        String last = writes % 2 == 1 ? "expert" : "advanced";
        asUser(user).get(path, user, skill).then().statusCode(200).body("level", equalTo(last));
        asUser(user).get(path, user, skill).then().statusCode(200).body("level", equalTo(last));
    }

    private static String metricsText() {
        return RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static io.restassured.response.ValidatableResponse asAdminHealth() {
        return io.careerdata.testing.Api.asAdmin().get("/api/v1/data-management/cache/health").then().statusCode(200);
    }
}
