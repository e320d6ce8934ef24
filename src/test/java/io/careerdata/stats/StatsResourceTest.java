package io.careerdata.stats;

import static io.careerdata.testing.Api.anonymous;
import static io.careerdata.testing.Api.asAdmin;
import static io.careerdata.testing.Api.asUser;
import static io.careerdata.testing.Api.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.careerdata.cache.CacheCategory;
import io.careerdata.cache.CacheMetrics;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class StatsResourceTest {

    @Inject
    CacheMetrics metrics;

    @Test
    void userStats_countApplicationsAverageMatchAndInterviewScoresInTimeOrder() {
        UUID user = newUser();
        String application = post(user, "applications", Map.of("jobTitle", "Dev", "company", "A", "status", "applied"));
        post(user, "applications", Map.of("jobTitle", "Ops", "company", "B"));
        asUser(user).body(Map.of("jobTitle", "Dev", "company", "A", "status", "interviewing"))
                .put("/api/v1/users/{u}/applications/{id}", user, application).then().statusCode(200);
        post(user, "analyses", Map.of("matchScore", 80));
        post(user, "analyses", Map.of("matchScore", 91));
        post(user, "interview-sessions", Map.of("role", "Dev", "interviewType", "technical", "score", 60,
                "scheduledAt", "2026-01-01T10:00:00Z"));
        post(user, "interview-sessions", Map.of("role", "Dev", "interviewType", "behavioral", "score", 75,
                "scheduledAt", "2026-02-01T10:00:00Z"));
        post(user, "interview-sessions", Map.of("role", "Dev", "interviewType", "mixed"));

        asUser(user).get("/api/v1/users/{u}/stats", user).then().statusCode(200)
                .body("applications", equalTo(2))
                .body("applicationsByStatus.interviewing", equalTo(1))
                .body("applicationsByStatus.saved", equalTo(1))
                .body("analyses", equalTo(2))
                .body("averageMatchScore", equalTo(85.5f))
                .body("interviewScores", hasSize(2))
                .body("interviewScores[0].score", equalTo(60.0f))
                .body("interviewScores[1].interviewType", equalTo("behavioral"));
    }

    @Test
    void userStats_servedFromTheCache_untilAnAnalysisChangesThem() {
        UUID user = newUser();
        long hits = metrics.counts(CacheCategory.USER_STATS).hits();
        long misses = metrics.counts(CacheCategory.USER_STATS).misses();
        asUser(user).get("/api/v1/users/{u}/stats", user).then().statusCode(200).body("analyses", equalTo(0));
        asUser(user).get("/api/v1/users/{u}/stats", user).then().statusCode(200);
        post(user, "analyses", Map.of("matchScore", 70));
        asUser(user).get("/api/v1/users/{u}/stats", user).then().statusCode(200)
                .body("analyses", equalTo(1)).body("averageMatchScore", equalTo(70.0f));

        assertThat(metrics.counts(CacheCategory.USER_STATS).hits() - hits).isEqualTo(1);
        assertThat(metrics.counts(CacheCategory.USER_STATS).misses() - misses).isEqualTo(2);
    }

    @Test
    void userStats_forTheUserOrAnAdmin() {
        UUID user = newUser();
        UUID other = newUser();
        asUser(other).get("/api/v1/users/{u}/stats", user).then().statusCode(404);
        anonymous().get("/api/v1/users/{u}/stats", user).then().statusCode(401);
        asAdmin().get("/api/v1/users/{u}/stats", user).then().statusCode(200).body("userId", equalTo(user.toString()));
        asAdmin().get("/api/v1/users/{u}/stats", UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void platformStats_adminOnly_andCurrentAfterAWrite() {
        UUID user = newUser();
        asUser(user).get("/api/v1/stats").then().statusCode(403);
        var before = asAdmin().get("/api/v1/stats").then().statusCode(200).extract().jsonPath();
        int users = before.getInt("users");
        int active = before.getInt("activeUsers");
        int applications = before.getInt("totals.applications");
        long hits = metrics.counts(CacheCategory.PLATFORM_STATS).hits();
        asAdmin().get("/api/v1/stats").then().statusCode(200).body("users", equalTo(users));
        assertThat(metrics.counts(CacheCategory.PLATFORM_STATS).hits() - hits).isEqualTo(1);

        // each write is counted at once: a new (active) user, then an application of theirs
        UUID added = newUser();
        asAdmin().get("/api/v1/stats").then().statusCode(200)
                .body("users", equalTo(users + 1)).body("activeUsers", equalTo(active + 1));
        post(added, "applications", Map.of("jobTitle", "Engineer", "company", "Acme"));
        asAdmin().get("/api/v1/stats").then().statusCode(200)
                .body("totals.applications", equalTo(applications + 1));
    }

    private static String post(UUID user, String collection, Map<String, Object> body) {
        return asUser(user).body(body).post("/api/v1/users/{u}/" + collection, user)
                .then().statusCode(201).extract().path("id");
    }
}
