package io.careerdata.common;

import static io.careerdata.testing.Api.asAdmin;
import static io.careerdata.testing.Api.asUser;
import static io.careerdata.testing.Api.newUser;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Values PostgreSQL cannot store, or that would break an invariant, are 400 problems, whether they
 * come in a body, a query string or a path: blank-looking names, numbers beyond a column, dates
 * beyond PostgreSQL's range, oversize JSON documents. Nothing is written.
 */
@QuarkusTest
class InputLimitsTest {

    /** A body for a user-owned collection, the field its 400 must name ("" for a problem without fields). */
    record Hostile(String name, String collection, String json, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Hostile> bodies = List.of(
            new Hostile("name of zero-width and no-break spaces", "skills",
                    "{\"name\": \"\\u200b\\u00a0\\ufeff\\u3000\"}", "name"),
            new Hostile("name of control characters", "skills", "{\"name\": \"\\u0001\\t\\u007f\"}", "name"),
            new Hostile("years with a billion decimals", "skills", "{\"name\": \"Go\", \"yearsExperience\": 1e-999999999}",
                    "yearsExperience"),
            new Hostile("score with thirty digits", "interview-sessions",
                    "{\"role\": \"r\", \"interviewType\": \"technical\", \"score\": 1e30}", "score"),
            new Hostile("priority beyond int", "agent-tasks",
                    "{\"agent\": \"a\", \"taskType\": \"t\", \"priority\": 99999999999999999999}", "priority"),
            new Hostile("priority a fraction too large for int", "agent-tasks",
                    "{\"agent\": \"a\", \"taskType\": \"t\", \"priority\": 1e20}", "priority"),
            new Hostile("date in year 300000", "interview-sessions",
                    "{\"role\": \"r\", \"interviewType\": \"technical\", \"scheduledAt\": \"+300000-01-01T00:00:00Z\"}",
                    "scheduledAt"),
            new Hostile("date before the common era", "networking-contacts",
                    "{\"name\": \"n\", \"lastContactedAt\": \"-5000-01-01T00:00:00Z\"}", "lastContactedAt"),
            new Hostile("date as a huge epoch number", "networking-contacts",
                    "{\"name\": \"n\", \"lastContactedAt\": 99999999999999999}", "lastContactedAt"),
            new Hostile("infinite number inside a document", "agent-tasks",
                    "{\"agent\": \"a\", \"taskType\": \"t\", \"payload\": {\"x\": 1e400}}", "payload"),
            new Hostile("document over the size limit", "agent-tasks",
                    "{\"agent\": \"a\", \"taskType\": \"t\", \"payload\": {\"x\": \"" + "y".repeat(300 * 1024) + "\"}}",
                    "payload"));

    @ParameterizedTest
    @FieldSource("bodies")
    void shouldRefuseWhatCannotBeStored_writingNothing(Hostile hostile) {
        UUID user = newUser();
        String route = "/api/v1/users/" + user + "/" + hostile.collection();
        asUser(user).body(hostile.json()).post(route)
                .then().log().ifValidationFails().statusCode(400).contentType(startsWith(Problem.MEDIA_TYPE))
                .body("errors[0].field", startsWith(hostile.field()));
        asUser(user).get(route).then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void shouldStoreValuesAtTheEdges() {
        UUID user = newUser();
        String base = "/api/v1/users/" + user;
        asUser(user).body("{\"name\": \"\\u00a0Go\\u200b\", \"yearsExperience\": 80}").post(base + "/skills")
                .then().statusCode(201);
        asUser(user).body("{\"name\": \"n\", \"lastContactedAt\": \"9999-12-31T23:59:59Z\"}").post(base + "/networking-contacts")
                .then().statusCode(201);
        asUser(user).body("{\"name\": \"n\", \"lastContactedAt\": \"0001-01-01T00:00:00Z\"}").post(base + "/networking-contacts")
                .then().statusCode(201);
        asUser(user).body("{\"agent\": \"a\", \"taskType\": \"t\", \"payload\": {\"x\": \"" + "y".repeat(200 * 1024) + "\"}}")
                .post(base + "/agent-tasks").then().statusCode(201);
    }

    @Test
    void shouldRefuseASalaryBeyondItsColumn() {
        // numeric(12, 2): ten digits before the point
        asAdmin().body("{\"title\": \"t\", \"company\": \"c\", \"salaryMin\": 1, \"salaryMax\": 12345678901}")
                .post("/api/v1/jobs")
                .then().log().ifValidationFails().statusCode(400).contentType(startsWith(Problem.MEDIA_TYPE));
        asAdmin().body("{\"title\": \"t\", \"company\": \"c\", \"postedDate\": \"-5000-01-01\"}").post("/api/v1/jobs")
                .then().statusCode(400).body("errors[0].field", equalTo("postedDate"));
    }

    static final List<String> queries = List.of(
            "postedAfter=-5000-01-01", "postedBefore=%2B300000-01-01", "salaryMin=1e999999999", "salaryMax=-1e40",
            "title=a%00b", "company=%ED%A0%80%00", "page=-1", "page=99999999999", "size=0", "size=101", "size=abc",
            "sort=title%3Bdrop", "location=%00");

    @ParameterizedTest
    @FieldSource("queries")
    void shouldRefuseAQueryParameterOutOfRange(String query) {
        asUser(newUser()).urlEncodingEnabled(false).get("/api/v1/jobs?" + query)
                .then().log().ifValidationFails().statusCode(400).contentType(startsWith(Problem.MEDIA_TYPE));
    }

    static final List<String> paths = List.of("/api/v1/jobs/not-a-uuid", "/api/v1/jobs/1", "/api/v1/jobs/%00",
            "/api/v1/jobs/00000000-0000-0000-0000-00000000000%00");

    @ParameterizedTest
    @FieldSource("paths")
    void shouldRefuseAMalformedPathId(String path) {
        asUser(newUser()).urlEncodingEnabled(false).get(path)
                .then().log().ifValidationFails().statusCode(400).contentType(startsWith(Problem.MEDIA_TYPE));
    }
}
