package io.careerdata.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;

/** Calls to the API as a given caller, and the set-up most tests need: a fresh user of their own. */
public final class Api {

    private Api() {
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    public static RequestSpecification asAdmin() {
        return as(TestTokens.admin());
    }

    public static RequestSpecification asUser(UUID userId) {
        return as(TestTokens.user(userId));
    }

    public static RequestSpecification anonymous() {
        return given().contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    /** Creates a user through the admin API and answers its id. */
    public static UUID newUser() {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String id = asAdmin()
                .body(Map.of("email", "user-" + unique + "@example.org", "fullName", "Test User " + unique))
                .post("/api/v1/users")
                .then().statusCode(201)
                .extract().path("id");
        return UUID.fromString(id);
    }
}
