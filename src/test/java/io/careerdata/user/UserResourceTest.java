package io.careerdata.user;

import static io.careerdata.testing.Api.as;
import static io.careerdata.testing.Api.asAdmin;
import static io.careerdata.testing.Api.asUser;
import static io.careerdata.testing.Api.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.careerdata.security.Roles;
import io.careerdata.testing.AuditTrail;
import io.careerdata.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class UserResourceTest {

    private static final String USERS = "/api/v1/users";
    private static final String USER = USERS + "/{id}";

    @Test
    void shouldCreateAndListUsersAsAdmin() {
        String email = unique() + "@example.org";
        String location = asAdmin().body(Map.of("email", email, "fullName", "Grace Hopper", "headline", "Admiral",
                        "preferences", Map.of("remote", true, "cities", List.of("Berlin"))))
                .post(USERS).then().statusCode(201)
                .body("email", equalTo(email)).body("fullName", equalTo("Grace Hopper"))
                .body("active", equalTo(true)).body("preferences.remote", equalTo(true))
                .body("createdAt", notNullValue())
                .extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);

        asAdmin().get(location).then().statusCode(200).body("preferences.cities[0]", equalTo("Berlin"));
        asAdmin().get(USERS + "?size=5").then().statusCode(200)
                .body("items[0].id", equalTo(id)).body("size", equalTo(5));
        assertThat(AuditTrail.of("user", id)).hasSize(1).first().asString().startsWith("user.create by ");
    }

    @Test
    void shouldRefuseADuplicateEmailInAnyCase() {
        String email = unique() + "@Example.org";
        asAdmin().body(Map.of("email", email, "fullName", "First")).post(USERS).then().statusCode(201);

        asAdmin().body(Map.of("email", email.toUpperCase(), "fullName", "Second")).post(USERS).then().statusCode(409)
                .contentType("application/problem+json").body("status", equalTo(409));
        asAdmin().body(Map.of("email", email.toLowerCase(), "fullName", "Third")).post(USERS)
                .then().statusCode(409);

        UUID other = newUser();
        asUser(other).body(Map.of("email", email.toLowerCase(), "fullName", "Other")).put(USER, other)
                .then().statusCode(409);
    }

    @Test
    void shouldAnswerTheCallersOwnProfileAtMe() {
        UUID user = newUser();
        asUser(user).get(USERS + "/me").then().statusCode(200).body("id", equalTo(user.toString()));
        asUser(UUID.randomUUID()).get(USERS + "/me").then().statusCode(404).contentType("application/problem+json");
        as(TestTokens.sign("service-account", Set.of(Roles.USER), TestTokens.ISSUER)).get(USERS + "/me")
                .then().statusCode(403).contentType("application/problem+json");
        as(TestTokens.sign(user.toString(), Set.of(), TestTokens.ISSUER)).get(USERS + "/me").then().statusCode(403);
    }

    @Test
    void shouldLetAUserEditTheirProfileButNotTheirActiveFlag() {
        UUID user = newUser();
        String email = asUser(user).get(USER, user).path("email");
        Map<String, Object> body = new HashMap<>(Map.of("email", email, "fullName", "New Name",
                "headline", "Engineer", "location", "Lisbon", "active", false));

        asUser(user).body(body).put(USER, user).then().statusCode(200)
                .body("fullName", equalTo("New Name")).body("location", equalTo("Lisbon")).body("active", equalTo(true));
        asUser(user).get(USER, user).then().body("active", equalTo(true)).body("headline", equalTo("Engineer"));
        assertThat(AuditTrail.of("user", user)).noneMatch(entry -> entry.startsWith("user.update"));

        String admin = UUID.randomUUID().toString();
        as(TestTokens.sign(admin, Set.of(Roles.ADMIN), TestTokens.ISSUER)).body(body).put(USER, user)
                .then().statusCode(200).body("active", equalTo(false));
        asUser(user).get(USER, user).then().body("active", equalTo(false));
        assertThat(AuditTrail.of("user", user)).contains("user.update by " + admin);

        body.remove("active");
        asAdmin().body(body).put(USER, user).then().statusCode(200).body("active", equalTo(false));
    }

    @Test
    void shouldRejectAnInvalidProfileNamingTheFields() {
        UUID user = newUser();
        asUser(user).body(Map.of("email", "not-an-email", "fullName", " ")).put(USER, user).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("email", "fullName")));
        asAdmin().body(Map.of("fullName", "No Mail")).post(USERS).then().statusCode(400)
                .body("errors.field", equalTo(List.of("email")));
        asAdmin().get(USER, UUID.randomUUID()).then().statusCode(404);
        asAdmin().body(Map.of("email", unique() + "@example.org", "fullName", "Nobody")).put(USER, UUID.randomUUID())
                .then().statusCode(404);
    }

    private static String unique() {
        return "u" + UUID.randomUUID().toString().substring(0, 12);
    }
}
