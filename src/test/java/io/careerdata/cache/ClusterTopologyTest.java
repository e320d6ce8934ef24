package io.careerdata.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.careerdata.testing.RedisClusterProfile;
import io.careerdata.testing.RedisTopologyResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What only a Redis Cluster asks of the cache: clearing on every master, and a master's failover. */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class ClusterTopologyTest extends TopologyFailoverTest {

    @Inject
    CacheRemoval removal;

    @Inject
    Vertx vertx;

    /** A database session continues on its context only: an answer on another would break the request. */
    @Test
    void answers_arriveOnTheCallersContext() throws Exception {
        List<Request> batch = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            batch.add(Request.cmd(Command.SET).arg(keys.userGeneration(UUID.randomUUID())).arg("t"));
        }
        batch.add(Request.cmd(Command.MGET).arg(keys.epoch()).arg(keys.userGeneration(UUID.randomUUID())));
        // the client drops its slot map every second or so, and the callers that wait for the new one are
        // answered where it was fetched: callers on many contexts, one batch after another, for 4 seconds
        long end = System.nanoTime() + 4_000_000_000L;
        List<CompletableFuture<Long>> callers = new ArrayList<>();
        for (int caller = 0; caller < 16; caller++) {
            Context context = vertx.getOrCreateContext();
            CompletableFuture<Long> elsewhere = new CompletableFuture<>();
            batchesOn(context, batch, end, 0, elsewhere);
            callers.add(elsewhere);
        }
        for (int i = 0; i < 3; i++) {
            Thread.sleep(1000);
            // the shared connections close: until they are open again, batches run on connections of their own
            RedisTopologyResource.current().onEveryNode("CLIENT", "KILL", "TYPE", "normal");
        }
        for (CompletableFuture<Long> caller : callers) {
            assertThat(caller.get(30, TimeUnit.SECONDS)).as("answers on another context").isZero();
        }
    }

    /** Sends the batch again and again until {@code end}, counting the answers that arrive off {@code context}. */
    private void batchesOn(Context context, List<Request> batch, long end, long elsewhere, CompletableFuture<Long> result) {
        if (System.nanoTime() > end) {
            result.complete(elsewhere);
            return;
        }
        // each batch starts on the context anew (and a refused one, while the circuit is open, 1 ms later)
        vertx.setTimer(1, id -> context.runOnContext(ignored -> guardedRedis.batch(batch).onFailure().recoverWithNull()
                .subscribe().with(done -> batchesOn(context, batch, end,
                        elsewhere + (Vertx.currentContext() == context ? 0 : 1), result))));
    }

    @Test
    void clearCategory_scansEveryMaster() {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            CacheKey key = CacheKey.ofUser(CacheCategory.USER_STATS, UUID.randomUUID());
            get(CachedRead.of(key, String.class, () -> Uni.createFrom().item("figures")));
            entries.add(keys.entry(key));
        }
        assertThat(entries).allMatch(entry -> redis.key().exists(entry));

        long removed = removal.clear(CacheCategory.USER_STATS).await().atMost(WAIT);

        assertThat(removed).isGreaterThanOrEqualTo(entries.size());
        assertThat(entries).noneMatch(entry -> redis.key().exists(entry));
    }
}
