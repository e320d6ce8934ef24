package io.careerdata.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.careerdata.testing.RedisClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What only a Redis Cluster asks of the cache: clearing on every master, and a master's failover. */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class ClusterTopologyTest extends TopologyFailoverTest {

    @Inject
    CacheRemoval removal;

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
