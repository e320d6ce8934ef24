package io.careerdata.jobs;

import static io.careerdata.testing.Api.asAdmin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.careerdata.backup.BackupConfig;
import io.careerdata.backup.BackupJobTracking;
import io.careerdata.testing.Eventually;
import io.careerdata.testing.Jobs;
import io.careerdata.testing.PacedJobs;
import io.careerdata.testing.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Real loss in the middle of a run (each step paced, see {@link PacedJobs}): a backup whose row a reaper
 * has failed as lost, or another replica has taken, stops, leaves no draft and frees the lock; a restore
 * whose database session dies half way leaves every table as it was.
 */
@QuarkusTest
@TestProfile(PacedJobs.class)
class InterruptedJobsTest {

    private static final String BACKUPS = "/api/v1/data-management/backups";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    JobHeartbeats heartbeats;

    @Inject
    BackupJobTracking backupJobs;

    @Inject
    BackupConfig backupConfig;

    @Inject
    InstanceId instance;

    @Test
    void shouldStopABackupFailedAsLostElsewhereAndLetTheNextOneRun() throws Exception {
        UUID job = UUID.fromString(asAdmin().post(BACKUPS + "?type=full").then().statusCode(202).extract().path("id"));
        awaitTablesDone(job);
        // the run in progress is on the long-task timer the stuck-run alert reads
        assertThat(activeBackups()).isEqualTo(1.0);
        // as another replica sees it once this one stalled: its heartbeat is old
        Sql.exec(dataSource, "UPDATE backup_jobs SET heartbeat_at = now() - interval '10 minutes' WHERE id = '" + job + "'");

        heartbeats.reap().await().atMost(Duration.ofSeconds(30));

        Eventually.within(Duration.ofSeconds(30), () -> assertThat(backupJobs.runningHere()).doesNotContain(job));
        Eventually.within(Duration.ofSeconds(10), () -> assertThat(activeBackups()).isZero());
        JsonPath lost = asAdmin().get(BACKUPS + "/jobs/{id}", job).then().statusCode(200).extract().jsonPath();
        assertThat(lost.getString("state")).isEqualTo("failed");
        assertThat(lost.getString("error")).startsWith("instance lost").contains(instance.value());
        assertThat(lost.getBoolean("retryable")).isTrue();
        assertThat(drafts()).as("drafts left in the backup directory").isEmpty();
        assertThat(published()).doesNotContain(lost.getString("backupId"));

        String next = asAdmin().post(BACKUPS + "?type=full").then().statusCode(202).extract().path("id");
        JsonPath done = Jobs.awaitEnd(BACKUPS + "/jobs", next);
        assertThat(done.getString("state")).as("the next backup: %s", done.getString("error")).isEqualTo("succeeded");
        // the stopped job's last words did not overwrite the failure
        assertThat(asAdmin().get(BACKUPS + "/jobs/{id}", job).then().extract().<String>path("error")).startsWith("instance lost");
    }

    @Test
    void shouldStopABackupWhoseRowAnotherReplicaTookWhenItsHeartbeatFindsOut() throws Exception {
        UUID job = UUID.fromString(asAdmin().post(BACKUPS + "?type=full").then().statusCode(202).extract().path("id"));
        awaitTablesDone(job);
        Sql.exec(dataSource, "UPDATE backup_jobs SET instance_id = 'ghost-d' WHERE id = '" + job + "'");

        heartbeats.beat().await().atMost(Duration.ofSeconds(30));

        Eventually.within(Duration.ofSeconds(30), () -> assertThat(backupJobs.runningHere()).doesNotContain(job));
        JsonPath stopped = Jobs.awaitEnd(BACKUPS + "/jobs", job.toString());
        assertThat(stopped.getString("state")).isEqualTo("failed");
        assertThat(stopped.getString("error")).contains("failed or removed elsewhere");
        assertThat(drafts()).as("drafts left in the backup directory").isEmpty();
    }

    @Test
    void shouldLeaveTheDatabaseAsItWasWhenARestoreLosesItsSessionHalfWay() throws Exception {
        String backup = Jobs.awaitEnd(BACKUPS + "/jobs",
                asAdmin().post(BACKUPS + "?type=full").then().statusCode(202).extract().path("id")).getString("backupId");
        UUID marker = UUID.randomUUID();
        Sql.exec(dataSource, "INSERT INTO users (id, email, full_name) VALUES ('" + marker + "', '" + marker
                + "@example.org', 'after the backup')");
        List<String> before = users();

        UUID job = UUID.fromString(asAdmin().post(BACKUPS + "/{id}/restore", backup).then().statusCode(202)
                .extract().path("id"));
        awaitTablesDone(job);
        // the session that holds the lock and the restore's transaction dies, as with its replica
        long ended = Sql.count(dataSource, "SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                + " WHERE application_name = ?) t", InstanceId.lockHolderName(instance.value()));
        assertThat(ended).isEqualTo(1);

        JsonPath failed = Jobs.awaitEnd(BACKUPS + "/jobs", job.toString());
        assertThat(failed.getString("state")).isEqualTo("failed");
        assertThat(users()).as("users after the interrupted restore").isEqualTo(before).contains(marker.toString());
    }

    private void awaitTablesDone(UUID job) {
        Eventually.within(Duration.ofSeconds(60), () -> {
            JsonPath view = asAdmin().get(BACKUPS + "/jobs/{id}", job).then().statusCode(200).extract().jsonPath();
            assertThat(view.getString("state")).isEqualTo("running");
            assertThat(view.getInt("progress.tablesDone")).isPositive();
        });
    }

    private List<String> users() throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT id::text FROM users ORDER BY id")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private List<String> drafts() throws Exception {
        return names().stream().filter(name -> name.startsWith(".draft-")).toList();
    }

    private List<String> published() throws Exception {
        return names().stream().filter(name -> !name.startsWith(".")).toList();
    }

    private List<String> names() throws Exception {
        Path dir = Path.of(backupConfig.directory());
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).toList();
        }
    }

    /** {@code backup.active{operation=backup}}: runs in progress, as Prometheus scrapes it. */
    private static double activeBackups() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString().lines()
                .filter(line -> line.startsWith("backup_active_seconds_active_count{")
                        && line.contains("operation=\"backup\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("backup.active is not published"));
    }
}
