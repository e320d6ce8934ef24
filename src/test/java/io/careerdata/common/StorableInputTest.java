package io.careerdata.common;

import static io.careerdata.testing.Api.asAdmin;
import static io.careerdata.testing.Api.asUser;
import static io.careerdata.testing.Api.newUser;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Text PostgreSQL cannot store, and documents nested without end, are refused as 400 problems
 * naming the field, in every kind of place a body carries them; nothing is written.
 */
@QuarkusTest
class StorableInputTest {

    private static final String NUL = "a\u0000b";
    private static final String LONE_SURROGATE = "a\ud800b";

    /** A hostile body sent to a route (given a fresh user of its own), and the field its 400 must name. */
    record HostileBody(String name, String field, String route, BiFunction<UUID, Object, Map<String, Object>> body,
            Object hostile) {

        @Override
        public String toString() {
            return name;
        }
    }

    static final List<HostileBody> bodies = List.of(
            new HostileBody("NUL in a text field", "content", "job-descriptions",
                    (user, text) -> Map.of("title", "Engineer", "content", text), NUL),
            new HostileBody("NUL in a name that would be left empty", "name", "skills",
                    (user, text) -> Map.of("name", text, "level", "expert"), "\u0000"),
            new HostileBody("unpaired surrogate", "name", "skills",
                    (user, text) -> Map.of("name", text, "level", "expert"), LONE_SURROGATE),
            new HostileBody("NUL inside a JSON document value", "generationMetadata", "generated-resumes",
                    (user, text) -> Map.of("content", "Resume", "modelUsed", "m", "generationMetadata",
                            Map.of("note", List.of(text))), NUL),
            new HostileBody("NUL in a JSON document key", "payload", "agent-tasks",
                    (user, text) -> Map.of("agent", "a", "taskType", "t", "payload", Map.of(text, 1)), NUL));

    @ParameterizedTest
    @FieldSource("bodies")
    void shouldRefuseWhatPostgresCannotStore_namingTheField_writingNothing(HostileBody hostile) {
        UUID user = newUser();
        String route = "/api/v1/users/" + user + "/" + hostile.route();
        Response answer = asUser(user).body(hostile.body().apply(user, hostile.hostile())).post(route);

        answer.then().log().ifValidationFails().statusCode(400).contentType(startsWith(Problem.MEDIA_TYPE))
                .body("errors[0].field", startsWith(hostile.field()))
                .body("errors[0].message", containsString("must not contain"));
        asUser(user).get(route).then().statusCode(200).body("total", equalTo(0));
    }

    @ParameterizedTest
    @FieldSource("bodies")
    void shouldStoreTheSameBodyWithPlainText(HostileBody hostile) {
        UUID user = newUser();
        String route = "/api/v1/users/" + user + "/" + hostile.route();
        asUser(user).body(hostile.body().apply(user, "plain")).post(route).then().statusCode(201);
    }

    @org.junit.jupiter.api.Test
    void shouldRefuseADocumentNestedTooDeeply() {
        UUID user = newUser();
        Object nested = "leaf";
        for (int i = 0; i < StorableInput.MAX_DEPTH + 5; i++) {
            nested = Map.of("n", nested);
        }
        String route = "/api/v1/users/" + user + "/agent-tasks";
        asUser(user).body(Map.of("agent", "a", "taskType", "t", "payload", nested)).post(route)
                .then().statusCode(400).contentType(startsWith(Problem.MEDIA_TYPE));
        asUser(user).get(route).then().statusCode(200).body("total", equalTo(0));
    }

    @org.junit.jupiter.api.Test
    void shouldRefuseNulInAnAdminBodyToo() {
        asAdmin().body(Map.of("email", "nul" + UUID.randomUUID() + "@example.com", "fullName", NUL))
                .post("/api/v1/users")
                .then().statusCode(400).body("errors[0].field", equalTo("fullName"));
    }
}
