package io.careerdata.cache;

import static io.careerdata.testing.Api.anonymous;
import static io.careerdata.testing.Api.asAdmin;
import static io.careerdata.testing.Api.asUser;
import static io.careerdata.testing.Api.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CacheResourceTest extends CacheTestSupport {

    private static final String CACHE = "/api/v1/data-management/cache";

    @Inject
    CacheWarmer warmer;

    @Inject
    Pool database;

    @Test
    void adminOperations_areForAdminsOnly() {
        UUID user = newUser();
        anonymous().get(CACHE + "/stats").then().statusCode(401);
        asUser(user).get(CACHE + "/stats").then().statusCode(403);
        asUser(user).get(CACHE + "/health").then().statusCode(403);
        asUser(user).delete(CACHE).then().statusCode(403);
        asUser(user).body(Map.of("userId", user.toString())).post(CACHE + "/invalidations").then().statusCode(403);
        asUser(user).body(Map.of("userIds", List.of(user.toString()))).post(CACHE + "/warmups").then().statusCode(403);
        anonymous().delete(CACHE + "/users/{u}", user).then().statusCode(401);
        asAdmin().get(CACHE + "/stats").then().statusCode(200);
        asAdmin().get(CACHE + "/health").then().statusCode(200);
        // the benchmark's constant answer: any signed-in caller
        anonymous().get(CACHE + "/ping").then().statusCode(401);
        asUser(user).get(CACHE + "/ping").then().statusCode(200).body("status", equalTo("ok"));
    }

    @Test
    void dropUser_byTheUserOrAnAdmin_notByAnotherUser() {
        UUID user = newUser();
        UUID other = newUser();
        CacheCounter profiles = CacheCounter.of(metrics, CacheCategory.PROFILE);
        asUser(user).get("/api/v1/users/{u}", user).then().statusCode(200);
        asUser(user).get("/api/v1/users/{u}", user).then().statusCode(200);
        profiles.assertHitsMisses(1, 1);

        asUser(other).delete(CACHE + "/users/{u}", user).then().statusCode(404);
        asUser(user).get("/api/v1/users/{u}", user).then().statusCode(200);
        profiles.assertHitsMisses(2, 1);

        asUser(user).delete(CACHE + "/users/{u}", user).then().statusCode(204);
        asUser(user).get("/api/v1/users/{u}", user).then().statusCode(200);
        profiles.assertHitsMisses(2, 2);

        asAdmin().delete(CACHE + "/users/{u}", user).then().statusCode(204);
        asUser(user).get("/api/v1/users/{u}", user).then().statusCode(200);
        profiles.assertHitsMisses(2, 3);
        assertThat(auditCount("cache.drop-user", user.toString())).isEqualTo(1);
    }

    @Test
    void stats_reportPerCategoryCountsRedisAndDegraded() {
        UUID user = newUser();
        asUser(user).get("/api/v1/users/{u}", user).then().statusCode(200);
        asUser(user).get("/api/v1/users/{u}", user).then().statusCode(200);
        CacheMetrics.Counts profile = metrics.counts(CacheCategory.PROFILE);

        asAdmin().get(CACHE + "/stats").then().statusCode(200)
                .body("degraded", equalTo(false))
                .body("circuit", equalTo("closed"))
                .body("categories.category", hasItem("job-search"))
                .body("categories.find { it.category == 'profile' }.tier", equalTo("warm"))
                .body("categories.find { it.category == 'profile' }.ttlSeconds", equalTo(1800))
                .body("categories.find { it.category == 'profile' }.hits", equalTo((int) profile.hits()))
                .body("categories.find { it.category == 'profile' }.misses", equalTo((int) profile.misses()))
                .body("categories.find { it.category == 'profile' }.hitRate", notNullValue())
                .body("redis.reachable", equalTo(true))
                .body("redis.usedMemoryBytes", notNullValue())
                .body("redis.keys", notNullValue())
                .body("redis.evictedKeys", notNullValue());
        asAdmin().get(CACHE + "/health").then().statusCode(200)
                .body("reachable", equalTo(true))
                .body("latencyMillis", notNullValue())
                .body("degraded", equalTo(false));
    }

    @Test
    void clear_oneCategory_thenEverything() {
        UUID user = newUser();
        asUser(user).get("/api/v1/users/{u}/skills", user).then().statusCode(200);
        asUser(user).get("/api/v1/users/{u}", user).then().statusCode(200);
        CacheCounter skills = CacheCounter.of(metrics, CacheCategory.SKILLS);
        CacheCounter profiles = CacheCounter.of(metrics, CacheCategory.PROFILE);

        asAdmin().delete(CACHE + "?category=skills").then().statusCode(200)
                .body("category", equalTo("skills")).body("keysRemoved", greaterThanOrEqualTo(1));
        asUser(user).get("/api/v1/users/{u}/skills", user).then().statusCode(200);
        asUser(user).get("/api/v1/users/{u}", user).then().statusCode(200);
        skills.assertHitsMisses(0, 1);
        profiles.assertHitsMisses(1, 0);

        asAdmin().delete(CACHE).then().statusCode(200).body("category", equalTo("all"));
        asUser(user).get("/api/v1/users/{u}", user).then().statusCode(200);
        profiles.assertHitsMisses(1, 1);
        asAdmin().delete(CACHE + "?category=nonsense").then().statusCode(400)
                .body("errors[0].field", equalTo("category"));
        assertThat(auditCount("cache.clear", "skills")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void invalidations_byEventCategoryOrUser() {
        UUID user = newUser();
        asUser(user).get("/api/v1/users/{u}", user).then().statusCode(200);
        asUser(user).get("/api/v1/jobs?title=invalidation").then().statusCode(200);
        CacheCounter profiles = CacheCounter.of(metrics, CacheCategory.PROFILE);
        CacheCounter searches = CacheCounter.of(metrics, CacheCategory.JOB_SEARCH);

        asAdmin().body(Map.of("event", "profile-updated", "userId", user.toString())).post(CACHE + "/invalidations")
                .then().statusCode(200).body("categories", hasItem("dashboard"));
        asAdmin().body(Map.of("category", "job-search")).post(CACHE + "/invalidations")
                .then().statusCode(200).body("categories[0]", equalTo("job-search"));
        asUser(user).get("/api/v1/users/{u}", user).then().statusCode(200);
        asUser(user).get("/api/v1/jobs?title=invalidation").then().statusCode(200);
        profiles.assertHitsMisses(0, 1);
        searches.assertHitsMisses(0, 1);

        asAdmin().body(Map.of("userId", user.toString())).post(CACHE + "/invalidations")
                .then().statusCode(200).body("wholeUser", equalTo(true));
        asUser(user).get("/api/v1/users/{u}", user).then().statusCode(200);
        profiles.assertHitsMisses(0, 2);

        asAdmin().body(Map.of("event", "profile-updated")).post(CACHE + "/invalidations").then().statusCode(400)
                .body("errors[0].field", equalTo("userId"));
        asAdmin().body(Map.of("event", "job-posting-changed")).post(CACHE + "/invalidations").then().statusCode(400)
                .body("errors[0].field", equalTo("entityId"));
        asAdmin().body(Map.of("event", "nonsense")).post(CACHE + "/invalidations").then().statusCode(400);
        asAdmin().body(Map.of()).post(CACHE + "/invalidations").then().statusCode(400);
    }

    @Test
    void warmups_givenUsers_writeTheirEntries_thenReadsHit() {
        UUID user = newUser();
        asUser(user).body(Map.of("name", "Scala")).post("/api/v1/users/{u}/skills", user).then().statusCode(201);
        CacheCounter profiles = CacheCounter.of(metrics, CacheCategory.PROFILE);
        CacheCounter dashboards = CacheCounter.of(metrics, CacheCategory.DASHBOARD);
        CacheCounter skills = CacheCounter.of(metrics, CacheCategory.SKILLS);

        // profile, dashboard, and the first page of the ten collections
        asAdmin().body(Map.of("userIds", List.of(user.toString()))).post(CACHE + "/warmups").then().statusCode(200)
                .body("users", equalTo(1)).body("entriesWritten", equalTo(12)).body("failures", equalTo(0));
        asUser(user).get("/api/v1/users/{u}", user).then().statusCode(200);
        asUser(user).get("/api/v1/users/{u}/dashboard", user).then().statusCode(200);
        asUser(user).get("/api/v1/users/{u}/skills", user).then().statusCode(200);
        profiles.assertHitsMisses(1, 1);
        dashboards.assertHitsMisses(1, 1);
        skills.assertHitsMisses(1, 1);

        asAdmin().body(Map.of("userIds", List.of(user.toString()))).post(CACHE + "/warmups").then().statusCode(200)
                .body("entriesWritten", equalTo(0));
        profiles.assertHitsMisses(2, 1);
    }

    @Test
    void warmingJob_warmsTheMostRecentlyActiveUsersFirst() {
        UUID older = newUser();
        UUID recent = newUser();
        database.preparedQuery("update users set last_active_at = now() - interval '1 day' where id = $1")
                .execute(Tuple.of(older)).await().atMost(Duration.ofSeconds(10));
        database.preparedQuery("update users set last_active_at = now() + interval '1 minute' where id = $1")
                .execute(Tuple.of(recent)).await().atMost(Duration.ofSeconds(10));
        CacheCounter profiles = CacheCounter.of(metrics, CacheCategory.PROFILE);

        CacheWarmer.Report report = warmer.warmMostRecentlyActive(1).await().atMost(Duration.ofSeconds(30));
        asUser(recent).get("/api/v1/users/{u}", recent).then().statusCode(200);
        asUser(older).get("/api/v1/users/{u}", older).then().statusCode(200);

        assertThat(report.users()).isEqualTo(1);
        assertThat(report.entriesWritten()).isEqualTo(12);
        profiles.assertHitsMisses(1, 2); // the warming's own miss for "recent", then "recent" hits, "older" misses
    }

    @Test
    void scheduledWarming_runsOnOneReplicaAtATime() {
        newUser();
        // another replica holds the warming lock: this one skips the run
        Optional<CacheWarmer.Report> skipped = database.withConnection(other -> other
                .query("SELECT pg_advisory_lock(" + CacheWarmer.LOCK + ")").execute()
                .chain(() -> warmer.warmOnOneReplica())
                .eventually(() -> other.query("SELECT pg_advisory_unlock(" + CacheWarmer.LOCK + ")").execute()))
                .await().atMost(Duration.ofSeconds(30));
        assertThat(skipped).isEmpty();

        Optional<CacheWarmer.Report> warmed = warmer.warmOnOneReplica().await().atMost(Duration.ofSeconds(60));
        assertThat(warmed).hasValueSatisfying(report -> assertThat(report.users()).isPositive());
    }

    private long auditCount(String action, String target) {
        return database.preparedQuery("select count(*) from audit_log where action = $1 and target_id = $2")
                .execute(Tuple.of(action, target)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }
}
