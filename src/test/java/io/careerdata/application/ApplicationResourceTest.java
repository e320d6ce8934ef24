package io.careerdata.application;

import static io.careerdata.testing.Api.asAdmin;
import static io.careerdata.testing.Api.asUser;
import static io.careerdata.testing.Api.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Application status changes, driven by {@link ApplicationStatus}'s own table so every move is tried. */
@QuarkusTest
class ApplicationResourceTest {

    private static final String APPLICATIONS = "/api/v1/users/{u}/applications";
    private static final String APPLICATION = APPLICATIONS + "/{id}";

    /** Every (from, to) pair of statuses. */
    static List<Arguments> moves() {
        List<Arguments> moves = new ArrayList<>();
        for (ApplicationStatus from : ApplicationStatus.values()) {
            for (ApplicationStatus to : ApplicationStatus.values()) {
                moves.add(Arguments.of(from, to));
            }
        }
        return moves;
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("moves")
    void shouldFollowTheTransitionTable(ApplicationStatus from, ApplicationStatus to) {
        UUID user = newUser();
        String id = reach(user, from);

        ValidatableResponse answer = move(user, id, to);
        if (from == to || from.canMoveTo(to)) {
            answer.statusCode(200).body("status", equalTo(to.name()));
        } else {
            answer.statusCode(409).contentType("application/problem+json")
                    .body("status", equalTo(409))
                    .body("detail", containsString(from.name())).body("detail", containsString(to.name()));
            asUser(user).get(APPLICATION, user, id).then().body("status", equalTo(from.name()));
        }
    }

    @ParameterizedTest
    @EnumSource(value = ApplicationStatus.class, names = {"accepted", "rejected", "withdrawn"})
    void shouldRejectEveryMoveOutOfAFinalState(ApplicationStatus finalState) {
        assertThat(finalState.next()).isEmpty();
        UUID user = newUser();
        String id = reach(user, finalState);
        for (ApplicationStatus to : ApplicationStatus.values()) {
            if (to != finalState) {
                move(user, id, to).statusCode(409).body("detail", containsString("final"));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ApplicationStatus.class)
    void shouldStartOnlyAsSavedOrApplied(ApplicationStatus status) {
        UUID user = newUser();
        ValidatableResponse answer = asUser(user).body(body(status)).post(APPLICATIONS, user).then();
        if (status == ApplicationStatus.saved || status == ApplicationStatus.applied) {
            answer.statusCode(201).body("status", equalTo(status.name()))
                    .body("appliedAt", status == ApplicationStatus.applied ? notNullValue() : nullValue());
        } else {
            answer.statusCode(409).contentType("application/problem+json");
            asUser(user).get(APPLICATIONS, user).then().body("total", equalTo(0));
        }
    }

    @Test
    void shouldSetAppliedAtOnceAndTrackStatusChanges() {
        UUID user = newUser();
        ValidatableResponse created = asUser(user).body(Map.of("jobTitle", "Engineer", "company", "Acme"))
                .post(APPLICATIONS, user).then().statusCode(201)
                .body("status", equalTo("saved")).body("appliedAt", nullValue()).body("statusChangedAt", notNullValue());
        String id = created.extract().path("id");
        String savedAt = created.extract().path("statusChangedAt");

        ValidatableResponse applied = move(user, id, ApplicationStatus.applied).statusCode(200)
                .body("appliedAt", notNullValue());
        String appliedAt = applied.extract().path("appliedAt");
        assertThat(applied.extract().<String>path("statusChangedAt")).isNotEqualTo(savedAt);

        // no status: the current one stays, and so does its time
        asUser(user).body(Map.of("jobTitle", "Engineer", "company", "Acme", "notes", "called back"))
                .put(APPLICATION, user, id).then().statusCode(200)
                .body("status", equalTo("applied")).body("notes", equalTo("called back"))
                .body("statusChangedAt", equalTo(applied.extract().path("statusChangedAt")));
        move(user, id, ApplicationStatus.screening).statusCode(200).body("appliedAt", equalTo(appliedAt));
        asUser(user).get(APPLICATION, user, id).then().body("appliedAt", equalTo(appliedAt));
    }

    @Test
    void shouldRejectReferencesOutsideTheUsersData() {
        UUID owner = newUser();
        UUID other = newUser();
        String othersResume = asUser(other).body(Map.of("title", "CV", "content", "text"))
                .post("/api/v1/users/{u}/resumes", other).then().statusCode(201).extract().path("id");
        String ownResume = asUser(owner).body(Map.of("title", "CV", "content", "text"))
                .post("/api/v1/users/{u}/resumes", owner).then().statusCode(201).extract().path("id");
        String posting = asAdmin().body(Map.of("title", "Engineer", "company", "Acme"))
                .post("/api/v1/jobs").then().statusCode(201).extract().path("id");

        reference(owner, "resumeId", othersResume).statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("resumeId"));
        reference(owner, "resumeId", UUID.randomUUID().toString()).statusCode(400)
                .body("errors[0].field", equalTo("resumeId"));
        reference(owner, "jobPostingId", UUID.randomUUID().toString()).statusCode(400)
                .body("errors[0].field", equalTo("jobPostingId"));
        reference(owner, "jobPostingId", "not-a-uuid").statusCode(400)
                .body("errors[0].field", equalTo("jobPostingId"));
        asUser(owner).get(APPLICATIONS, owner).then().body("total", equalTo(0));

        reference(owner, "resumeId", ownResume).statusCode(201).body("resumeId", equalTo(ownResume));
        String id = reference(owner, "jobPostingId", posting).statusCode(201)
                .body("jobPostingId", equalTo(posting)).extract().path("id");
        Map<String, Object> update = new HashMap<>(body(ApplicationStatus.saved));
        update.put("resumeId", othersResume);
        asUser(owner).body(update).put(APPLICATION, owner, id).then().statusCode(400)
                .body("errors[0].field", equalTo("resumeId"));
        asUser(owner).get(APPLICATION, owner, id).then().body("jobPostingId", equalTo(posting));
    }

    /** Creates an application and walks it along allowed moves to {@code target}. */
    private static String reach(UUID user, ApplicationStatus target) {
        List<ApplicationStatus> path = pathTo(target);
        String id = asUser(user).body(body(path.get(0))).post(APPLICATIONS, user).then().statusCode(201)
                .extract().path("id");
        path.subList(1, path.size()).forEach(step -> move(user, id, step).statusCode(200));
        return id;
    }

    /** The shortest way from a status an application may start with to {@code target}. */
    private static List<ApplicationStatus> pathTo(ApplicationStatus target) {
        Map<ApplicationStatus, ApplicationStatus> previous = new EnumMap<>(ApplicationStatus.class);
        Deque<ApplicationStatus> queue = new ArrayDeque<>();
        Arrays.stream(ApplicationStatus.values()).filter(ApplicationStatus::isInitial).forEach(start -> {
            previous.put(start, start);
            queue.add(start);
        });
        while (!queue.isEmpty()) {
            ApplicationStatus current = queue.poll();
            for (ApplicationStatus next : current.next()) {
                if (previous.putIfAbsent(next, current) == null) {
                    queue.add(next);
                }
            }
        }
        assertThat(previous).as("every status is reachable").containsKey(target);
        List<ApplicationStatus> path = new ArrayList<>();
        for (ApplicationStatus at = target; ; at = previous.get(at)) {
            path.add(0, at);
            if (previous.get(at) == at) {
                break;
            }
        }
        return List.copyOf(path);
    }

    private static ValidatableResponse move(UUID user, String id, ApplicationStatus status) {
        return asUser(user).body(body(status)).put(APPLICATION, user, id).then();
    }

    private static ValidatableResponse reference(UUID user, String field, String id) {
        Map<String, Object> body = new HashMap<>(body(ApplicationStatus.saved));
        body.put(field, id);
        return asUser(user).body(body).post(APPLICATIONS, user).then();
    }

    private static Map<String, Object> body(ApplicationStatus status) {
        return Map.of("jobTitle", "Engineer", "company", "Acme", "status", status.name());
    }
}
