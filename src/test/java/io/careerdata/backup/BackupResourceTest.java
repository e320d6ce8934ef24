package io.careerdata.backup;

import static io.careerdata.backup.BackupFixtures.BACKUPS;
import static io.careerdata.backup.BackupFixtures.awaitJob;
import static io.careerdata.backup.BackupFixtures.backup;
import static io.careerdata.backup.BackupFixtures.count;
import static io.careerdata.backup.BackupFixtures.exec;
import static io.careerdata.backup.BackupFixtures.gauge;
import static io.careerdata.backup.BackupFixtures.runJob;
import static io.careerdata.backup.BackupFixtures.seedEveryTable;
import static io.careerdata.backup.BackupFixtures.snapshot;
import static io.careerdata.testing.Api.anonymous;
import static io.careerdata.testing.Api.asAdmin;
import static io.careerdata.testing.Api.asUser;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.oneOf;

import io.agroal.api.AgroalDataSource;
import io.careerdata.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BackupResourceTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    BackupConfig config;

    @Inject
    BackupScheduler scheduler;

    @Test
    void shouldStartABackupAsAJobAndDescribeItInTheListAndManifest() throws Exception {
        String location = asAdmin().post(BACKUPS + "?type=full").then().statusCode(202)
                .body("kind", equalTo("backup"))
                .body("state", oneOf("queued", "running", "succeeded"))
                .extract().header("Location");
        assertThat(location).contains(BACKUPS + "/jobs/");
        JsonPath job = awaitJob(location.substring(location.lastIndexOf('/') + 1));
        assertThat(job.getString("state")).isEqualTo("succeeded");
        assertThat(job.getInt("progress.tablesDone")).isEqualTo(job.getInt("progress.tablesTotal")).isPositive();
        String id = job.getString("backupId");

        JsonPath manifest = asAdmin().get(BACKUPS + "/{id}", id).then().statusCode(200).extract().jsonPath();
        assertThat(manifest.getInt("format")).isEqualTo(1);
        assertThat(manifest.getString("type")).isEqualTo("full");
        assertThat(manifest.getString("schemaVersion"))
                .isEqualTo(String.valueOf(count(dataSource, "SELECT max(version::int) FROM flyway_schema_history")));
        assertThat(manifest.getString("applicationVersion")).isNotBlank();
        assertThat(manifest.getString("createdAt")).isNotBlank();
        assertThat(manifest.getList("tables.name")).contains("users", "audit_log").doesNotContain(
                "flyway_schema_history", "backup_jobs", "backup_deletions", "backup_state");
        assertThat(manifest.getList("tables.name").indexOf("users"))
                .isLessThan(manifest.getList("tables.name").indexOf("skills")); // foreign-key order
        assertThat(manifest.getString("tables[0].file.sha256")).hasSize(64);
        assertThat(manifest.getString("checksum")).startsWith("hmac-sha256:");

        asAdmin().get(BACKUPS + "?size=100").then().statusCode(200)
                .body("items.id", hasItem(id))
                .body("items.find { it.id == '" + id + "' }.type", equalTo("full"))
                .body("items.find { it.id == '" + id + "' }.encrypted", equalTo(true));

        JsonPath verified = runJob(BACKUPS + "/{id}/verify", id);
        assertThat(verified.getString("state")).as(verified.getString("error")).isEqualTo("succeeded");
        assertThat(verified.getBoolean("result.ok")).isTrue();
        asAdmin().get(BACKUPS + "?size=100").then()
                .body("items.find { it.id == '" + id + "' }.verified.ok", equalTo(true));
        assertThat(count(dataSource, "SELECT count(*) FROM audit_log WHERE action = 'backup.create' AND target_id = ?", id))
                .isEqualTo(1);
    }

    @Test
    void shouldRefuseToDeleteABaseWhileAnIncrementalDependsOnIt() throws Exception {
        String full = backup("full");
        String incremental = backup("incremental");
        assertThat(asAdmin().get(BACKUPS + "/{id}", incremental).then().extract().<String>path("baseId")).isEqualTo(full);

        asAdmin().delete(BACKUPS + "/{id}", full).then().statusCode(409)
                .contentType("application/problem+json").body("detail", org.hamcrest.Matchers.containsString(incremental));
        asAdmin().delete(BACKUPS + "/{id}", incremental).then().statusCode(204);
        asAdmin().delete(BACKUPS + "/{id}", full).then().statusCode(204);
        asAdmin().get(BACKUPS + "/{id}", full).then().statusCode(404).contentType("application/problem+json");
        asAdmin().delete(BACKUPS + "/{id}", full).then().statusCode(404);
        assertThat(count(dataSource, "SELECT count(*) FROM audit_log WHERE action = 'backup.delete' AND target_id IN (?, ?)",
                full, incremental)).isEqualTo(2);
    }

    @Test
    void shouldReportWhatARestoreWouldChangeWithoutChangingAnything() throws Exception {
        UUID user = seedEveryTable(dataSource);
        String id = backup("full");
        exec(dataSource,
                "DELETE FROM skills WHERE user_id = '" + user + "' AND level = 'beginner'",
                "UPDATE skills SET level = 'advanced' WHERE user_id = '" + user + "'",
                "INSERT INTO skills (id, user_id, name) VALUES ('" + UUID.randomUUID() + "', '" + user + "', 'New')",
                "INSERT INTO skills (id, user_id, name) VALUES ('" + UUID.randomUUID() + "', '" + user + "', 'Newer')");
        Map<String, List<String>> before = snapshot(dataSource);

        JsonPath job = runJob(BACKUPS + "/{id}/restore?dryRun=true", id);

        assertThat(job.getString("kind")).isEqualTo("dry-run");
        assertThat(job.getString("state")).as(job.getString("error")).isEqualTo("succeeded");
        assertThat(job.getBoolean("result.dryRun")).isTrue();
        Map<String, Object> skills = job.getMap("result.tables.find { it.table == 'skills' }");
        assertThat(skills).containsEntry("added", 1).containsEntry("removed", 2).containsEntry("changed", 1);
        assertThat(((Number) skills.get("rowsNow")).longValue() - ((Number) skills.get("rowsAfter")).longValue())
                .isEqualTo(1);
        assertThat(snapshot(dataSource)).isEqualTo(before);
    }

    @Test
    void shouldDrillTheNewestChainAndExposeMetrics() throws Exception {
        backup("full");
        backup("incremental");
        Map<String, List<String>> before = snapshot(dataSource);

        scheduler.drill();

        assertThat(snapshot(dataSource)).isEqualTo(before);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(gauge(metrics, "backup_last_success_timestamp_seconds{operation=\"backup\"")).isPositive();
        assertThat(gauge(metrics, "backup_last_success_timestamp_seconds{operation=\"drill\"")).isPositive();
        assertThat(gauge(metrics, "backup_last_bytes{operation=\"backup\"")).isPositive();
        assertThat(gauge(metrics, "backup_last_rows{operation=\"drill\"")).isPositive();
        assertThat(metrics).contains("backup_duration_seconds_count{operation=\"backup\",outcome=\"success\"");

        // a failed verification counts as a failure of that stage
        String id = backup("full");
        Path manifest = Path.of(config.directory()).resolve(id).resolve("manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replaceFirst("\"rows\" : \\d+", "\"rows\" : 12345"));
        assertThat(runJob(BACKUPS + "/{id}/verify", id).getString("state")).isEqualTo("failed");
        String after = given().get("/q/metrics").then().extract().asString();
        assertThat(gauge(after, "backup_failures_total{operation=\"verify\",stage=\"verification\"")).isPositive();
        asAdmin().delete(BACKUPS + "/{id}", id).then().statusCode(204); // keep the newest chain drillable for others
    }

    @Test
    void shouldRefuseNamesThatAreNotBackupIdsBeforeTheyReachTheStorage() throws Exception {
        Path root = Path.of(config.directory()).toAbsolutePath();
        Files.createDirectories(root);
        Path outside = Files.writeString(root.resolveSibling("outside-" + UUID.randomUUID()), "keep me");
        Path insideDir = Files.createDirectories(root.resolve("not-a-backup"));
        Path inside = Files.writeString(insideDir.resolve("manifest.json"), "{}");
        String outsideName = outside.getFileName().toString();
        List<String> tricks = List.of("..", "%2e%2e", "%2E%2E", "..%2F" + outsideName, "..%2f..%2f" + outsideName,
                "%2e%2e%2f" + outsideName, "not-a-backup", "not-a-backup%2Fmanifest.json", "..%5C" + outsideName,
                "20250101-000000-full-0000000g", "20250101-000000-full-00000000%00", "%252e%252e");
        for (String trick : tricks) {
            for (String method : List.of("GET", "DELETE")) {
                int status = raw().request(method, BACKUPS + "/" + trick).then().extract().statusCode();
                assertThat(status).as("%s %s", method, trick).isIn(400, 404, 405);
            }
            for (String action : List.of("verify", "restore")) {
                int status = raw().post(BACKUPS + "/" + trick + "/" + action).then().extract().statusCode();
                assertThat(status).as("POST %s/%s", trick, action).isIn(400, 404, 405);
            }
        }
        asAdmin().get(BACKUPS + "/{id}", "not-a-backup").then().statusCode(400).body("errors[0].field", equalTo("id"));
        asAdmin().get(BACKUPS + "/20250101-000000-full-00000000").then().statusCode(404);
        assertThat(outside).exists().hasContent("keep me");
        assertThat(inside).exists();
    }

    @Test
    void shouldRefuseBadParameters() {
        asAdmin().post(BACKUPS + "?type=weekly").then().statusCode(400).body("errors[0].field", equalTo("type"));
        asAdmin().get(BACKUPS + "/jobs/not-a-uuid").then().statusCode(400);
        asAdmin().get(BACKUPS + "/jobs/{id}", UUID.randomUUID()).then().statusCode(404)
                .contentType("application/problem+json");
        String id = backup("full");
        asAdmin().post(BACKUPS + "/{id}/restore?dryRun=maybe", id).then().statusCode(400)
                .body("errors[0].field", equalTo("dryRun"));
        asAdmin().post(BACKUPS + "/{id}/verify", "20250101-000000-full-00000000").then().statusCode(404);
    }

    @Test
    void shouldAllowAdminsOnly() {
        String id = "20250101-000000-full-00000000";
        UUID user = UUID.randomUUID();
        List<Supplier<RequestSpecification>> callers = List.of(() -> asUser(user), () -> anonymous());
        for (Supplier<RequestSpecification> caller : callers) {
            int expected = caller == callers.get(0) ? 403 : 401;
            caller.get().post(BACKUPS + "?type=full").then().statusCode(expected).contentType("application/problem+json");
            caller.get().get(BACKUPS).then().statusCode(expected);
            caller.get().get(BACKUPS + "/{id}", id).then().statusCode(expected);
            caller.get().get(BACKUPS + "/jobs/{id}", UUID.randomUUID()).then().statusCode(expected);
            caller.get().post(BACKUPS + "/{id}/verify", id).then().statusCode(expected);
            caller.get().post(BACKUPS + "/{id}/restore", id).then().statusCode(expected);
            caller.get().delete(BACKUPS + "/{id}", id).then().statusCode(expected);
        }
    }

    private static RequestSpecification raw() {
        return given().auth().oauth2(TestTokens.admin()).urlEncodingEnabled(false);
    }
}
