package io.careerdata.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.careerdata.testing.Api;
import io.careerdata.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the live API document, sent hostile path and query parameters and hostile
 * bodies (built from the operation's schema) as the owner, an admin, another user and anonymous.
 * It fails on any 5xx, on any 4xx that is not problem+json, on any 2xx for anonymous, for another
 * user on a route under {@code /users/{userId}/} (userId set to the owner), and for a plain user on
 * an admin route (summary "(admin...", or under {@code /data-management/} but for the caller's own
 * exports and what the summary opens to "any signed-in caller").
 *
 * <p>Destructive operations (every DELETE, and POST or PUT under {@code /data-management/} but for
 * exports: restore, erasure, cache clearing, vacuum...) get, from anyone, only requests that cannot
 * succeed: a malformed path id, else an unparseable body, else a NUL in the query string. Later test
 * classes in this JVM keep their data and cache.
 *
 * <p>A fixed seed picks the values, so a failure replays; the number of requests is bounded and printed.
 */
@QuarkusTest
class ApiFuzzTest {

    private static final long SEED = 20261202L;
    /** Requests per operation and caller: with about 100 operations and 4 callers, some 1,150 in all. */
    private static final int OWNER_AND_ADMIN_ROUNDS = 4;
    private static final int OTHER_ROUNDS = 2;

    private static final List<String> HOSTILE_IDS = List.of("not-a-uuid", "-1", "99999999999999999999",
            "%27%20OR%201%3D1--", "%00", "..%2F..%2Fetc%2Fpasswd", "%ED%A0%80", "a".repeat(300),
            "00000000-0000-0000-0000-00000000000g", "%20");
    private static final List<String> HOSTILE_QUERY = List.of("-1", "0", "99999999999999999999", "1e999999999",
            "-5000-01-01", "%2B300000-01-01", "%00", "%27%3B%20DROP%20TABLE%20users%3B--", "abc", "", "true",
            "%E2%80%8B", "1.5", "-0");
    /** Bodies no operation can accept: what destructive operations receive. */
    private static final List<String> UNPARSEABLE = List.of("{\"a\":", "[1, 2]", "\"text\"", "42",
            "[".repeat(200) + "]".repeat(200), nested(200));

    @TestHTTPResource("/")
    URL base;

    private final Random random = new Random(SEED);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final List<String> failures = new ArrayList<>();

    enum Caller { OWNER, ADMIN, OTHER, ANONYMOUS }

    @Test
    void shouldAnswerHostileRequestsWithProblemsAndNeverLeak() throws Exception {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        String json = get("q/openapi?format=json");
        OpenAPI document = new OpenAPIV3Parser().readContents(json, null, options).getOpenAPI();
        UUID owner = Api.newUser();
        UUID other = Api.newUser();
        Map<Caller, String> tokens = Map.of(Caller.OWNER, TestTokens.user(owner), Caller.ADMIN, TestTokens.admin(),
                Caller.OTHER, TestTokens.user(other));

        int requests = 0;
        for (Map.Entry<String, PathItem> path : document.getPaths().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> entry : path.getValue().readOperationsMap().entrySet()) {
                Route route = new Route(path.getKey(), entry.getKey().name(), entry.getValue());
                for (Caller caller : Caller.values()) {
                    int rounds = caller == Caller.OWNER || caller == Caller.ADMIN ? OWNER_AND_ADMIN_ROUNDS : OTHER_ROUNDS;
                    for (int round = 0; round < rounds; round++) {
                        send(route, caller, tokens.get(caller), owner);
                        requests++;
                    }
                }
            }
        }
        System.out.printf("API fuzz: %d requests over %d paths, seed %d, %d failures%n", requests,
                document.getPaths().size(), SEED, failures.size());
        assertThat(requests).isGreaterThan(document.getPaths().size() * 4);
        assertThat(failures).isEmpty();
    }

    /** One operation of the document, and what the rules need to know about it. */
    record Route(String template, String method, Operation operation) {

        boolean ownerOnly() {
            return template.startsWith("/api/v1/users/{userId}");
        }

        boolean adminOnly() {
            String summary = operation.getSummary() == null ? "" : operation.getSummary();
            if (summary.contains("any signed-in caller")) {
                return false;
            }
            return summary.contains("(admin") || template.startsWith("/api/v1/data-management/") && !exports();
        }

        boolean destructive() {
            return method.equals("DELETE")
                    || template.startsWith("/api/v1/data-management/") && !exports() && !method.equals("GET");
        }

        private boolean exports() {
            return template.startsWith("/api/v1/data-management/exports");
        }

        List<Parameter> parameters(String in) {
            List<Parameter> all = operation.getParameters() == null ? List.of() : operation.getParameters();
            return all.stream().filter(p -> in.equals(p.getIn())).toList();
        }

        Schema<?> body() {
            var body = operation.getRequestBody();
            if (body == null || body.getContent() == null || body.getContent().get("application/json") == null) {
                return null;
            }
            return body.getContent().get("application/json").getSchema();
        }
    }

    private void send(Route route, Caller caller, String token, UUID owner) throws Exception {
        boolean mustFail = route.destructive();
        boolean failureSecured = false;
        String path = route.template();
        for (Parameter parameter : route.parameters("path")) {
            String value;
            if (mustFail && !failureSecured) {
                value = pick(HOSTILE_IDS.subList(0, HOSTILE_IDS.size() - 1));
                failureSecured = !value.equals("%20");
            } else if (parameter.getName().equals("userId") && random.nextInt(3) > 0) {
                value = owner.toString();
            } else {
                value = random.nextBoolean() ? UUID.randomUUID().toString() : pick(HOSTILE_IDS);
            }
            path = path.replace("{" + parameter.getName() + "}", value);
        }
        Schema<?> schema = route.body();
        String body = null;
        if (schema != null) {
            if (mustFail && !failureSecured) {
                body = pick(UNPARSEABLE);
                failureSecured = true;
            } else {
                body = Bodies.hostile(schema, random);
            }
        }
        List<String> query = new ArrayList<>();
        for (Parameter parameter : route.parameters("query")) {
            if (random.nextBoolean()) {
                query.add(parameter.getName() + "=" + pick(HOSTILE_QUERY));
            }
        }
        if (mustFail && !failureSecured) {
            query.add("fuzz=%00");
        }
        String target = path.substring(1) + (query.isEmpty() ? "" : "?" + String.join("&", query));

        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + target)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json")
                .method(route.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        judge(route, caller, target, body, answer);
    }

    private void judge(Route route, Caller caller, String target, String body, HttpResponse<String> answer) {
        int status = answer.statusCode();
        String type = answer.headers().firstValue("Content-Type").orElse("");
        String what = route.method() + " /" + target + " as " + caller + " -> " + status;
        if (status >= 500) {
            failures.add(what + " " + abbreviate(answer.body()) + " body " + abbreviate(body));
        } else if (status >= 400 && !type.startsWith("application/problem+json")) {
            failures.add(what + " with " + type);
        } else if (status < 300 && caller == Caller.ANONYMOUS) {
            failures.add(what + ": anonymous got through");
        } else if (status < 300 && caller == Caller.OTHER && route.ownerOnly()) {
            failures.add(what + ": another user got through");
        } else if (status < 300 && (caller == Caller.OTHER || caller == Caller.OWNER) && route.adminOnly()) {
            failures.add(what + ": a plain user got through to an admin route");
        }
    }

    private String get(String target) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + target)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String nested(int depth) {
        return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
