package io.careerdata.security;

import static io.careerdata.testing.Api.anonymous;
import static io.careerdata.testing.Api.asAdmin;
import static io.careerdata.testing.Api.asUser;
import static io.careerdata.testing.Api.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.careerdata.owned.CollectionSample;
import io.careerdata.testing.Api;
import io.careerdata.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Who may call which route, for every route of the API: anonymous callers get 401, a user on an
 * admin route 403, another user 404 on user-scoped data (exactly as for a user that does not
 * exist), the owner and an admin 2xx.
 */
@QuarkusTest
class AccessMatrixTest {

    /** Who may call a route besides an admin. */
    enum Access {
        /** The user whose data it is. */
        OWNER,
        /** Any signed-in user. */
        SIGNED_IN,
        /** Nobody but an admin. */
        ADMIN
    }

    /** One concrete request: method, resolved path and body (null for none). */
    record Call(String method, String path, Object body) {

        Response send(RequestSpecification caller) {
            if (body != null) {
                caller.body(body);
            }
            return caller.request(method, path);
        }
    }

    /**
     * A route of the API. {@code prepare} makes what one call needs (a fresh record of the owner, a
     * fresh posting, a fresh email) and answers the call; it runs once per caller, so a delete by the
     * owner does not spoil the admin's turn.
     */
    record Route(String name, Access access, int success, Function<UUID, Call> prepare) {

        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Route> routes = routes();

    private static List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        routes.add(new Route("GET /users", Access.ADMIN, 200, owner -> new Call("GET", "/api/v1/users", null)));
        routes.add(new Route("POST /users", Access.ADMIN, 201,
                owner -> new Call("POST", "/api/v1/users", userBody())));
        routes.add(new Route("GET /users/me", Access.SIGNED_IN, 200,
                owner -> new Call("GET", "/api/v1/users/me", null)));
        routes.add(new Route("GET /users/{u}", Access.OWNER, 200,
                owner -> new Call("GET", "/api/v1/users/" + owner, null)));
        routes.add(new Route("PUT /users/{u}", Access.OWNER, 200,
                owner -> new Call("PUT", "/api/v1/users/" + owner, userBody())));
        routes.add(new Route("GET /users/{u}/dashboard", Access.OWNER, 200,
                owner -> new Call("GET", "/api/v1/users/" + owner + "/dashboard", null)));
        for (CollectionSample c : CollectionSample.ALL) {
            String base = "/api/v1/users/%s/" + c.name();
            routes.add(new Route("GET " + c.name(), Access.OWNER, 200,
                    owner -> new Call("GET", base.formatted(owner), null)));
            routes.add(new Route("POST " + c.name(), Access.OWNER, 201,
                    owner -> new Call("POST", base.formatted(owner), c.sample().get())));
            routes.add(new Route("GET " + c.name() + "/{id}", Access.OWNER, 200,
                    owner -> new Call("GET", base.formatted(owner) + "/" + c.create(owner), null)));
            routes.add(new Route("PUT " + c.name() + "/{id}", Access.OWNER, 200,
                    owner -> new Call("PUT", base.formatted(owner) + "/" + c.create(owner), c.update().get())));
            routes.add(new Route("DELETE " + c.name() + "/{id}", Access.OWNER, 204,
                    owner -> new Call("DELETE", base.formatted(owner) + "/" + c.create(owner), null)));
        }
        CollectionSample resumes = CollectionSample.ALL.stream().filter(c -> c.name().equals("resumes")).findFirst()
                .orElseThrow();
        routes.add(new Route("GET resumes/{id}/versions", Access.OWNER, 200, owner -> new Call("GET",
                "/api/v1/users/" + owner + "/resumes/" + resumes.create(owner) + "/versions", null)));
        routes.add(new Route("GET resumes/{id}/versions/{n}", Access.OWNER, 200, owner -> new Call("GET",
                "/api/v1/users/" + owner + "/resumes/" + resumes.create(owner) + "/versions/1", null)));
        routes.add(new Route("GET /jobs", Access.SIGNED_IN, 200, owner -> new Call("GET", "/api/v1/jobs", null)));
        routes.add(new Route("GET /jobs/{id}", Access.SIGNED_IN, 200,
                owner -> new Call("GET", "/api/v1/jobs/" + newPosting(), null)));
        routes.add(new Route("POST /jobs", Access.ADMIN, 201, owner -> new Call("POST", "/api/v1/jobs", postingBody())));
        routes.add(new Route("PUT /jobs/{id}", Access.ADMIN, 200,
                owner -> new Call("PUT", "/api/v1/jobs/" + newPosting(), postingBody())));
        routes.add(new Route("DELETE /jobs/{id}", Access.ADMIN, 204,
                owner -> new Call("DELETE", "/api/v1/jobs/" + newPosting(), null)));
        return routes;
    }

    @ParameterizedTest
    @FieldSource("routes")
    void shouldAnswerEachCallerAsTheMatrixSays(Route route) {
        UUID owner = newUser();
        UUID other = newUser();
        // an admin who is also a user of the service, so that /users/me has someone to answer
        RequestSpecification admin = Api.as(TestTokens.sign(newUser().toString(), Set.of(Roles.ADMIN), TestTokens.ISSUER));

        route.prepare().apply(owner).send(anonymous()).then().statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json");

        switch (route.access()) {
            case OWNER -> {
                Call call = route.prepare().apply(owner);
                Response foreign = call.send(asUser(other));
                Response missing = new Call(call.method(), call.path().replace(owner.toString(), UUID.randomUUID().toString()),
                        call.body()).send(asUser(other));
                foreign.then().statusCode(404).contentType("application/problem+json");
                missing.then().statusCode(404);
                assertThat(withoutIds(foreign.asString())).isEqualTo(withoutIds(missing.asString()));
                route.prepare().apply(owner).send(asUser(owner)).then().statusCode(route.success());
            }
            case SIGNED_IN -> route.prepare().apply(owner).send(asUser(owner)).then().statusCode(route.success());
            case ADMIN -> route.prepare().apply(owner).send(asUser(owner)).then().statusCode(403)
                    .contentType("application/problem+json").body("status", equalTo(403));
        }
        route.prepare().apply(owner).send(admin).then().statusCode(route.success());
    }

    private static String withoutIds(String text) {
        return text.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>");
    }

    private static Map<String, Object> userBody() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        return Map.of("email", "matrix-" + unique + "@example.org", "fullName", "Matrix " + unique);
    }

    private static Map<String, Object> postingBody() {
        return Map.of("title", "Access matrix engineer", "company", "Matrix Corp", "source", "access-matrix");
    }

    private static String newPosting() {
        return asAdmin().body(postingBody()).post("/api/v1/jobs").then().statusCode(201).extract().path("id");
    }
}
