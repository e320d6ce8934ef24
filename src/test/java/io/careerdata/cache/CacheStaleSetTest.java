package io.careerdata.cache;

import static io.careerdata.testing.Api.asUser;
import static io.careerdata.testing.Api.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stale-set race through the whole service, on real PostgreSQL and Redis: writers update one
 * record over HTTP, readers read it (detail and list) over HTTP; every read must show at least the
 * value of the last write whose response had arrived before the read was sent.
 */
@QuarkusTest
class CacheStaleSetTest {

    @Inject
    CacheMetrics metrics;

    @Inject
    GuardedRedis guardedRedis;

    @BeforeEach
    void redisInUse() {
        CacheCounter.awaitRedisInUse(guardedRedis);
    }

    @Test
    void concurrentWritersAndReaders_everyReadAtLeastTheLastAcknowledgedWrite() throws Exception {
        UUID user = newUser();
        String skill = asUser(user).body(Map.of("name", "Rust", "yearsExperience", 0))
                .post("/api/v1/users/{u}/skills", user).then().statusCode(201).extract().path("id");
        AtomicLong written = new AtomicLong();
        AtomicLong acknowledged = new AtomicLong();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        Queue<String> violations = new ConcurrentLinkedQueue<>();
        CacheCounter counter = CacheCounter.of(metrics, CacheCategory.SKILLS);

        ExecutorService threads = Executors.newFixedThreadPool(10);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                writers.add(threads.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        // one writer at a time per value, so the value also orders the writes
                        synchronized (written) {
                            long value = written.incrementAndGet();
                            asUser(user).body(Map.of("name", "Rust", "yearsExperience", value / 10.0))
                                    .put("/api/v1/users/{u}/skills/{id}", user, skill).then().statusCode(200);
                            acknowledged.set(value);
                        }
                    }
                }));
            }
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < 8; r++) {
                boolean list = r % 2 == 0;
                readers.add(threads.submit(() -> {
                    while (writing.get()) {
                        long floor = acknowledged.get();
                        long seen = list ? readList(user) : readDetail(user, skill);
                        reads.incrementAndGet();
                        if (seen < floor) {
                            violations.add((list ? "list" : "detail") + " showed " + seen + " after " + floor
                                    + " was acknowledged");
                        }
                    }
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(120, TimeUnit.SECONDS);
            }
            writing.set(false);
            for (Future<?> reader : readers) {
                reader.get(120, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(violations).isEmpty();
        assertThat(readDetail(user, skill)).isEqualTo(80);
        assertThat(counter.hits() + counter.misses()).isEqualTo(reads.get() + 1);
        assertThat(counter.misses()).isGreaterThan(0);
        assertThat(counter.hits()).isGreaterThan(0);
    }

    private static long readDetail(UUID user, String skill) {
        Object years = asUser(user).get("/api/v1/users/{u}/skills/{id}", user, skill)
                .then().statusCode(200).extract().path("yearsExperience");
        return tenths(years);
    }

    private static long readList(UUID user) {
        Object years = asUser(user).get("/api/v1/users/{u}/skills", user)
                .then().statusCode(200).extract().path("items[0].yearsExperience");
        return tenths(years);
    }

    private static long tenths(Object years) {
        return new BigDecimal(years.toString()).movePointRight(1).longValueExact();
    }
}
