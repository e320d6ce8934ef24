package io.careerdata.cache;

import static io.careerdata.testing.Api.asAdmin;
import static io.careerdata.testing.Api.asUser;
import static io.careerdata.testing.Api.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The domain's reads go through the cache, and each kind of write drops what it made stale. */
@QuarkusTest
class CacheWiringTest extends CacheTestSupport {

    @Test
    void profile_missThenHit_updateInvalidates() {
        UUID user = newUser();
        CacheCounter profiles = CacheCounter.of(metrics, CacheCategory.PROFILE);

        asUser(user).get("/api/v1/users/{u}", user).then().statusCode(200);
        asUser(user).get("/api/v1/users/{u}", user).then().statusCode(200);
        profiles.assertHitsMisses(1, 1);
        assertThat(profiles.loads()).isEqualTo(1);

        asUser(user).body(Map.of("email", "renamed-" + user + "@example.org", "fullName", "Renamed"))
                .put("/api/v1/users/{u}", user).then().statusCode(200);
        asUser(user).get("/api/v1/users/{u}", user).then().statusCode(200).body("fullName", equalTo("Renamed"));
        asUser(user).get("/api/v1/users/{u}", user).then().statusCode(200).body("fullName", equalTo("Renamed"));
        profiles.assertHitsMisses(2, 2);
    }

    @Test
    void ownedCollection_listAndDetailCached_writesInvalidate() {
        UUID user = newUser();
        CacheCounter skills = CacheCounter.of(metrics, CacheCategory.SKILLS);
        asUser(user).get("/api/v1/users/{u}/skills", user).then().statusCode(200).body("items", hasSize(0));
        asUser(user).get("/api/v1/users/{u}/skills", user).then().statusCode(200).body("items", hasSize(0));
        skills.assertHitsMisses(1, 1);

        String id = asUser(user).body(Map.of("name", "Kotlin", "level", "advanced"))
                .post("/api/v1/users/{u}/skills", user).then().statusCode(201).extract().path("id");
        asUser(user).get("/api/v1/users/{u}/skills", user).then().statusCode(200).body("items", hasSize(1));
        skills.assertHitsMisses(1, 2);

        asUser(user).get("/api/v1/users/{u}/skills/{id}", user, id).then().statusCode(200);
        asUser(user).get("/api/v1/users/{u}/skills/{id}", user, id).then().statusCode(200).body("level", equalTo("advanced"));
        skills.assertHitsMisses(2, 3);

        asUser(user).body(Map.of("name", "Kotlin", "level", "expert"))
                .put("/api/v1/users/{u}/skills/{id}", user, id).then().statusCode(200);
        asUser(user).get("/api/v1/users/{u}/skills/{id}", user, id).then().statusCode(200).body("level", equalTo("expert"));
        skills.assertHitsMisses(2, 4);

        asUser(user).delete("/api/v1/users/{u}/skills/{id}", user, id).then().statusCode(204);
        asUser(user).get("/api/v1/users/{u}/skills/{id}", user, id).then().statusCode(404);
        asUser(user).get("/api/v1/users/{u}/skills/{id}", user, id).then().statusCode(404); // absence is cached
        skills.assertHitsMisses(3, 5);
        assertThat(skills.loads()).isEqualTo(5);
    }

    @Test
    void applicationStatusChange_dropsApplicationsDashboardAndStatistics_notSkills() {
        UUID user = newUser();
        String application = asUser(user).body(Map.of("jobTitle", "Engineer", "company", "ACME", "status", "applied"))
                .post("/api/v1/users/{u}/applications", user).then().statusCode(201).extract().path("id");
        readAll(user);
        CacheCounter applications = CacheCounter.of(metrics, CacheCategory.APPLICATIONS);
        CacheCounter dashboards = CacheCounter.of(metrics, CacheCategory.DASHBOARD);
        CacheCounter stats = CacheCounter.of(metrics, CacheCategory.USER_STATS);
        CacheCounter skills = CacheCounter.of(metrics, CacheCategory.SKILLS);

        asUser(user).body(Map.of("jobTitle", "Engineer", "company", "ACME", "status", "interviewing"))
                .put("/api/v1/users/{u}/applications/{id}", user, application).then().statusCode(200);
        readAll(user);

        applications.assertHitsMisses(0, 1);
        dashboards.assertHitsMisses(0, 1);
        stats.assertHitsMisses(0, 1);
        skills.assertHitsMisses(1, 0);
        asUser(user).get("/api/v1/users/{u}/dashboard", user).then().statusCode(200)
                .body("applicationsByStatus.interviewing", equalTo(1));
        asUser(user).get("/api/v1/users/{u}/stats", user).then().statusCode(200)
                .body("applicationsByStatus.interviewing", equalTo(1));
        dashboards.assertHitsMisses(1, 1);
    }

