package io.careerdata.backup;

import static io.careerdata.backup.BackupFixtures.BACKUPS;
import static io.careerdata.backup.BackupFixtures.awaitJob;
import static io.careerdata.testing.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.ClientProxy;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Scheduled runs: off in tests, and once across replicas that share the database. */
@QuarkusTest
class BackupSchedulerTest {

    private static final String LOCK = "hashtext('career-data-service:backup')";

    @Inject
    BackupScheduler scheduler;

    @Inject
    Scheduler quarkusScheduler;

    @Inject
    BackupRepository repository;

    @Inject
    BackupWriter writer;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void shouldScheduleNothingWhileTheSchedulesAreOff() {
        for (String identity : List.of("backup-daily", "backup-weekly", "backup-monthly", "backup-verify", "backup-drill")) {
            assertThat(quarkusScheduler.getScheduledJob(identity)).as(identity).isNull();
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

        scheduler.verifyNewest();

        assertThat(repository.lastVerification(id)).hasValueSatisfying(v -> assertThat(v.ok()).isTrue());
    }
}
