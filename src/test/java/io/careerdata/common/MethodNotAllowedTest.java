package io.careerdata.common;

import static io.careerdata.testing.Api.asAdmin;
import static io.careerdata.testing.Api.anonymous;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every route of the API document, asked with each method it does not have, answers 405
 * problem+json with an Allow header listing the methods it has (GET bringing HEAD; a path that
 * matches several templates, as /users/me matches /users/{userId}, has the methods of all), as
 * admin and anonymous alike; a path the document does not have answers 404 problem+json.
 */
@QuarkusTest
class MethodNotAllowedTest {

    private static final List<String> TRIED = List.of("GET", "POST", "PUT", "DELETE", "PATCH");

    @Test
    void shouldAnswer405WithAllowForEveryWrongMethodOfEveryRoute() throws Exception {
        JsonNode paths = new ObjectMapper().readTree(given().get("/q/openapi?format=json").asString()).path("paths");
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (var path : (Iterable<Map.Entry<String, JsonNode>>) paths::fields) {
            String concrete = path.getKey().replaceAll("\\{[^}/]+}", UUID.randomUUID().toString());
            // a path such as /users/me is also /users/{userId}: the methods of both are routed
            Set<String> documented = new TreeSet<>();
            for (var other : (Iterable<Map.Entry<String, JsonNode>>) paths::fields) {
                if (concrete.matches(other.getKey().replaceAll("\\{[^}/]+}", "[^/]+"))) {
                    other.getValue().fieldNames().forEachRemaining(m -> documented.add(m.toUpperCase(Locale.ROOT)));
                }
            }
            documented.retainAll(Set.copyOf(TRIED));
            for (String method : TRIED) {
                if (documented.contains(method)) {
                    continue;
                }
                for (boolean admin : List.of(true, false)) {
                    Response answer = (admin ? asAdmin() : anonymous()).body("{}").request(method, concrete);
                    checked++;
                    Set<String> allow = new TreeSet<>();
                    String header = answer.header("Allow");
                    if (header != null) {
                        Arrays.stream(header.split(",")).map(String::trim).forEach(allow::add);
                    }
                    allow.remove("HEAD");
                    allow.remove("OPTIONS");
                    boolean problem = answer.contentType() != null && answer.contentType().startsWith(Problem.MEDIA_TYPE);
                    if (answer.statusCode() != 405 || !problem || !allow.equals(documented)) {
                        failures.add(method + " " + path.getKey() + (admin ? " (admin)" : " (anonymous)") + ": "
                                + answer.statusCode() + " " + answer.contentType() + " Allow=" + header);
                    }
                }
            }
        }
        System.out.printf("405 checks: %d wrong methods over %d paths%n", checked, paths.size());
        assertThat(checked).isGreaterThan(paths.size());
        assertThat(failures).isEmpty();
    }

    @Test
    void shouldAnswer404ForAPathThatIsNoRoute() {
        for (String path : List.of("/api/v1/nothing-here", "/api/v1/users/" + UUID.randomUUID() + "/no-such-collection",
                "/api/v1/jobs/" + UUID.randomUUID() + "/extra")) {
            asAdmin().delete(path).then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        }
    }
}
