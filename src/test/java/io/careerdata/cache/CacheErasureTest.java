package io.careerdata.cache;

import static io.careerdata.testing.Api.asAdmin;
import static io.careerdata.testing.Api.asUser;
import static io.careerdata.testing.Api.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Erasing a person (GDPR Art. 17) leaves no cached copy of their data in Redis, found without a scan. */
@QuarkusTest
class CacheErasureTest extends CacheTestSupport {

    @Test
    void erasure_deletesTheUsersEntriesFromRedis_andTheyAreNotServed() {
        UUID user = newUser();
        UUID other = newUser();
        asUser(user).body(Map.of("name", "Elixir")).post("/api/v1/users/{u}/skills", user).then().statusCode(201);
        asUser(user).get("/api/v1/users/{u}", user).then().statusCode(200);
        asUser(user).get("/api/v1/users/{u}/skills", user).then().statusCode(200);
        asUser(user).get("/api/v1/users/{u}/dashboard", user).then().statusCode(200);
        asUser(other).get("/api/v1/users/{u}", other).then().statusCode(200);
        Set<String> cached = redis.set(String.class).smembers(keys.userIndex(user));
        assertThat(cached).contains(keys.entry(CacheKey.ofUser(CacheCategory.PROFILE, user)),
                keys.entry(CacheKey.ofUser(CacheCategory.DASHBOARD, user)),
                keys.entry(CacheKey.ofUser(CacheCategory.SKILLS, user, "list", 0, 20)));

        asAdmin().delete("/api/v1/users/{u}", user).then().statusCode(204);

        for (String entry : cached) {
            assertThat(redis.key().exists(entry)).as(entry).isFalse();
        }
        assertThat(redis.key().exists(keys.userIndex(user))).isFalse();
        assertThat(redis.key().exists(keys.entry(CacheKey.ofUser(CacheCategory.PROFILE, other)))).isTrue();
        CacheCounter profiles = CacheCounter.of(metrics, CacheCategory.PROFILE);
        asAdmin().get("/api/v1/users/{u}", user).then().statusCode(404);
        asUser(other).get("/api/v1/users/{u}", other).then().statusCode(200);
        profiles.assertHitsMisses(1, 1);
    }

    @Test
    void dropUser_deletesTheEntriesToo() {
        UUID user = newUser();
        asUser(user).get("/api/v1/users/{u}", user).then().statusCode(200);
        String profile = keys.entry(CacheKey.ofUser(CacheCategory.PROFILE, user));
        assertThat(redis.key().exists(profile)).isTrue();

        asUser(user).delete("/api/v1/data-management/cache/users/{u}", user).then().statusCode(204);

        assertThat(redis.key().exists(profile)).isFalse();
        CacheCounter profiles = CacheCounter.of(metrics, CacheCategory.PROFILE);
        asUser(user).get("/api/v1/users/{u}", user).then().statusCode(200);
        profiles.assertHitsMisses(0, 1);
    }
}
