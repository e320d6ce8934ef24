package io.careerdata.skill;

import static io.careerdata.testing.Api.anonymous;
import static io.careerdata.testing.Api.asAdmin;
import static io.careerdata.testing.Api.asUser;
import static io.careerdata.testing.Api.newUser;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SkillResourceTest {

    @Test
    void shouldCreateListGetUpdateAndDeleteOwnSkill() {
        UUID user = newUser();
        String location = asUser(user).body(Map.of("name", "Kotlin", "level", "advanced", "yearsExperience", 4.5))
                .post("/api/v1/users/{u}/skills", user)
                .then().statusCode(201)
                .body("name", equalTo("Kotlin"))
                .body("level", equalTo("advanced"))
                .body("userId", equalTo(user.toString()))
                .body("createdAt", notNullValue())
                .extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);

        asUser(user).get("/api/v1/users/{u}/skills", user).then().statusCode(200)
                .body("items", hasSize(1)).body("total", equalTo(1)).body("page", equalTo(0)).body("size", equalTo(20));
        asUser(user).get(location).then().statusCode(200).body("id", equalTo(id));

        asUser(user).body(Map.of("name", "Kotlin", "level", "expert"))
                .put("/api/v1/users/{u}/skills/{id}", user, id)
                .then().statusCode(200).body("level", equalTo("expert"));

        asUser(user).delete("/api/v1/users/{u}/skills/{id}", user, id).then().statusCode(204);
        asUser(user).get("/api/v1/users/{u}/skills/{id}", user, id).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void shouldNotReturnAnotherUsersSkill() {
        UUID owner = newUser();
        UUID other = newUser();
        String id = asUser(owner).body(Map.of("name", "Go")).post("/api/v1/users/{u}/skills", owner)
                .then().statusCode(201).extract().path("id");

        asUser(other).get("/api/v1/users/{u}/skills/{id}", owner, id).then().statusCode(404);
        asUser(other).get("/api/v1/users/{u}/skills", owner).then().statusCode(404);
        asUser(other).get("/api/v1/users/{u}/skills/{id}", other, id).then().statusCode(404);
        asUser(other).delete("/api/v1/users/{u}/skills/{id}", owner, id).then().statusCode(404);
        asAdmin().get("/api/v1/users/{u}/skills/{id}", owner, id).then().statusCode(200);
        anonymous().get("/api/v1/users/{u}/skills", owner).then().statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void shouldRejectInvalidSkillWithFieldErrors() {
        UUID user = newUser();
        asUser(user).body(Map.of("name", "", "yearsExperience", 200))
                .post("/api/v1/users/{u}/skills", user)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("yearsExperience"));
        asUser(user).body("{\"name\": \"Rust\", \"level\": \"wizard\"}")
                .post("/api/v1/users/{u}/skills", user)
                .then().statusCode(400)
                .body("errors[0].field", equalTo("level"))
                .body("errors[0].message", containsString("expert"));
        asUser(user).body("{\"name\": ").post("/api/v1/users/{u}/skills", user)
                .then().statusCode(400).contentType("application/problem+json");
        asUser(user).get("/api/v1/users/{u}/skills/not-a-uuid", user).then().statusCode(400)
                .contentType("application/problem+json");
        asUser(user).get("/api/v1/users/{u}/skills?size=101", user).then().statusCode(400)
                .body("errors[0].field", equalTo("size"));
        asUser(user).get("/api/v1/users/{u}/skills?page=abc", user).then().statusCode(400)
                .body("errors[0].field", equalTo("page"));
    }
}
