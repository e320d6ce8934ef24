package io.careerdata.export;

import static io.careerdata.export.ExportFiles.EXPORTS;
import static io.careerdata.export.ExportFiles.awaitReady;
import static io.careerdata.export.ExportFiles.requestReady;
import static io.careerdata.testing.Api.anonymous;
import static io.careerdata.testing.Api.asAdmin;
import static io.careerdata.testing.Api.asUser;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.careerdata.testing.Api;
import io.careerdata.testing.Eventually;
import io.careerdata.testing.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The export API: who reaches what, the limits, downloads, deletion, the audit trail and the metrics. */
@QuarkusTest
class ExportResourceTest {

    @Inject
    Pool pool;

    @Inject
    ExportStorage storage;

    @Test
    void shouldLetOnlyTheOwnerOrAnAdminSeeDownloadOrDeleteAnExport() {
        UUID owner = Api.newUser();
        UUID other = Api.newUser();
        String id = requestReady(asUser(owner), owner, Map.of("format", "json"));

        asUser(owner).get(EXPORTS + "/{id}", id).then().statusCode(200)
                .body("userId", equalTo(owner.toString())).body("state", equalTo("ready"))
                .body("progress", equalTo(100)).body("format", equalTo("json")).body("scope", equalTo("all"));
        asUser(owner).get(EXPORTS).then().statusCode(200).body("items.id", hasItem(id));
        asAdmin().get(EXPORTS + "/{id}", id).then().statusCode(200);
        asAdmin().get(EXPORTS + "?userId=" + owner).then().statusCode(200).body("items.id", hasItem(id));
        given().auth().oauth2(io.careerdata.testing.TestTokens.admin()).get(EXPORTS + "/{id}/download", id)
                .then().statusCode(200);

        asUser(other).get(EXPORTS + "/{id}", id).then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(io.careerdata.testing.TestTokens.user(other)).get(EXPORTS + "/{id}/download", id)
                .then().statusCode(404);
        asUser(other).delete(EXPORTS + "/{id}", id).then().statusCode(404);
        asUser(other).get(EXPORTS).then().statusCode(200).body("items.id", not(hasItem(id)));
        asUser(other).get(EXPORTS + "?userId=" + owner).then().statusCode(404);
        asUser(other).body(Map.of("format", "json", "userId", owner.toString())).post(EXPORTS).then().statusCode(404);

        anonymous().get(EXPORTS + "/{id}", id).then().statusCode(401).contentType("application/problem+json");
        anonymous().get(EXPORTS + "/{id}/download", id).then().statusCode(401);
        anonymous().body(Map.of("format", "json")).post(EXPORTS).then().statusCode(401);
        anonymous().delete(EXPORTS + "/{id}", id).then().statusCode(401);

        asUser(owner).delete(EXPORTS + "/{id}", id).then().statusCode(204);
        asUser(owner).get(EXPORTS + "/{id}", id).then().statusCode(404);
    }

