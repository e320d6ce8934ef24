package io.careerdata.export;

import static io.careerdata.export.ExportFiles.EXPORTS;
import static io.careerdata.testing.Api.asAdmin;
import static io.careerdata.testing.Api.asUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.careerdata.testing.Eventually;
import io.careerdata.testing.PacedJobs;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * An erasure that meets a running export of the same person (the export paced, see {@link PacedJobs}, so
 * it is still writing when the erasure arrives): the erasure stops the export, waits for it, answers 204,
 * and no file of the export is left, neither the one being written nor one written afterwards.
 */
@QuarkusTest
@TestProfile(PacedJobs.class)
class ErasureExportRaceTest {

    @Inject
    Pool pool;

    @Inject
    ExportStorage storage;

    @Inject
    RunningExports running;

    @Test
    void shouldCancelTheRunningExportAndLeaveNoFileWhenThePersonIsErased() throws Exception {
        ExportFixture.Person person = ExportFixture.seed(pool);
        double failedBefore = failedZipExports();
        String id = asUser(person.id()).body(Map.of("format", "zip")).post(EXPORTS).then().statusCode(202)
                .extract().path("id");
        UUID exportId = UUID.fromString(id);
        Eventually.within(Duration.ofSeconds(30), () -> {
            assertThat(asUser(person.id()).get(EXPORTS + "/{id}", id).then().statusCode(200)
                    .extract().<Integer>path("progress")).isPositive();
            assertThat(filesOf(person.id())).as("the export's work files").isNotEmpty();
        });
        assertThat(running.runningHere()).contains(exportId);

        asUser(person.id()).delete("/api/v1/users/{id}", person.id()).then().statusCode(204);

        assertThat(running.runningHere()).as("the export ended before the erasure answered").doesNotContain(exportId);
        assertThat(storage.userDir(person.id())).as("the person's export directory").doesNotExist();
        assertThat(failedZipExports()).as("exports that ended without a file").isEqualTo(failedBefore + 1);
        asAdmin().get(EXPORTS + "/{id}", id).then().statusCode(404);
        asAdmin().get(EXPORTS + "/{id}/download", id).then().statusCode(404);
    }

    @Test
    void shouldEraseAPersonWhoseExportIsStillPending() {
        ExportFixture.Person person = ExportFixture.seed(pool);
        String id = asUser(person.id()).body(Map.of("format", "json")).post(EXPORTS).then().statusCode(202)
                .extract().path("id");

        asUser(person.id()).delete("/api/v1/users/{id}", person.id()).then().statusCode(204);

        assertThat(running.runningHere()).doesNotContain(UUID.fromString(id));
        assertThat(storage.userDir(person.id())).doesNotExist();
    }

    private List<Path> filesOf(UUID user) {
        Path dir = storage.userDir(user);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException | UncheckedIOException changing) {
            return List.of(); // the export moved a file meanwhile: look again
        }
    }

    private static double failedZipExports() {
        String prefix = "export_duration_seconds_count{format=\"zip\",outcome=\"failed\"}";
        return ExportResourceTest.metrics().lines().filter(l -> l.startsWith(prefix)).findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).orElse(0.0);
    }
}
