package io.careerdata.export;

import static io.careerdata.export.ExportFiles.requestReady;
import static io.careerdata.testing.Api.asUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.careerdata.testing.Api;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The cleanup, run by the test (the schedule is off in tests): what it deletes, and what it keeps. */
@QuarkusTest
class ExportCleanupTest {

    @Inject
    Pool pool;

    @Inject
    ExportStorage storage;

    @Inject
    ExportCleanup cleanup;

    @Inject
    Scheduler scheduler;

    @Test
    void shouldNotRunOnItsOwnInTests() {
        assertThat(scheduler.getScheduledJob("export-cleanup")).isNull();
    }

    @Test
    void shouldDeleteExpiredExportsFailedFilesAndOrphansButKeepLiveOnes() throws Exception {
        UUID owner = Api.newUser();
        UUID expired = UUID.fromString(requestReady(asUser(owner), owner, Map.of("format", "json")));
        UUID kept = UUID.fromString(requestReady(asUser(owner), owner, Map.of("format", "csv")));
        Path expiredFile = storage.file(owner, expired, ExportFormat.json);
        Path keptFile = storage.file(owner, kept, ExportFormat.csv);
        sql("UPDATE export_jobs SET expires_at = now() - interval '1 second' WHERE id = $1", expired);

        UUID failed = UUID.randomUUID();
        sql("INSERT INTO export_jobs (id, user_id, format, state, expires_at) VALUES ($1, $2, 'xml', 'failed',"
                + " now() + interval '1 day')", failed, owner);
        Path failedFile = write(storage.file(owner, failed, ExportFormat.xml));
        Path leftOverWork = write(storage.workDir(owner, failed).resolve("export.xml"));
        UUID nobody = UUID.randomUUID();
        Path orphan = write(storage.file(nobody, UUID.randomUUID(), ExportFormat.zip));
        Path notAnExport = write(storage.userDir(owner).resolve("keep-me.txt"));

        ExportCleanup.Result result = cleanup.run().await().atMost(ExportFixture.WAIT);

        assertThat(expiredFile).doesNotExist();
        assertThat(rowExists(expired)).isFalse();
        assertThat(failedFile).doesNotExist();
        assertThat(leftOverWork.getParent()).doesNotExist();
        assertThat(rowExists(failed)).as("a failed job stays listed until it expires").isTrue();
        assertThat(orphan).doesNotExist();
        assertThat(orphan.getParent()).as("an emptied user directory goes too").doesNotExist();
        assertThat(keptFile).exists();
        assertThat(rowExists(kept)).isTrue();
        assertThat(notAnExport).exists();
        assertThat(result.expiredRows()).isGreaterThanOrEqualTo(1);
        assertThat(result.deletedExports()).isGreaterThanOrEqualTo(3);
        Files.delete(notAnExport);
    }

    @Test
    void shouldFailAJobInterruptedLongAgo() {
        UUID owner = Api.newUser();
        UUID stale = UUID.randomUUID();
        sql("INSERT INTO export_jobs (id, user_id, format, state, created_at, expires_at)"
                + " VALUES ($1, $2, 'json', 'running', now() - interval '2 hours', now() + interval '1 day')", stale, owner);

        ExportCleanup.Result result = cleanup.run().await().atMost(ExportFixture.WAIT);

        assertThat(result.failedAsStale()).isGreaterThanOrEqualTo(1);
        asUser(owner).get(ExportFiles.EXPORTS + "/{id}", stale).then().statusCode(200)
                .body("state", org.hamcrest.Matchers.equalTo("failed"));
        // and the person may ask again
        asUser(owner).body(Map.of("format", "json")).post(ExportFiles.EXPORTS).then().statusCode(202);
    }

    private void sql(String statement, Object... params) {
        pool.preparedQuery(statement).execute(Tuple.from(params)).await().atMost(ExportFixture.WAIT);
    }

    private boolean rowExists(UUID id) {
        return pool.preparedQuery("SELECT 1 FROM export_jobs WHERE id = $1").execute(Tuple.of(id))
                .await().atMost(ExportFixture.WAIT).size() == 1;
    }

    private static Path write(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "data");
    }
}
