package io.careerdata.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.careerdata.testing.RedisClusterProfile;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The keys written in one batch with an entry hash to one Redis Cluster slot, as a real
 * Redis Cluster computes it ({@code CLUSTER KEYSLOT}), and users spread over slots.
 */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class RedisKeysSlotTest {

    @Inject
    RedisKeys keys;

    @Inject
    RedisDataSource redis;

    @Test
    void userEntry_itsLockCountersAndKeySet_shareOneSlot() {
        UUID user = UUID.randomUUID();
        CacheKey key = CacheKey.ofUser(CacheCategory.APPLICATIONS, user, "list", 0, 20);
        List<String> together = batchOf(key);
        together.add(keys.userIndex(user));
        together.add(keys.userGeneration(user));
        together.add(keys.scopeGeneration(InvalidationScope.of(CacheCategory.PROFILE, user, null)));
        assertThat(slotsOf(together)).hasSize(1);
        assertThat(slotOf(keys.epoch())).isNotIn(slotsOf(together));
    }

    @Test
    void entityAndSharedEntries_shareOneSlotWithTheirScope() {
        CacheKey posting = CacheKey.ofEntity(CacheCategory.JOB_POSTINGS, UUID.randomUUID());
        List<String> postingKeys = batchOf(posting);
        postingKeys.add(keys.scopeGeneration(InvalidationScope.of(CacheCategory.JOB_POSTINGS, null,
                posting.scopeId())));
        assertThat(slotsOf(postingKeys)).hasSize(1);
        CacheKey search = CacheKey.shared(CacheCategory.JOB_SEARCH, CacheKey.digest("engineer"), 0, 20);
        List<String> searchKeys = batchOf(search);
        searchKeys.add(keys.entry(CacheKey.shared(CacheCategory.JOB_SEARCH, CacheKey.digest("nurse"), 0, 20)));
        assertThat(slotsOf(searchKeys)).hasSize(1);
    }

    @Test
    void usersAndPostings_spreadOverTheSlots() {
        Set<Long> slots = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            slots.add(slotOf(keys.entry(CacheKey.ofUser(CacheCategory.PROFILE, UUID.randomUUID()))));
            slots.add(slotOf(keys.entry(CacheKey.ofEntity(CacheCategory.JOB_POSTINGS, UUID.randomUUID()))));
        }
        // 400 random tags over 16,384 slots: about 5 collide; without tags' spread they would all share one
        assertThat(slots).hasSizeGreaterThan(380);
    }

    /** The entry, its lock and the counters of its stamp other than the epoch. */
    private List<String> batchOf(CacheKey key) {
        List<String> together = new ArrayList<>();
        together.add(keys.entry(key));
        together.add(keys.lock(keys.entry(key)));
        List<String> generations = keys.generations(key);
        assertThat(generations.get(0)).isEqualTo(keys.epoch());
        together.addAll(generations.subList(1, generations.size()));
        return together;
    }

    private Set<Long> slotsOf(List<String> keys) {
        Set<Long> slots = new HashSet<>();
        keys.forEach(key -> slots.add(slotOf(key)));
        return slots;
    }

    /** The cluster's own answer (CLUSTER KEYSLOT), not a copy of its hash function. */
    private long slotOf(String key) {
        return redis.execute("CLUSTER", "KEYSLOT", key).toLong();
    }
}
