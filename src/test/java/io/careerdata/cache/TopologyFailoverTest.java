package io.careerdata.cache;

import static io.careerdata.testing.Api.asUser;
import static io.careerdata.testing.Api.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.careerdata.testing.Eventually;
import io.careerdata.testing.RedisTopology;
import io.careerdata.testing.RedisTopologyResource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A Redis master crashes while clients read through the service: no request fails (reads go to
 * PostgreSQL while no master answers), and once a replica has taken over the cache serves again.
 */
abstract class TopologyFailoverTest extends CacheTestSupport {

    private static final int READERS = 4;

    @Test
    void masterKilledDuringReads_noRequestFails_andTheNewMasterServesTheCache() throws Exception {
        UUID user = newUser();
        asUser(user).get("/api/v1/users/me").then().statusCode(200);
        CacheCounter counter = CacheCounter.of(metrics, CacheCategory.PROFILE);
        AtomicInteger reads = new AtomicInteger();
        List<Integer> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(READERS);
        List<Future<?>> readers = new ArrayList<>();
        for (int i = 0; i < READERS; i++) {
            readers.add(pool.submit(() -> {
                while (!stop.get()) {
                    int status = asUser(user).get("/api/v1/users/me").statusCode();
                    reads.incrementAndGet();
                    if (status != 200) {
                        failures.add(status);
                    }
                }
            }));
        }
        try {
            Eventually.within(WAIT, () -> assertThat(counter.hits()).isGreaterThan(10));
            RedisTopology topology = RedisTopologyResource.current();
            int readsBefore = reads.get();
            int killed = topology.killMasterOf(keys.entry(CacheKey.ofUser(CacheCategory.PROFILE, user)));
            topology.awaitFailover(killed);
            awaitRedisInUse();
            long hits = counter.hits();
            Eventually.within(Duration.ofSeconds(30), () -> assertThat(counter.hits()).isGreaterThan(hits + 10));
            assertThat(reads.get()).isGreaterThan(readsBefore);
        } finally {
            stop.set(true);
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
        for (Future<?> reader : readers) {
            reader.get(); // a reader's exception (a refused connection, say) fails the test
        }
        assertThat(failures).as("statuses of failed reads").isEmpty();
    }
}
