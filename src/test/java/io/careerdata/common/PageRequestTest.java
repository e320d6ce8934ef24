package io.careerdata.common;

import static io.careerdata.testing.Api.asAdmin;
import static io.careerdata.testing.Api.newUser;
import static org.hamcrest.Matchers.equalTo;

import io.careerdata.owned.CollectionSample;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;

/** The bounds of {@code page} and {@code size}, on every paged route. */
@QuarkusTest
class PageRequestTest {

    static final List<String> pagedRoutes = pagedRoutes();

    private static List<String> pagedRoutes() {
        List<String> routes = new ArrayList<>();
        routes.add("/api/v1/users");
        routes.add("/api/v1/jobs");
        routes.add("/api/v1/users/{userId}/resumes/{resumeId}/versions");
        CollectionSample.ALL.forEach(c -> routes.add(c.path()));
        return routes;
    }

    @ParameterizedTest
    @FieldSource("pagedRoutes")
    void shouldRejectEveryPageOrSizeOutOfBounds(String route) {
        UUID user = newUser();
        String resume = asAdmin().body(Map.of("title", "Paged", "content", "text"))
                .post("/api/v1/users/{u}/resumes", user).then().statusCode(201).extract().path("id");
        String path = route.replace("{userId}", user.toString()).replace("{resumeId}", resume);
        List<String[]> bad = List.of(
                new String[] {"size=101", "size"}, new String[] {"size=0", "size"}, new String[] {"size=-5", "size"},
                new String[] {"size=abc", "size"}, new String[] {"size=1.5", "size"},
                new String[] {"page=-1", "page"}, new String[] {"page=abc", "page"},
                new String[] {"page=99999999999", "page"});
        for (String[] query : bad) {
            asAdmin().get(path + "?" + query[0]).then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("status", equalTo(400))
                    .body("errors[0].field", equalTo(query[1]));
        }
        asAdmin().get(path + "?size=100&page=0").then().statusCode(200)
                .body("size", equalTo(100)).body("page", equalTo(0));
        asAdmin().get(path + "?size=1").then().statusCode(200)
                .body("size", equalTo(1));
    }

    @ParameterizedTest
    @CsvSource({"page=-1,page", "size=101,size"})
    void shouldNameTheRejectedParameter(String query, String field) {
        UUID user = newUser();
        asAdmin().get("/api/v1/users/{u}/skills?" + query, user).then().statusCode(400)
                .body("errors[0].message", equalTo(field.equals("page")
                        ? "must be between 0 and 1000000" : "must be between 1 and 100"));
    }
}
