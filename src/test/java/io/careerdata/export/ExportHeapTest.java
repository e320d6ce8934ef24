package io.careerdata.export;

import static io.careerdata.export.ExportFiles.EXPORTS;
import static io.careerdata.export.ExportFiles.requestReady;
import static io.careerdata.testing.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.careerdata.testing.Api;
import io.careerdata.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * A person with 50,000 rows of about 1 KB each (some 50 MB of text) exports as a bundle (JSON, XML
 * and CSV written in one pass, then zipped) while the heap that stays reachable, measured after a
 * full collection five times a second, grows by less than {@link #HEAP_BOUND}: a fraction of the
 * data, so rows cannot have been collected in memory. The server runs in this JVM, so this is the
 * server's heap. Run with {@code -Dexport.fetch-size=0} (the driver then loads every row at once)
 * and this test fails. It runs in an application of its own (a test profile of its own restarts it):
 * the heap is the whole JVM's, so jobs that earlier test classes left running would count too.
 */
@QuarkusTest
@TestProfile(ExportHeapTest.Alone.class)
class ExportHeapTest {

    /** A profile no other test class uses. */
    public static class Alone implements QuarkusTestProfile {
    }

    private static final int ROWS = 50_000;
    private static final long HEAP_BOUND = 24L * 1024 * 1024;

    @Inject
    Pool pool;

    @TestHTTPResource(EXPORTS)
    URL exports;

    @Test
    void shouldExportFiftyThousandRowsWithFlatHeap() throws Exception {
        UUID warmUp = Api.newUser();
        requestReady(asAdmin(), warmUp, Map.of("format", "zip", "userId", warmUp.toString()));
        UUID owner = Api.newUser();
        pool.preparedQuery("INSERT INTO applications (id, user_id, job_title, company, status, notes)"
                        + " SELECT gen_random_uuid(), $1, 'Engineer ' || g, 'Company ' || g, 'applied', repeat('n', 1000) || g"
                        + " FROM generate_series(1, $2) g")
                .execute(Tuple.of(owner, ROWS)).await().atMost(ExportFixture.WAIT);

        HeapSampler heap = new HeapSampler();
        long started = System.nanoTime();
        heap.start();
        String id;
        try {
            id = requestReady(asAdmin(), owner, Map.of("format", "zip", "userId", owner.toString()));
        } finally {
            heap.stop();
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        double making = pool.preparedQuery("SELECT extract(epoch FROM completed_at - started_at) AS s FROM export_jobs"
                + " WHERE id = $1").execute(Tuple.of(UUID.fromString(id))).await().atMost(ExportFixture.WAIT)
                .iterator().next().getDouble("s");
        long size = ((Number) Api.asUser(owner).get(EXPORTS + "/{id}", id).then().extract().path("sizeBytes")).longValue();
        long rawData = ROWS * 1000L;
        System.out.printf("export heap: baseline %d MiB, peak growth %d KiB over %d samples; %d rows, zip %d MiB,"
                + " made in %.1f s (%d s with the samples' collections)%n", heap.baseline >> 20, heap.growth() >> 10,
                heap.samples.get(), ROWS, size >> 20, making, seconds);

        assertThat(heap.samples.get()).as("heap samples taken while the export ran").isGreaterThan(5);
        assertThat(heap.growth()).as("reachable heap growth").isLessThan(HEAP_BOUND).isLessThan(rawData / 2);

        Path file = Files.createTempFile("export-", ".zip");
        try {
            HttpResponse<Path> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(exports + "/" + id + "/download"))
                    .header("Authorization", "Bearer " + TestTokens.user(owner)).build(),
                    HttpResponse.BodyHandlers.ofFile(file));
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(Files.size(file)).isEqualTo(size);
            assertThat(applicationsIn(file)).isEqualTo(ROWS);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Counts the rows of data.applications in export.json, reading it as a stream. */
    private static long applicationsIn(Path bundle) throws Exception {
        try (ZipFile zip = new ZipFile(bundle.toFile());
                InputStream json = zip.getInputStream(zip.getEntry("export.json"));
                JsonParser parser = new JsonFactory().createParser(json)) {
            long rows = 0;
            int depth = 0;
            boolean inApplications = false;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.FIELD_NAME && depth == 2 && parser.currentName().equals("applications")) {
                    inApplications = true;
                } else if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
                    depth++;
                    if (inApplications && token == JsonToken.START_OBJECT && depth == 4) {
                        rows++;
                    }
                } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    depth--;
                    if (depth == 2) {
                        inApplications = false;
                    }
                }
            }
            return rows;
        }
    }

    /** The heap still reachable after a full collection, sampled on a thread of its own. */
    private static final class HeapSampler {

        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong peak = new AtomicLong();
        private final AtomicLong samples = new AtomicLong();
        private final long baseline = reachable();
        private Thread thread;

        void start() {
            thread = new Thread(() -> {
                while (running.get()) {
                    peak.accumulateAndGet(reachable(), Math::max);
                    samples.incrementAndGet();
                    ExportFiles.sleep(200); // each sample is a full collection: keep them from dominating the run
                }
            }, "heap-sampler");
            thread.start();
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join();
        }

        long growth() {
            return Math.max(0, peak.get() - baseline);
        }

        /**
         * The heap left by the collection just requested: each heap pool's usage after its last
         * collection. Plain used heap is not that: while the export deflates (JNI critical regions) a
         * requested collection can be held back or partial, and garbage would count as kept.
         */
        private long reachable() {
            System.gc();
            return ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null)
                    .mapToLong(pool -> pool.getCollectionUsage().getUsed())
                    .sum();
        }
    }
}
