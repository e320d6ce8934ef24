package io.careerdata.backup;

import static io.careerdata.backup.BackupFixtures.BACKUPS;
import static io.careerdata.backup.BackupFixtures.awaitJob;
import static io.careerdata.backup.BackupFixtures.exec;
import static io.careerdata.backup.BackupFixtures.gauge;
import static io.careerdata.testing.Api.asAdmin;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.careerdata.testing.Eventually;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Scheduled runs, called directly (the schedules are off in tests): what each one records in the
 * job history, once across replicas that share the database, and the success gauges a replica
 * shows for work it did not do itself.
 */
@QuarkusTest
class BackupSchedulerTest {

    private static final String LOCK = "hashtext('career-data-service:backup')";

    @Inject
    BackupScheduler scheduler;

    @Inject
    SuccessGauges gauges;

    @Inject
    BackupRepository repository;

    @Inject
    BackupWriter writer;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldTakeAnIncrementalDailyAndFullsWeeklyAndMonthly() throws Exception {
        Instant start = Instant.now();
        scheduler.weekly();
        scheduler.daily();
        scheduler.monthly();

        List<String> types = new ArrayList<>();
        Eventually.within(Duration.ofSeconds(30), () -> {
            types.clear();
            types.addAll(query("SELECT state || ' ' || actor || ' ' || (result->>'type') FROM backup_jobs"
                    + " WHERE kind = 'backup' AND created_at >= ? ORDER BY created_at", utc(start)));
            assertThat(types).containsExactly("succeeded scheduler full", "succeeded scheduler incremental",
                    "succeeded scheduler full");
        });
    }

    @Test
    void shouldRecordADrillAndSkipOneWhileAnotherReplicaHoldsTheLock() throws Exception {
        scheduler.backupAndRetain(BackupType.FULL);
        Instant start = Instant.now();
        scheduler.drill();
        awaitJobRow("drill", start, "succeeded");

        // the other replica ran a drill that this one has not seen: its gauge must show it once it is skipped
        long otherReplicasDrill = laterThanEveryGauge();
        UUID recorded = recordSucceededJob("drill", otherReplicasDrill);
        Instant skippedAt = Instant.now();
        try (Connection otherReplica = dataSource.getConnection(); Statement st = otherReplica.createStatement()) {
            st.execute("SELECT pg_advisory_lock(" + LOCK + ")");
            try {
                scheduler.drill();
            } finally {
                st.execute("SELECT pg_advisory_unlock(" + LOCK + ")");
            }
            awaitJobRow("drill", skippedAt, "skipped");
            assertThat(gauge(metrics(), "backup_last_success_timestamp_seconds{operation=\"drill\""))
                    .isEqualTo((double) otherReplicasDrill);
        } finally {
            exec(dataSource, "DELETE FROM backup_jobs WHERE id = '" + recorded + "'");
        }
    }

    @Test
    void shouldLoadEverySuccessGaugeFromTheJobHistoryAtStartUp() throws Exception {
        long at = laterThanEveryGauge();
        List<UUID> recorded = List.of(recordSucceededJob("backup", at), recordSucceededJob("verify", at + 60),
                recordSucceededJob("drill", at + 120));
        try {
            gauges.load();

            String metrics = metrics();
            assertThat(gauge(metrics, "backup_last_success_timestamp_seconds{operation=\"backup\"")).isEqualTo((double) at);
            assertThat(gauge(metrics, "backup_last_success_timestamp_seconds{operation=\"verify\""))
                    .isEqualTo((double) at + 60);
            assertThat(gauge(metrics, "backup_last_success_timestamp_seconds{operation=\"drill\""))
                    .isEqualTo((double) at + 120);
        } finally {
            for (UUID id : recorded) {
                exec(dataSource, "DELETE FROM backup_jobs WHERE id = '" + id + "'");
            }
        }
    }

