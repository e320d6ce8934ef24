package io.careerdata.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.redis.datasource.value.SetArgs;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The read-through against the real Redis, with loaders that stand in for PostgreSQL and count their calls. */
@QuarkusTest
class CacheLayerTest extends CacheTestSupport {

    /** A cached value: which write produced it. */
    public record Note(String text, long version) {
    }

    @Inject
    CacheRemoval removal;

    @Inject
    CacheInvalidator invalidator;

    @Test
    void get_missThenHit() {
        AtomicInteger loads = new AtomicInteger();
        CachedRead<Note> read = profileOf(UUID.randomUUID(), loads, new Note("first", 1));
        CacheCounter counter = CacheCounter.of(metrics, CacheCategory.PROFILE);

        assertThat(get(read)).isEqualTo(new Note("first", 1));
        counter.assertHitsMisses(0, 1);
        assertThat(get(read)).isEqualTo(new Note("first", 1));
        counter.assertHitsMisses(1, 1);
        assertThat(loads).hasValue(1);
        assertThat(counter.puts()).isEqualTo(1);
    }

    @Test
    void changed_dropsTheCategoryAndWhatDependsOnIt_notOthers() {
        UUID user = UUID.randomUUID();
        AtomicInteger loads = new AtomicInteger();
        CachedRead<Note> profile = profileOf(user, loads, new Note("p", 1));
        CachedRead<Note> dashboard = read(CacheKey.ofUser(CacheCategory.DASHBOARD, user), loads, new Note("d", 1));
        CachedRead<Note> skills = read(CacheKey.ofUser(CacheCategory.SKILLS, user, "list", 0, 20), loads, new Note("s", 1));
        get(profile);
        get(dashboard);
        get(skills);
        CacheCounter profiles = CacheCounter.of(metrics, CacheCategory.PROFILE);
        CacheCounter dashboards = CacheCounter.of(metrics, CacheCategory.DASHBOARD);
        CacheCounter skillLists = CacheCounter.of(metrics, CacheCategory.SKILLS);

        invalidator.changed(CacheEvent.PROFILE_UPDATED, user, null).await().atMost(WAIT);
        get(profile);
        get(dashboard);
        get(skills);

        profiles.assertHitsMisses(0, 1);
        dashboards.assertHitsMisses(0, 1);
        skillLists.assertHitsMisses(1, 0);
        assertThat(loads).hasValue(5);
    }

    @Test
    void userChanged_dropsAllOfTheUsersEntries_notOtherUsers() {
        UUID user = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        AtomicInteger loads = new AtomicInteger();
        List<CachedRead<Note>> reads = List.of(
                profileOf(user, loads, new Note("p", 1)),
                read(CacheKey.ofUser(CacheCategory.APPLICATIONS, user, "list", 0, 20), loads, new Note("a", 1)),
                read(CacheKey.ofUser(CacheCategory.ANALYSES, user, UUID.randomUUID()), loads, new Note("x", 1)));
        CachedRead<Note> othersProfile = profileOf(other, loads, new Note("o", 1));
        reads.forEach(this::get);
        get(othersProfile);
        CacheCounter profiles = CacheCounter.of(metrics, CacheCategory.PROFILE);
        CacheCounter applications = CacheCounter.of(metrics, CacheCategory.APPLICATIONS);
        CacheCounter analyses = CacheCounter.of(metrics, CacheCategory.ANALYSES);

        invalidator.userChanged(user).await().atMost(WAIT);
        reads.forEach(this::get);
        get(othersProfile);

        profiles.assertHitsMisses(1, 1); // the other user's profile is still cached
        applications.assertHitsMisses(0, 1);
        analyses.assertHitsMisses(0, 1);
        assertThat(loads).hasValue(4 + 3);
        // one SET did it: the user's generation counter, no scan of the keyspace
        assertThat(redis.value(String.class).get(keys.userGeneration(user))).isNotNull();
    }