    @Test
    void shouldStreamTheFileWithItsTypeAndASafeNameAndAuditEachStep() throws Exception {
        UUID owner = Api.newUser();
        String id = requestReady(asUser(owner), owner, Map.of("format", "xml"));
        java.nio.file.Path file = storage.file(owner, UUID.fromString(id), ExportFormat.xml);
        assertThat(file).exists().startsWith(storage.root());

        Response download = given().auth().oauth2(io.careerdata.testing.TestTokens.user(owner))
                .get(EXPORTS + "/{id}/download", id);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.contentType()).startsWith("application/xml");
        assertThat(download.header("Content-Disposition"))
                .matches("attachment; filename=\"career-data-export-\\d{4}-\\d{2}-\\d{2}-" + id.substring(0, 8) + "\\.xml\"");
        assertThat(download.header("Cache-Control")).isEqualTo("no-store");
        assertThat(download.asByteArray()).isEqualTo(Files.readAllBytes(file));
        String sha256 = asUser(owner).get(EXPORTS + "/{id}", id).then().extract().path("sha256");
        assertThat(sha256).isEqualTo(java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));

        asUser(owner).delete(EXPORTS + "/{id}", id).then().statusCode(204);
        assertThat(file).doesNotExist();
        assertThat(auditActions(owner, id)).containsExactly("export.request", "export.download", "export.delete");
    }

    @Test
    void shouldRefuseAFourthExportInADayWithRetryAfterButNotForAnAdmin() {
        UUID owner = Api.newUser();
        requestReady(asUser(owner), owner, Map.of("format", "json"));
        // two earlier requests of the same day, one and two hours ago
        for (int hours : new int[] {1, 2}) {
            pool.preparedQuery("INSERT INTO audit_log (occurred_at, actor, action, target_type, subject_user_id)"
                            + " VALUES (now() - make_interval(hours => $1), $2, 'export.request', 'export', $3)")
                    .execute(Tuple.of(hours, owner.toString(), owner)).await().atMost(ExportFixture.WAIT);
        }

        Response refused = asUser(owner).body(Map.of("format", "csv")).post(EXPORTS);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        // the request of two hours ago leaves the 24-hour window first
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(22 * 3600L - 120, 22 * 3600L);

        requestReady(asAdmin(), owner, Map.of("format", "json", "userId", owner.toString()));
        asUser(owner).body(Map.of("format", "csv")).post(EXPORTS).then().statusCode(429);
        assertThat(metrics()).contains("export_requests_total{format=\"csv\",outcome=\"rate_limited\"}");
    }

    @Test
    void shouldMakeOneExportAtATimePerUserWhenRequestsRace() throws Exception {
        UUID owner = Api.newUser();
        // hold the export at its second category until the requests have raced
        SqlConnection lock = pool.getConnection().await().atMost(ExportFixture.WAIT);
        List<Integer> statuses = new ArrayList<>();
        String running;
        try {
            lock.query("BEGIN").execute().await().atMost(ExportFixture.WAIT);
            lock.query("LOCK TABLE skills IN ACCESS EXCLUSIVE MODE").execute().await().atMost(ExportFixture.WAIT);
            ExecutorService clients = Executors.newFixedThreadPool(5);
            List<Future<Response>> answers = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                answers.add(clients.submit(() -> asUser(owner).body(Map.of("format", "json")).post(EXPORTS)));
            }
            running = null;
            for (Future<Response> answer : answers) {
                Response response = answer.get();
                statuses.add(response.statusCode());
                if (response.statusCode() == 202) {
                    running = response.path("id");
                } else {
                    assertThat(response.header("Retry-After")).isEqualTo("30");
                }
            }
            clients.shutdown();
            assertThat(statuses).containsOnlyOnce(202).containsOnly(202, 429);
            awaitExport(owner, running, "running", 1); // the profile is written, the skills wait for the lock
            given().auth().oauth2(io.careerdata.testing.TestTokens.user(owner)).get(EXPORTS + "/{id}/download", running)
                    .then().statusCode(409);
        } finally {
            lock.query("ROLLBACK").execute().await().atMost(ExportFixture.WAIT);
            lock.close().await().atMost(ExportFixture.WAIT);
        }
        awaitReady(owner, running);
        assertThat(metrics()).contains("export_requests_total{format=\"json\",outcome=\"busy\"}");
    }

    @Test
    void shouldAnswerGoneForAnExpiredExport() {
        UUID owner = Api.newUser();
        String id = requestReady(asUser(owner), owner, Map.of("format", "json"));
        pool.preparedQuery("UPDATE export_jobs SET expires_at = now() - interval '1 minute' WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(id))).await().atMost(ExportFixture.WAIT);

        given().auth().oauth2(io.careerdata.testing.TestTokens.user(owner)).get(EXPORTS + "/{id}/download", id)
                .then().statusCode(410).contentType("application/problem+json");
    }

    @Test
    void shouldRefusePathTricksAndNeverServeAFileOutsideTheExports() {
        UUID owner = Api.newUser();
        String id = requestReady(asUser(owner), owner, Map.of("format", "json"));
        String token = io.careerdata.testing.TestTokens.user(owner);

        for (String trick : List.of("..%2F..%2F..%2Fetc%2Fpasswd", "%2e%2e", "..", id + "%2F..%2F..%2Fpom.xml",
                id + ".json", "..%5C..%5Cpom.xml", "%00" + id, UUID.randomUUID().toString())) {
            Response response = given().urlEncodingEnabled(false).auth().oauth2(token)
                    .get(EXPORTS + "/" + trick + "/download");
            assertThat(response.statusCode()).as(trick).isIn(400, 404);
            assertThat(response.asString()).as(trick).doesNotContain("root:").doesNotContain("<project");
        }
        given().urlEncodingEnabled(false).auth().oauth2(token).get(EXPORTS + "/" + id + "/download/..%2F..%2F..%2Fpom.xml")
                .then().statusCode(404);
        asUser(owner).body(Map.of("format", "../../etc/passwd")).post(EXPORTS).then().statusCode(400)
                .body("errors[0].field", equalTo("format"));
        asUser(owner).body(Map.of("scope", "all")).post(EXPORTS).then().statusCode(400);
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownUserOrExport() {
        asAdmin().body(Map.of("format", "json", "userId", UUID.randomUUID().toString())).post(EXPORTS)
                .then().statusCode(404);
        UUID owner = Api.newUser();
        asUser(owner).get(EXPORTS + "/{id}", UUID.randomUUID()).then().statusCode(404);
        asUser(owner).delete(EXPORTS + "/{id}", UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void shouldCountExportsByFormatOutcomeDurationAndBytes() {
        UUID owner = Api.newUser();
        requestReady(asUser(owner), owner, Map.of("format", "zip"));

        assertThat(metrics())
                .contains("export_requests_total{format=\"zip\",outcome=\"accepted\"}")
                .contains("export_duration_seconds_count{format=\"zip\",outcome=\"succeeded\"}")
                .contains("export_bytes_sum{format=\"zip\"}")
                .doesNotContain(owner.toString());
    }

    @Test
    void shouldStillExportAfterTheDatabaseRestarted() {
        UUID owner = Api.newUser();
        requestReady(asAdmin(), owner, Map.of("format", "json", "userId", owner.toString()));
        TestServers.stopPostgres();
        TestServers.startPostgres();

        // the JDBC connection the first export left in the pool died with the server
        Eventually.within(Duration.ofSeconds(30), Api::newUser);
        requestReady(asAdmin(), owner, Map.of("format", "json", "userId", owner.toString()));
    }

    /** Waits until the export is in {@code state} with at least {@code progress} percent (progress is recorded asynchronously). */
    private void awaitExport(UUID owner, String id, String state, int progress) {
        for (int i = 0; i < 300; i++) {
            Response job = asUser(owner).get(EXPORTS + "/{id}", id);
            if (state.equals(job.path("state")) && job.<Integer>path("progress") >= progress) {
                return;
            }
            ExportFiles.sleep(50);
        }
        throw new AssertionError("export " + id + " never became " + state + " with " + progress + "%");
    }

    private List<String> auditActions(UUID subject, String exportId) {
        List<String> actions = new ArrayList<>();
        pool.preparedQuery("SELECT action FROM audit_log WHERE subject_user_id = $1 AND target_id = $2 ORDER BY id")
                .execute(Tuple.of(subject, exportId)).await().atMost(ExportFixture.WAIT)
                .forEach(row -> actions.add(row.getString("action")));
        return actions;
    }

    static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
