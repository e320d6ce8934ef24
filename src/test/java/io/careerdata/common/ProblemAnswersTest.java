package io.careerdata.common;

import static io.careerdata.testing.Api.anonymous;
import static io.careerdata.testing.Api.as;
import static io.careerdata.testing.Api.asAdmin;
import static io.careerdata.testing.Api.asUser;
import static io.careerdata.testing.Api.newUser;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.emptyOrNullString;

import io.careerdata.security.Roles;
import io.careerdata.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.jwt.build.Jwt;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every class of error the API answers, each as {@code application/problem+json} with type, title,
 * status and detail, and none with a Java class name or a stack trace.
 */
@QuarkusTest
class ProblemAnswersTest {

    private static final String SKILLS = "/api/v1/users/%s/skills";
    private static final List<String> LEAKS = List.of("java.", "Exception", "org.hibernate", "io.careerdata",
            "jakarta.", "com.fasterxml", "io.vertx", "\tat ", "SQL", "select ");

    /**
     * One way to fail: the request (given a fresh user of its own), the status, and the field the
     * answer must name (null when it names none).
     */
    record ErrorCase(String name, int status, String field, Function<UUID, Response> request) {

        @Override
        public String toString() {
            return name;
        }
    }

    static final List<ErrorCase> errors = List.of(
            new ErrorCase("400 validation", 400, "name",
                    user -> asUser(user).body(Map.of("name", "")).post(SKILLS.formatted(user))),
            new ErrorCase("400 validation of a nested field", 400, "milestones[0].title",
                    user -> asUser(user).body(Map.of("title", "Plan", "milestones", List.of(Map.of("title", ""))))
                            .post("/api/v1/users/" + user + "/career-roadmaps")),
            new ErrorCase("400 missing body", 400, null, user -> asUser(user).post(SKILLS.formatted(user))),
            new ErrorCase("400 malformed JSON", 400, null,
                    user -> asUser(user).body("{\"name\": ").post(SKILLS.formatted(user))),
            new ErrorCase("400 JSON of the wrong shape", 400, null,
                    user -> asUser(user).body("[1, 2]").post(SKILLS.formatted(user))),
            new ErrorCase("400 wrong type of a number", 400, "yearsExperience",
                    user -> asUser(user).body("{\"name\": \"Go\", \"yearsExperience\": \"lots\"}").post(SKILLS.formatted(user))),
            new ErrorCase("400 object for a string", 400, "name",
                    user -> asUser(user).body("{\"name\": {\"a\": 1}}").post(SKILLS.formatted(user))),
            new ErrorCase("400 malformed date", 400, "scheduledAt",
                    user -> asUser(user).body("{\"role\": \"Dev\", \"interviewType\": \"technical\", \"scheduledAt\": \"soon\"}")
                            .post("/api/v1/users/" + user + "/interview-sessions")),
            new ErrorCase("400 unknown enum value", 400, "level",
                    user -> asUser(user).body("{\"name\": \"Go\", \"level\": \"wizard\"}").post(SKILLS.formatted(user))),
            new ErrorCase("400 bad UUID of a record in the path", 400, "id",
                    user -> asUser(user).get(SKILLS.formatted(user) + "/not-a-uuid")),
            new ErrorCase("400 bad UUID of a user in the path", 400, "id",
                    user -> asUser(user).get(SKILLS.formatted("12345"))),
            new ErrorCase("400 bad UUID in the body", 400, "resumeId",
                    user -> asUser(user).body(Map.of("matchScore", 50, "resumeId", "nope"))
                            .post("/api/v1/users/" + user + "/analyses")),
            new ErrorCase("400 bad query parameter", 400, "size",
                    user -> asUser(user).get(SKILLS.formatted(user) + "?size=many")),
            new ErrorCase("401 no token", 401, null, user -> anonymous().get(SKILLS.formatted(user))),
            new ErrorCase("401 garbage token", 401, null, user -> as("not.a.token").get(SKILLS.formatted(user))),
            new ErrorCase("401 basic credentials", 401, null,
                    user -> given().auth().preemptive().basic("admin", "admin").get(SKILLS.formatted(user))),
            new ErrorCase("401 expired token", 401, null,
                    user -> as(TestTokens.expired(user)).get(SKILLS.formatted(user))),
            new ErrorCase("401 wrong issuer", 401, null,
                    user -> as(TestTokens.sign(user.toString(), Set.of(Roles.USER), "someone-else"))
                            .get(SKILLS.formatted(user))),
            new ErrorCase("401 signed by another key", 401, null,
                    user -> as(Jwt.subject(user.toString()).groups(Roles.ADMIN).issuer(TestTokens.ISSUER)
                            .sign(strangerKey())).get(SKILLS.formatted(user))),
            new ErrorCase("403 user on an admin route", 403, null, user -> asUser(user).get("/api/v1/users")),
            new ErrorCase("403 token without a role", 403, null,
                    user -> as(TestTokens.sign(user.toString(), Set.of(), TestTokens.ISSUER)).get(SKILLS.formatted(user))),
            new ErrorCase("404 missing record", 404, null,
                    user -> asUser(user).get(SKILLS.formatted(user) + "/" + UUID.randomUUID())),
            new ErrorCase("404 unknown route", 404, null, user -> asUser(user).get("/api/v1/nothing-here")),
            new ErrorCase("405 DELETE of the user list", 405, null, user -> asAdmin().delete("/api/v1/users")),
            new ErrorCase("405 PUT of the job search", 405, null,
                    user -> asAdmin().body(Map.of()).put("/api/v1/jobs")),
            new ErrorCase("405 POST to /users/me", 405, null, user -> asUser(user).body(Map.of()).post("/api/v1/users/me")),
            new ErrorCase("409 duplicate email", 409, null, user -> {
                String email = asAdmin().get("/api/v1/users/" + user).path("email");
                return asAdmin().body(Map.of("email", email.toUpperCase(), "fullName", "Twin")).post("/api/v1/users");
            }),
            new ErrorCase("409 duplicate skill name (unique index)", 409, null, user -> {
                asUser(user).body(Map.of("name", "Rust")).post(SKILLS.formatted(user)).then().statusCode(201);
                return asUser(user).body(Map.of("name", "rust")).post(SKILLS.formatted(user));
            }),
            new ErrorCase("409 invalid status transition", 409, null, user -> {
                String path = "/api/v1/users/" + user + "/applications";
                String id = asUser(user).body(Map.of("jobTitle", "Dev", "company", "Acme")).post(path)
                        .then().statusCode(201).extract().path("id");
                return asUser(user).body(Map.of("jobTitle", "Dev", "company", "Acme", "status", "offered"))
                        .put(path + "/" + id);
            }),
            new ErrorCase("415 wrong content type", 415, null,
                    user -> asUser(user).contentType(ContentType.TEXT).body("name=Go").post(SKILLS.formatted(user))),
            new ErrorCase("415 XML", 415, null,
                    user -> asUser(user).contentType(ContentType.XML).body("<skill/>").post(SKILLS.formatted(user))));

    @ParameterizedTest
    @FieldSource("errors")
    void shouldAnswerAProblemDocument(ErrorCase error) {
        Response answer = error.request().apply(newUser());

        answer.then().statusCode(error.status())
                .contentType("application/problem+json")
                .body("status", equalTo(error.status()))
                .body("type", equalTo("about:blank"))
                .body("title", not(emptyOrNullString()))
                .body("detail", not(emptyOrNullString()));
        if (error.field() != null) {
            answer.then().body("errors[0].field", equalTo(error.field()))
                    .body("errors[0].message", not(emptyOrNullString()));
        }
        if (error.status() == 401) {
            answer.then().header("WWW-Authenticate", "Bearer");
        }
        assertThat(answer.asString()).doesNotContain(LEAKS);
    }

    @Test
    void shouldIgnoreUnknownFields() {
        UUID user = newUser();
        asUser(user).body(Map.of("name", "Scala", "favouriteColour", "green", "userId", UUID.randomUUID().toString()))
                .post(SKILLS.formatted(user)).then().statusCode(201)
                .body("name", equalTo("Scala"))
                .body("userId", equalTo(user.toString()));
    }

    private static PrivateKey strangerKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