    @Test
    void absentRecord_isCachedBrieflyAndDroppedByCreation() {
        UUID user = UUID.randomUUID();
        AtomicInteger loads = new AtomicInteger();
        CachedRead<Note> missing = profileOf(user, loads, null);
        CacheCounter counter = CacheCounter.of(metrics, CacheCategory.PROFILE);

        assertThat(get(missing)).isNull();
        assertThat(get(missing)).isNull();
        counter.assertHitsMisses(1, 1);
        assertThat(loads).hasValue(1);
        long ttl = redis.key().ttl(keys.entry(missing.key()));
        assertThat(ttl).isBetween(1L, 33L); // 30 s negative TTL plus at most 10 % jitter

        invalidator.changed(CacheEvent.USER_CREATED, user, null).await().atMost(WAIT);
        assertThat(get(missing)).isNull();
        counter.assertHitsMisses(1, 2);
    }

    @Test
    void ttl_followsTheCategorysTierWithJitter() {
        UUID user = UUID.randomUUID();
        AtomicInteger loads = new AtomicInteger();
        assertTtl(read(CacheKey.ofUser(CacheCategory.DASHBOARD, user), loads, new Note("d", 1)), Duration.ofMinutes(2));
        assertTtl(profileOf(user, loads, new Note("p", 1)), Duration.ofMinutes(30));
        assertTtl(read(CacheKey.ofUser(CacheCategory.ANALYSES, user, "list", 0, 20), loads, new Note("a", 1)),
                Duration.ofHours(6));
        assertTtl(read(CacheKey.ofEntity(CacheCategory.AI_RESPONSE, "ab12"), loads, new Note("r", 1)),
                Duration.ofDays(30));
        CacheCounter counter = CacheCounter.of(metrics, CacheCategory.DASHBOARD);
        get(read(CacheKey.ofUser(CacheCategory.DASHBOARD, user), loads, new Note("d", 1)));
        counter.assertHitsMisses(1, 0);
    }

    @Test
    void failedLoad_isNotCached() {
        AtomicInteger loads = new AtomicInteger();
        AtomicBoolean failing = new AtomicBoolean(true);
        CachedRead<Note> read = new CachedRead<>(CacheKey.ofUser(CacheCategory.PROFILE, UUID.randomUUID()),
                mapper.constructType(Note.class), () -> {
                    loads.incrementAndGet();
                    return failing.get() ? Uni.createFrom().failure(new IllegalStateException("database down"))
                            : Uni.createFrom().item(new Note("ok", 1));
                });
        CacheCounter counter = CacheCounter.of(metrics, CacheCategory.PROFILE);

        assertThatThrownBy(() -> get(read)).hasMessageContaining("database down");
        failing.set(false);
        assertThat(get(read)).isEqualTo(new Note("ok", 1));
        assertThat(get(read)).isEqualTo(new Note("ok", 1));

        counter.assertHitsMisses(1, 2);
        assertThat(loads).hasValue(2);
    }

    @Test
    void stampede_200ConcurrentMisses_loadOnce() {
        // a Redis command that times out on a loaded machine sends its reader to the database on
        // purpose (a fallback, not a stampede): such a round says nothing and is run again
        for (int round = 0; round < 3; round++) {
            if (stampedeRound()) {
                return;
            }
        }
        fail("every round had Redis commands time out");
    }

    /** One stampede; false when a reader fell back to the database, true once it was proven. */
    private boolean stampedeRound() {
        AtomicInteger loads = new AtomicInteger();
        CacheKey key = CacheKey.ofUser(CacheCategory.DASHBOARD, UUID.randomUUID());
        CachedRead<Note> slow = new CachedRead<>(key, mapper.constructType(Note.class),
                () -> Uni.createFrom().item(() -> new Note("loaded", loads.incrementAndGet()))
                        .onItem().delayIt().by(Duration.ofSeconds(1)));
        CacheCounter counter = CacheCounter.of(metrics, CacheCategory.DASHBOARD);

        List<Uni<Note>> readers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            readers.add(cache.get(slow));
        }
        List<Note> results = Uni.join().all(readers).andFailFast().await().atMost(WAIT);
        if (counter.fallbacks() > 0) {
            awaitRedisInUse();
            return false;
        }

