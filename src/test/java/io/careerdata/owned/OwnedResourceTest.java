package io.careerdata.owned;

import static io.careerdata.testing.Api.asUser;
import static io.careerdata.testing.Api.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The one shape of the user-owned collections, proven once for each of them. */
@QuarkusTest
class OwnedResourceTest {

    static final List<CollectionSample> collections = CollectionSample.ALL;

    @ParameterizedTest
    @FieldSource("collections")
    void shouldCreateListGetUpdateAndDelete(CollectionSample collection) {
        UUID user = newUser();
        Map<String, Object> sample = collection.sample().get();
        ValidatableResponse created = asUser(user).body(sample).post(collection.path(), user)
                .then().statusCode(201)
                .body("id", notNullValue())
                .body("userId", equalTo(user.toString()))
                .body("createdAt", notNullValue())
                .body("updatedAt", notNullValue());
        sample.forEach((field, value) -> {
            if (value instanceof String text && collection.echoes(field)) {
                created.body(field, equalTo(text));
            }
        });
        String id = created.extract().path("id");
        String location = created.extract().header("Location");
        assertThat(location).endsWith("/api/v1/users/" + user + "/" + collection.name() + "/" + id);

        asUser(user).get(collection.path(), user).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", equalTo(id))
                .body("page", equalTo(0)).body("size", equalTo(20)).body("total", equalTo(1));
        asUser(user).get(location).then().statusCode(200).body("id", equalTo(id));

        asUser(user).body(collection.update().get()).put(collection.itemPath(), user, id)
                .then().statusCode(200).body("id", equalTo(id)).body(collection.updatedField(), equalTo(collection.updatedValue()));
        asUser(user).get(location).then().statusCode(200).body(collection.updatedField(), equalTo(collection.updatedValue()));

        asUser(user).delete(collection.itemPath(), user, id).then().statusCode(204);
        asUser(user).get(location).then().statusCode(404).contentType("application/problem+json");
        asUser(user).delete(collection.itemPath(), user, id).then().statusCode(404);
        asUser(user).body(collection.update().get()).put(collection.itemPath(), user, id).then().statusCode(404);
        asUser(user).get(collection.path(), user).then().statusCode(200).body("total", equalTo(0));
    }

    @ParameterizedTest
    @FieldSource("collections")
    void shouldRejectInvalidBodyNamingEveryField(CollectionSample collection) {
        UUID user = newUser();
        asUser(user).body(collection.invalid()).post(collection.path(), user)
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", equalTo(collection.invalidFields()));

        String id = collection.create(user);
        asUser(user).body(collection.invalid()).put(collection.itemPath(), user, id)
                .then().statusCode(400)
                .body("errors.field", equalTo(collection.invalidFields()));
        asUser(user).body("").post(collection.path(), user).then().statusCode(400)
                .contentType("application/problem+json");
        asUser(user).get(collection.path(), user).then().body("total", equalTo(1));
    }

    @ParameterizedTest
    @FieldSource("collections")
    void shouldPageNewestFirst(CollectionSample collection) {
        UUID user = newUser();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(collection.create(user));
        }

        List<String> first = asUser(user).get(collection.path() + "?size=2", user).then().statusCode(200)
                .body("page", equalTo(0)).body("size", equalTo(2)).body("total", equalTo(3))
                .extract().path("items.id");
        List<String> second = asUser(user).get(collection.path() + "?size=2&page=1", user).then().statusCode(200)
                .body("page", equalTo(1)).body("total", equalTo(3))
                .extract().path("items.id");
        asUser(user).get(collection.path() + "?size=2&page=2", user).then().statusCode(200)
                .body("items", hasSize(0)).body("total", equalTo(3));

        assertThat(first).hasSize(2);
        assertThat(second).hasSize(1);
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        Collections.reverse(created);
        assertThat(all).containsExactlyElementsOf(created);
    }

    @ParameterizedTest
    @FieldSource("collections")
    void shouldNotReachAnotherUsersRecordThroughOwnPath(CollectionSample collection) {
        UUID owner = newUser();
        UUID other = newUser();
        String id = collection.create(owner);
        String before = asUser(owner).get(collection.itemPath(), owner, id).asString();

        asUser(other).get(collection.itemPath(), other, id).then().statusCode(404);
        asUser(other).body(collection.update().get()).put(collection.itemPath(), other, id).then().statusCode(404);
        asUser(other).delete(collection.itemPath(), other, id).then().statusCode(404);
        asUser(other).get(collection.path(), other).then().statusCode(200).body("total", equalTo(0));

        assertThat(asUser(owner).get(collection.itemPath(), owner, id).asString()).isEqualTo(before);
    }
}
