package io.careerdata.jobs;

import static io.careerdata.testing.Api.asAdmin;
import static io.careerdata.testing.Api.asUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.careerdata.backup.BackupConfig;
import io.careerdata.backup.storage.BackupNames;
import io.careerdata.export.ExportConfig;
import io.careerdata.testing.Api;
import io.careerdata.testing.Eventually;
import io.careerdata.testing.Jobs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A replica that dies mid-job, simulated by the rows and files it leaves: a job row of another instance
 * whose heartbeat is old, its partial files, and a database session of that instance holding the backup
 * lock. The reaper fails such jobs ("instance lost", retryable), removes their files, ends the session,
 * and the next backup runs; jobs with a fresh heartbeat are left alone.
 */
@QuarkusTest
class JobLossTest {

    private static final String BACKUPS = "/api/v1/data-management/backups";
    private static final String EXPORTS = "/api/v1/data-management/exports";
    private static final String BACKUP_LOCK = "SELECT pg_advisory_lock(hashtext('career-data-service:backup'))";

    @Inject
    JobHeartbeats heartbeats;

    @Inject
    BackupConfig backupConfig;

    @Inject
    ExportConfig exportConfig;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @Test
    void shouldFailALostBackupRemoveItsDraftEndItsLockSessionAndLetTheNextBackupRun() throws Exception {
        String backupId = BackupNames.newBackupId(Instant.now().minusSeconds(600), true);
        Path draft = Path.of(backupConfig.directory()).toAbsolutePath().resolve(".draft-" + backupId);
        Files.createDirectories(draft);
        Files.writeString(draft.resolve("001-users.csv.gz"), "partial");
        UUID jobId = insertBackupJob("ghost-a", backupId, "5 minutes");
        try (Connection ghost = connect()) {
            query(ghost, "SELECT set_config('application_name', '" + InstanceId.lockHolderName("ghost-a") + "', false)");
            query(ghost, BACKUP_LOCK);
            JsonPath blocked = run(BACKUPS + "?type=full");
            assertThat(blocked.getString("state")).as("a backup while the lost instance holds the lock").isEqualTo("skipped");

            heartbeats.reap().await().atMost(Duration.ofSeconds(30));

            JsonPath lost = asAdmin().get(BACKUPS + "/jobs/{id}", jobId).then().statusCode(200).extract().jsonPath();
            assertThat(lost.getString("state")).isEqualTo("failed");
            assertThat(lost.getString("error")).startsWith("instance lost").contains("ghost-a");
            assertThat(lost.getBoolean("retryable")).isTrue();
            assertThat(lost.getString("finishedAt")).isNotNull();
            assertThat(draft).as("the lost backup's draft").doesNotExist();
            Eventually.within(Duration.ofSeconds(10), () -> assertThat(alive(ghost))
                    .as("the lost instance's session, and with it the lock").isFalse());
        }
        JsonPath next = run(BACKUPS + "?type=full");
        assertThat(next.getString("state")).as("the next backup: %s", next.getString("error")).isEqualTo("succeeded");
    }

    @Test
    void shouldFailEachLostJobOnceWhenSeveralReplicasReapAtOnce() throws Exception {
        List<UUID> lost = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            lost.add(insertBackupJob("ghost-b", null, "2 minutes"));
        }
        UUID alive = insertBackupJob("other-live-replica", null, "1 second");

        Uni.join().all(heartbeats.reap(), heartbeats.reap(), heartbeats.reap()).andFailFast()
                .await().atMost(Duration.ofSeconds(30));

        for (UUID id : lost) {
            assertThat(column(id, "state")).isEqualTo("failed");
            assertThat(column(id, "revision")).as("failed by exactly one reaper").isEqualTo("1");
        }
        assertThat(column(alive, "state")).as("a job whose replica still beats").isEqualTo("running");
        assertThat(column(alive, "revision")).isEqualTo("0");
        exec("DELETE FROM backup_jobs WHERE id = ?", alive);
    }

    @Test
    void shouldFailALostExportAndRemoveItsWorkFiles() throws Exception {
        UUID owner = Api.newUser();
        UUID exportId = UUID.randomUUID();
        exec("INSERT INTO export_jobs (id, user_id, format, state, expires_at, instance_id, heartbeat_at, started_at)"
                + " VALUES (?, ?, 'json', 'running', now() + interval '1 day', 'ghost-c', now() - interval '3 minutes',"
                + " now() - interval '4 minutes')", exportId, owner);
        Path work = exportConfig.storageDir().toAbsolutePath().normalize().resolve(owner.toString())
                .resolve(exportId + ".work");
        Files.createDirectories(work);
        Files.writeString(work.resolve("export.json"), "{\"partial\":");
        // a pending job whose replica died before it began: no heartbeat, only its age
        UUID neverStarted = UUID.randomUUID();
        UUID secondOwner = Api.newUser();
        exec("INSERT INTO export_jobs (id, user_id, format, state, expires_at, created_at)"
                + " VALUES (?, ?, 'csv', 'pending', now() + interval '1 day', now() - interval '2 minutes')",
                neverStarted, secondOwner);

        heartbeats.reap().await().atMost(Duration.ofSeconds(30));

        JsonPath job = asUser(owner).get(EXPORTS + "/{id}", exportId).then().statusCode(200).extract().jsonPath();
        assertThat(job.getString("state")).isEqualTo("failed");
        assertThat(job.getString("error")).startsWith("instance lost").contains("ghost-c");
        assertThat(job.getBoolean("retryable")).isTrue();
        assertThat(job.getMap("$")).doesNotContainKeys("instanceId", "heartbeatAt");
        assertThat(work).doesNotExist();
        assertThat(asUser(secondOwner).get(EXPORTS + "/{id}", neverStarted).then().statusCode(200)
                .extract().<String>path("state")).isEqualTo("failed");
        // the person may ask again at once: the lost job no longer counts as active
        asUser(owner).body(java.util.Map.of("format", "json")).post(EXPORTS).then().statusCode(202);
    }

    private UUID insertBackupJob(String instance, String backupId, String heartbeatAge) throws SQLException {
        UUID id = UUID.randomUUID();
        exec("INSERT INTO backup_jobs (id, kind, state, backup_id, actor, instance_id, heartbeat_at)"
                + " VALUES (?, 'backup', 'running', ?, 'scheduler', ?, now() - ?::interval)", id, backupId, instance,
                heartbeatAge);
        return id;
    }

    private static JsonPath run(String path) {
        String id = asAdmin().post(path).then().statusCode(202).extract().path("id");
        return Jobs.awaitEnd(BACKUPS + "/jobs", id);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, "");
    }

    private void exec(String sql, Object... args) throws SQLException {
        try (Connection c = connect(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            st.executeUpdate();
        }
    }

    private String column(UUID id, String column) throws SQLException {
        try (Connection c = connect();
                PreparedStatement st = c.prepareStatement("SELECT " + column + "::text FROM backup_jobs WHERE id = ?")) {
            st.setObject(1, id);
            try (ResultSet rs = st.executeQuery()) {
                assertThat(rs.next()).as("job %s", id).isTrue();
                return rs.getString(1);
            }
        }
    }

    private static void query(Connection c, String sql) throws SQLException {
        try (var st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
        }
    }

    private static boolean alive(Connection c) {
        try {
            query(c, "SELECT 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
