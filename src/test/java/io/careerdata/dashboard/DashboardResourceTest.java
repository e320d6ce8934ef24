package io.careerdata.dashboard;

import static io.careerdata.testing.Api.asAdmin;
import static io.careerdata.testing.Api.asUser;
import static io.careerdata.testing.Api.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.careerdata.owned.CollectionSample;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DashboardResourceTest {

    private static final String DASHBOARD = "/api/v1/users/{u}/dashboard";

    @Test
    void shouldCountEveryCollectionAndShowTheLatestItems() {
        UUID user = newUser();
        Map<String, Integer> expected = new LinkedHashMap<>();
        int n = 1;
        for (CollectionSample collection : CollectionSample.ALL) {
            for (int i = 0; i < n; i++) {
                collection.create(user);
            }
            expected.put(camelCase(collection.name()), n++);
        }
        // applications: 4 saved already; 3 more, moved on
        List<String> applications = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            applications.add(asUser(user).body(Map.of("jobTitle", "Job " + i, "company", "Acme", "status", "applied"))
                    .post("/api/v1/users/{u}/applications", user).then().statusCode(201).extract().path("id"));
        }
        expected.merge("applications", 3, Integer::sum);
        newUser(); // someone else's data never counts
        UUID other = newUser();
        CollectionSample.ALL.forEach(collection -> collection.create(other));

        Map<String, Object> counts = asUser(user).get(DASHBOARD, user).then().statusCode(200)
                .body("userId", equalTo(user.toString()))
                .body("generatedAt", notNullValue())
                .body("applicationsByStatus", equalTo(Map.of("applied", 3, "saved", 4)))
                .body("recentApplications.size()", equalTo(5))
                .body("recentAnalyses.size()", equalTo(5))
                .body("recentInterviewSessions.size()", equalTo(5))
                .extract().path("counts");
        assertThat(counts).isEqualTo(expected);

        Collections.reverse(applications);
        List<String> recent = asAdmin().get(DASHBOARD, user).then().statusCode(200)
                .extract().path("recentApplications.id");
        assertThat(recent.subList(0, 3)).isEqualTo(applications);
        asUser(user).get(DASHBOARD, user).then().body("recentApplications.userId", equalTo(
                Collections.nCopies(5, user.toString())));
    }

    @Test
    void shouldShowAnEmptyDashboardOfANewUser() {
        UUID user = newUser();
        asUser(user).get(DASHBOARD, user).then().statusCode(200)
                .body("counts.skills", equalTo(0)).body("counts.agentTasks", equalTo(0))
                .body("counts.size()", equalTo(CollectionSample.ALL.size()))
                .body("applicationsByStatus.size()", equalTo(0))
                .body("recentApplications.size()", equalTo(0));
    }

    @Test
    void shouldNotShowAnotherUsersDashboard() {
        UUID owner = newUser();
        UUID other = newUser();
        asUser(other).get(DASHBOARD, owner).then().statusCode(404).contentType("application/problem+json");
        asAdmin().get(DASHBOARD, UUID.randomUUID()).then().statusCode(404);
    }

    private static String camelCase(String name) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