        assertThat(results).hasSize(200).containsOnly(new Note("loaded", 1));
        assertThat(loads).hasValue(1);
        assertThat(counter.loads()).isEqualTo(1);
        counter.assertHitsMisses(0, 200);
        assertThat(get(slow)).isEqualTo(new Note("loaded", 1));
        counter.assertHitsMisses(1, 200);
        return true;
    }

    @Test
    void lockHeldByAnotherInstance_waitsForItsValueInsteadOfLoading() throws Exception {
        AtomicInteger loads = new AtomicInteger();
        CachedRead<Note> read = profileOf(UUID.randomUUID(), loads, new Note("mine", 1));
        String entry = keys.entry(read.key());
        String stamp = prepareGenerations(read.key());
        redis.value(String.class).set(keys.lock(entry), "another-instance", new SetArgs().px(5000));
        CacheCounter counter = CacheCounter.of(metrics, CacheCategory.PROFILE);

        CompletableFuture<Note> pending = cache.get(read).subscribeAsCompletionStage();
        Thread.sleep(150);
        assertThat(pending).isNotDone();
        redis.value(String.class).set(entry, stamp + "\n" + mapper.writeValueAsString(new Note("theirs", 2)));

        assertThat(pending.get(10, TimeUnit.SECONDS)).isEqualTo(new Note("theirs", 2));
        assertThat(loads).hasValue(0);
        counter.assertHitsMisses(0, 1);
    }

    @Test
    void lockHeldByAnInstanceThatNeverAnswers_loadsAfterTheWait() {
        AtomicInteger loads = new AtomicInteger();
        CachedRead<Note> read = profileOf(UUID.randomUUID(), loads, new Note("mine", 1));
        prepareGenerations(read.key());
        redis.value(String.class).set(keys.lock(keys.entry(read.key())), "crashed-instance", new SetArgs().px(5000));
        CacheCounter counter = CacheCounter.of(metrics, CacheCategory.PROFILE);

        assertThat(get(read)).isEqualTo(new Note("mine", 1));
        assertThat(loads).hasValue(1);
        assertThat(get(read)).isEqualTo(new Note("mine", 1));
        counter.assertHitsMisses(1, 1);
    }

    /**
     * The stale set: readers whose load saw the row before a write must never make a later read return
     * it. Writers change the "database" and invalidate; a write counts as acknowledged once both are
     * done. The loaders pause after reading, so loads that straddle a write are common.
     */
    @Test
    void staleSet_noReadReturnsAValueOlderThanTheLastAcknowledgedWrite() throws Exception {
        // whether a load races a write, and whether a read hits between writes, depends on scheduling
        // (a loaded machine can miss every time): run the race until both have happened, checking every run
        RaceRound seen = new RaceRound(0, 0);
        for (int round = 0; round < 8 && (seen.straddling() == 0 || seen.hits() == 0); round++) {
            RaceRound run = staleSetRound();
            seen = new RaceRound(seen.straddling() + run.straddling(), seen.hits() + run.hits());
        }
        assertThat(seen.straddling()).as("loads that raced a write").isGreaterThan(0);
        assertThat(seen.hits()).as("reads served from the cache between writes").isGreaterThan(0);
    }

    private record RaceRound(int straddling, long hits) {
    }

    /** One run of the race; answers how many loads straddled a write and how many reads hit. */
    private RaceRound staleSetRound() throws Exception {
        UUID user = UUID.randomUUID();
        AtomicReference<Note> database = new AtomicReference<>(new Note("v0", 0));
        AtomicInteger straddling = new AtomicInteger();
        CachedRead<Note> read = new CachedRead<>(CacheKey.ofUser(CacheCategory.PROFILE, user),
                mapper.constructType(Note.class), () -> {
                    Note seen = database.get();
                    return Uni.createFrom().item(seen)
                            .onItem().delayIt().by(Duration.ofMillis(ThreadLocalRandom.current().nextInt(1, 5)))
                            .invoke(loaded -> {
                                if (database.get() != loaded) {
                                    straddling.incrementAndGet(); // this load will try to store a replaced value
                                }
                            });
                });
        CacheCounter counter = CacheCounter.of(metrics, CacheCategory.PROFILE);

        LinearizabilityCheck.Outcome outcome = LinearizabilityCheck.run(4, 60, () -> {
            Note written = database.updateAndGet(n -> new Note("v" + (n.version() + 1), n.version() + 1));
            invalidator.changed(CacheEvent.PROFILE_UPDATED, user, null).await().atMost(WAIT);
            pause(2, 10);
            return written.version();
        }, 8, reader -> () -> get(read).version());

        assertThat(outcome.violations()).isEmpty();
        assertThat(get(read).version()).isEqualTo(240);
        assertThat(counter.hits() + counter.misses()).isEqualTo(outcome.reads() + 1);
        assertThat(counter.misses()).isGreaterThan(0);
        return new RaceRound(straddling.get(), counter.hits());
    }

    @Test
    void clearCategory_removesItsEntriesWithScan() {
        UUID user = UUID.randomUUID();
        AtomicInteger loads = new AtomicInteger();
        CachedRead<Note> skills = read(CacheKey.ofUser(CacheCategory.SKILLS, user, "list", 0, 20), loads, new Note("s", 1));
        CachedRead<Note> profile = profileOf(user, loads, new Note("p", 1));
        get(skills);
        get(profile);
        CacheCounter skillCounter = CacheCounter.of(metrics, CacheCategory.SKILLS);
        CacheCounter profileCounter = CacheCounter.of(metrics, CacheCategory.PROFILE);

        long removed = removal.clear(CacheCategory.SKILLS).await().atMost(WAIT);
        get(skills);
        get(profile);

        assertThat(removed).isGreaterThanOrEqualTo(1);
        assertThat(redis.key().exists(keys.entry(profile.key()))).isTrue();
        skillCounter.assertHitsMisses(0, 1);
        profileCounter.assertHitsMisses(1, 0);
    }

    @Test
    void keys_followTheSchemePrefixCategoryIds() {
        UUID user = UUID.fromString("00000000-0000-0000-0000-000000000001");
        assertThat(keys.entry(CacheKey.ofUser(CacheCategory.APPLICATIONS, user, "list", 0, 20)))
                .isEqualTo("cd:applications:{00000000-0000-0000-0000-000000000001}:list:0:20");
        assertThat(keys.entry(CacheKey.ofEntity(CacheCategory.JOB_POSTINGS, "j1"))).isEqualTo("cd:job-postings:{j1}");
        assertThat(keys.entry(CacheKey.shared(CacheCategory.JOB_SEARCH, "q1"))).isEqualTo("cd:job-search:{job-search}:q1");
        assertThat(keys.generations(CacheKey.ofUser(CacheCategory.PROFILE, user))).containsExactly("cd:gen:epoch",
                "cd:gen:user:{00000000-0000-0000-0000-000000000001}",
                "cd:gen:profile:{00000000-0000-0000-0000-000000000001}");
        assertThatThrownBy(() -> CacheKey.ofUser(CacheCategory.JOB_SEARCH, user))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private void assertTtl(CachedRead<Note> read, Duration ttl) {
        get(read);
        long seconds = redis.key().ttl(keys.entry(read.key()));
        assertThat(seconds).as("TTL of " + read.key().category())
                .isBetween(ttl.toSeconds() - 5, (long) (ttl.toSeconds() * 1.1) + 1);
    }

    private CachedRead<Note> profileOf(UUID user, AtomicInteger loads, Note value) {
        return read(CacheKey.ofUser(CacheCategory.PROFILE, user), loads, value);
    }

    private CachedRead<Note> read(CacheKey key, AtomicInteger loads, Note value) {
        Supplier<Uni<Note>> loader = () -> {
            loads.incrementAndGet();
            return Uni.createFrom().item(value);
        };
        return new CachedRead<>(key, mapper.constructType(Note.class), loader);
    }

    private static void pause(int fromMillis, int toMillis) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(fromMillis, toMillis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
