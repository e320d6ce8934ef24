package io.careerdata.resume;

import static io.careerdata.testing.Api.asAdmin;
import static io.careerdata.testing.Api.asUser;
import static io.careerdata.testing.Api.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
class ResumeResourceTest {

    private static final String RESUMES = "/api/v1/users/{u}/resumes";
    private static final String RESUME = RESUMES + "/{id}";
    private static final String VERSIONS = RESUME + "/versions";

    @Test
    void shouldKeepEveryVersionNewestFirst() {
        UUID user = newUser();
        String id = create(user, "First text");
        asUser(user).get(RESUME, user, id).then().statusCode(200).body("currentVersion", equalTo(1));

        update(user, id, "Second text").statusCode(200).body("currentVersion", equalTo(2));
        update(user, id, "Third text").statusCode(200).body("currentVersion", equalTo(3));

        asUser(user).get(VERSIONS, user, id).then().statusCode(200)
                .body("total", equalTo(3))
                .body("items.version", equalTo(List.of(3, 2, 1)))
                .body("items.rawText", equalTo(List.of("Third text", "Second text", "First text")));
        asUser(user).get(VERSIONS + "/2", user, id).then().statusCode(200)
                .body("version", equalTo(2))
                .body("resumeId", equalTo(id))
                .body("rawText", equalTo("Second text"))
                .body("createdAt", notNullValue());
        asUser(user).get(VERSIONS + "?size=2&page=1", user, id).then().statusCode(200)
                .body("items.version", equalTo(List.of(1))).body("total", equalTo(3));
        asAdmin().get(VERSIONS + "/3", user, id).then().statusCode(200).body("rawText", equalTo("Third text"));
    }

    @Test
    void shouldRedactContactDetailsButKeepTheRawText() {
        UUID user = newUser();
        String text = "Jane Doe, jane.doe@example.org, +1 (555) 123-4567, https://janedoe.dev. Acme 2019-2023.";
        String id = create(user, text);

        asUser(user).get(VERSIONS + "/1", user, id).then().statusCode(200)
                .body("rawText", equalTo(text))
                .body("redactedText", equalTo("Jane Doe, [EMAIL], [PHONE], [LINK] Acme 2019-2023."));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "x", "1.5", "99999999999"})
    void shouldRejectAVersionThatIsNotAPositiveNumber(String version) {
        UUID user = newUser();
        String id = create(user, "text");
        asUser(user).get(VERSIONS + "/" + version, user, id).then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("version"));
    }

    @Test
    void shouldNotFindAVersionThatDoesNotExist() {
        UUID user = newUser();
        String id = create(user, "text");
        asUser(user).get(VERSIONS + "/99", user, id).then().statusCode(404)
                .contentType("application/problem+json");
        asUser(user).get(VERSIONS, user, UUID.randomUUID()).then().statusCode(404);
        asUser(user).get(VERSIONS + "/1", user, UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void shouldNotReturnAnotherUsersResumeVersions() {
        UUID owner = newUser();
        UUID other = newUser();
        String id = create(owner, "Private text");

        asUser(other).get(VERSIONS, owner, id).then().statusCode(404).body(not(containsString("Private")));
        asUser(other).get(VERSIONS + "/1", owner, id).then().statusCode(404).body(not(containsString("Private")));
        asUser(other).get(VERSIONS, other, id).then().statusCode(404);
        asUser(other).get(VERSIONS + "/1", other, id).then().statusCode(404);
    }

    @Test
    void shouldDropTheVersionsWithTheResume() {
        UUID user = newUser();
        String id = create(user, "text");
        update(user, id, "more text").statusCode(200);

        asUser(user).delete(RESUME, user, id).then().statusCode(204);
        asUser(user).get(VERSIONS, user, id).then().statusCode(404);
        asUser(user).get(VERSIONS + "/1", user, id).then().statusCode(404);
    }

    @Test
    void shouldNotLoseAVersionUnderConcurrentUpdates() throws Exception {
        UUID user = newUser();
        String id = create(user, "v1");
        int writers = 20;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                String text = "concurrent " + i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return update(user, id, text).extract().statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> answer : answers) {
                assertThat(answer.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }

        int expected = writers + 1;
        asUser(user).get(RESUME, user, id).then().body("currentVersion", equalTo(expected));
        List<Integer> versions = asUser(user).get(VERSIONS + "?size=100", user, id).then().statusCode(200)
                .body("total", equalTo(expected)).extract().path("items.version");
        assertThat(versions).containsExactlyElementsOf(IntStream.rangeClosed(1, expected).map(v -> expected + 1 - v)
                .boxed().toList());
        List<String> texts = asUser(user).get(VERSIONS + "?size=100", user, id).path("items.rawText");
        assertThat(texts).doesNotHaveDuplicates().hasSize(expected);
    }

    private static String create(UUID user, String content) {
        return asUser(user).body(Map.of("title", "Resume", "content", content)).post(RESUMES, user)
                .then().statusCode(201).body("currentVersion", equalTo(1)).extract().path("id");
    }

    private static ValidatableResponse update(UUID user, String id, String content) {
        return asUser(user).body(Map.of("title", "Resume", "content", content)).put(RESUME, user, id).then();
    }
}