    @Test
    void jobPostingChange_dropsItsDetailAndEverySearch() {
        String id = asAdmin().body(Map.of("title", "Cache Engineer " + UUID.randomUUID(), "company", "Redisson"))
                .post("/api/v1/jobs").then().statusCode(201).extract().path("id");
        UUID user = newUser();
        CacheCounter details = CacheCounter.of(metrics, CacheCategory.JOB_POSTINGS);
        CacheCounter searches = CacheCounter.of(metrics, CacheCategory.JOB_SEARCH);
        for (int i = 0; i < 2; i++) {
            asUser(user).get("/api/v1/jobs/{id}", id).then().statusCode(200);
            asUser(user).get("/api/v1/jobs?company=Redisson").then().statusCode(200);
            asUser(user).get("/api/v1/jobs?company=redisson&title=Cache").then().statusCode(200);
        }
        details.assertHitsMisses(1, 1);
        searches.assertHitsMisses(2, 2);

        asAdmin().body(Map.of("title", "Senior Cache Engineer", "company", "Redisson"))
                .put("/api/v1/jobs/{id}", id).then().statusCode(200);
        asUser(user).get("/api/v1/jobs/{id}", id).then().statusCode(200).body("title", equalTo("Senior Cache Engineer"));
        asUser(user).get("/api/v1/jobs?company=Redisson").then().statusCode(200);
        asUser(user).get("/api/v1/jobs?company=redisson&title=Cache").then().statusCode(200);
        details.assertHitsMisses(1, 2);
        searches.assertHitsMisses(2, 4);
    }

    @Test
    void deletedJobPosting_clearsTheReferenceInCachedApplications() {
        String posting = asAdmin().body(Map.of("title", "Short-lived", "company", "Gone Inc"))
                .post("/api/v1/jobs").then().statusCode(201).extract().path("id");
        UUID user = newUser();
        String application = asUser(user).body(Map.of("jobTitle", "Short-lived", "company", "Gone Inc",
                        "jobPostingId", posting)).post("/api/v1/users/{u}/applications", user)
                .then().statusCode(201).extract().path("id");
        asUser(user).get("/api/v1/users/{u}/applications/{id}", user, application).then().statusCode(200)
                .body("jobPostingId", equalTo(posting));
        CacheCounter applications = CacheCounter.of(metrics, CacheCategory.APPLICATIONS);

        asAdmin().delete("/api/v1/jobs/{id}", posting).then().statusCode(204);
        asUser(user).get("/api/v1/users/{u}/applications/{id}", user, application).then().statusCode(200)
                .body("jobPostingId", equalTo(null));
        applications.assertHitsMisses(0, 1);
    }

    @Test
    void resumeSave_dropsItsVersions() {
        UUID user = newUser();
        String resume = asUser(user).body(Map.of("title", "CV", "content", "first"))
                .post("/api/v1/users/{u}/resumes", user).then().statusCode(201).extract().path("id");
        CacheCounter versions = CacheCounter.of(metrics, CacheCategory.RESUME_VERSIONS);
        asUser(user).get("/api/v1/users/{u}/resumes/{r}/versions", user, resume).then().statusCode(200).body("items", hasSize(1));
        asUser(user).get("/api/v1/users/{u}/resumes/{r}/versions", user, resume).then().statusCode(200).body("items", hasSize(1));
        versions.assertHitsMisses(1, 1);

        asUser(user).body(Map.of("title", "CV", "content", "second")).put("/api/v1/users/{u}/resumes/{r}", user, resume)
                .then().statusCode(200);
        asUser(user).get("/api/v1/users/{u}/resumes/{r}/versions", user, resume).then().statusCode(200).body("items", hasSize(2));
        versions.assertHitsMisses(1, 2);
    }

    @Test
    void metrics_areOnQMetrics_taggedByCategory_withoutUserIds() {
        UUID user = newUser();
        asUser(user).get("/api/v1/users/{u}", user).then().statusCode(200);
        asUser(user).get("/api/v1/users/{u}", user).then().statusCode(200);
        CacheCounter profiles = CacheCounter.of(metrics, CacheCategory.PROFILE);
        asUser(user).get("/api/v1/users/{u}", user).then().statusCode(200);
        profiles.assertHitsMisses(1, 0);

        String text = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(text).contains("cache_gets_total{cache=\"profile\",result=\"hit\"}")
                .contains("cache_gets_total{cache=\"profile\",result=\"miss\"}")
                .contains("cache_puts_total{cache=\"profile\"}")
                .contains("cache_evictions_total{cache=\"dashboard\"}")
                .contains("cache_errors_total{cache=\"profile\"}")
                .contains("cache_fallbacks_total{cache=\"profile\"}")
                .contains("cache_load_seconds_count{cache=\"profile\",result=\"success\"}")
                .contains("cache_degraded 0.0")
                .doesNotContain(user.toString());

        // the exported series move with traffic: one more cached read is one more hit and no miss
        String hit = "cache_gets_total{cache=\"profile\",result=\"hit\"}";
        String miss = "cache_gets_total{cache=\"profile\",result=\"miss\"}";
        asUser(user).get("/api/v1/users/{u}", user).then().statusCode(200);
        String after = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metric(after, hit) - metric(text, hit)).isEqualTo(1.0);
        assertThat(metric(after, miss) - metric(text, miss)).isEqualTo(0.0);
    }

    private static void readAll(UUID user) {
        asUser(user).get("/api/v1/users/{u}/applications", user).then().statusCode(200);
        asUser(user).get("/api/v1/users/{u}/dashboard", user).then().statusCode(200);
        asUser(user).get("/api/v1/users/{u}/stats", user).then().statusCode(200);
        asUser(user).get("/api/v1/users/{u}/skills", user).then().statusCode(200);
    }

    static double metric(String text, String series) {
        return text.lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
                .orElseThrow(() -> new AssertionError(series + " is not in /q/metrics"));
    }
}