    @Test
    void shouldRunOnceWhenTwoInstancesFireTogether() throws Exception {
        Instant start = Instant.now();
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        BackupWriter real = ClientProxy.unwrap(writer);
        // the writer of one instance pauses inside its run, while it holds the lock, until released
        QuarkusMock.installMockForType(new BackupWriter() {
            @Override
            public Manifest write(Connection connection, Manifest base, Progress progress)
                    throws SQLException, IOException {
                inside.countDown();
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return real.write(connection, base, progress);
            }
        }, BackupWriter.class);

        CompletableFuture<BackupJobs.JobView> first = CompletableFuture.supplyAsync(
                () -> scheduler.backupAndRetain(BackupType.FULL));
        assertThat(inside.await(60, TimeUnit.SECONDS)).isTrue();
        BackupJobs.JobView second = CompletableFuture.supplyAsync(() -> scheduler.backupAndRetain(BackupType.FULL))
                .get(60, TimeUnit.SECONDS);
        release.countDown();
        BackupJobs.JobView ran = first.get(60, TimeUnit.SECONDS);

        assertThat(ran.state()).isEqualTo("succeeded");
        assertThat(second.state()).isEqualTo("skipped");
        assertThat(second.backupId()).isNull();
        assertThat(repository.all().stream().filter(m -> m.createdAt().isAfter(start)).map(Manifest::id))
                .containsExactly(ran.backupId());
        assertThat(awaitJob(second.id().toString()).getString("state")).isEqualTo("skipped");
        assertThat(asAdmin().get(BACKUPS + "/jobs/{id}", ran.id()).then().statusCode(200).extract()
                .<String>path("actor")).isEqualTo("scheduler");
    }

    @Test
    void shouldSkipWhileAnotherReplicaHoldsTheLock() throws Exception {
        Instant start = Instant.now();
        try (Connection otherReplica = dataSource.getConnection(); Statement st = otherReplica.createStatement()) {
            st.execute("SELECT pg_advisory_lock(" + LOCK + ")");
            try {
                assertThat(scheduler.backupAndRetain(BackupType.INCREMENTAL).state()).isEqualTo("skipped");
                awaitJobRow("backup", start, "skipped");
                assertThat(repository.all()).noneMatch(m -> m.createdAt().isAfter(start));
            } finally {
                st.execute("SELECT pg_advisory_unlock(" + LOCK + ")");
            }
        }
        BackupJobs.JobView ran = scheduler.backupAndRetain(BackupType.INCREMENTAL);
        assertThat(ran.state()).isEqualTo("succeeded");
        assertThat(repository.manifest(ran.backupId())).isPresent();
    }

    @Test
    void shouldVerifyTheNewestBackupsOnSchedule() {
        String id = scheduler.backupAndRetain(BackupType.FULL).backupId();
        assertThat(repository.lastVerification(id)).isEmpty();

        Instant start = Instant.now();
        scheduler.verifyNewest();

        assertThat(repository.lastVerification(id)).hasValueSatisfying(v -> assertThat(v.ok()).isTrue());
        awaitJobRow("verify", start, "succeeded");
    }

    /** Waits until the newest job of {@code kind} created since {@code since} is in {@code state}, as the database has it. */
    private void awaitJobRow(String kind, Instant since, String state) {
        Eventually.within(Duration.ofSeconds(30), () -> assertThat(query("SELECT state || ' ' || actor FROM backup_jobs"
                + " WHERE kind = ? AND created_at >= ? ORDER BY created_at DESC LIMIT 1", kind, utc(since)))
                .containsExactly(state + " scheduler"));
    }

    /** A succeeded job as another replica records it, finished at {@code epochSecond}. */
    private UUID recordSucceededJob(String kind, long epochSecond) throws SQLException {
        UUID id = UUID.randomUUID();
        exec(dataSource, "INSERT INTO backup_jobs (id, kind, state, actor, finished_at) VALUES ('" + id + "', '" + kind
                + "', 'succeeded', 'scheduler', to_timestamp(" + epochSecond + "))");
        return id;
    }

    /** A whole second after now and after every success gauge (they never move back). */
    private static long laterThanEveryGauge() {
        String metrics = metrics();
        double newest = Instant.now().getEpochSecond();
        for (String operation : List.of("backup", "verify", "drill")) {
            newest = Math.max(newest, gauge(metrics, "backup_last_success_timestamp_seconds{operation=\"" + operation + "\""));
        }
        return (long) newest + 3600;
    }

    /** As the database compares it: microseconds at most, so a job created in the same microsecond counts as after. */
    private static OffsetDateTime utc(Instant at) {
        return at.truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC);
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private List<String> query(String sql, Object... args) {
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                st.setObject(i + 1, args[i]);
            }
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
