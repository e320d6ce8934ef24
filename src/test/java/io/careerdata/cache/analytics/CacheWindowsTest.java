package io.careerdata.cache.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import io.careerdata.cache.CacheCategory;
import io.careerdata.cache.analytics.CacheWindows.Window;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The windows on a clock of the test's own: what enters them, when it leaves them, what they compute. */
class CacheWindowsTest {

    private static final CacheCategory SKILLS = CacheCategory.SKILLS;
    private static final long TTL_SECONDS = 60;

    private final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final CacheWindows windows = new CacheWindows(1024, category -> TTL_SECONDS, now::get);

    @Test
    void readsEnterEveryWindowAndLeaveEachWhenItsTimeHasPassed() {
        for (int i = 0; i < 3; i++) {
            windows.get(SKILLS, "cd:skills:u:1", true);
        }
        windows.get(SKILLS, "cd:skills:u:2", false);
        for (Window window : Window.values()) {
            WindowFigures f = windows.figures(SKILLS, window);
            assertThat(f.gets()).as(window.label).isEqualTo(4);
            assertThat(f.hits()).as(window.label).isEqualTo(3);
            assertThat(f.hitRatio()).as(window.label).isEqualTo(0.75);
        }
        assertThat(windows.figures(CacheCategory.PROFILE, Window.ONE_HOUR).gets()).isZero();
        assertThat(windows.figures(CacheCategory.PROFILE, Window.ONE_HOUR).hitRatio()).isNull();

        now.addAndGet(61_000);
        assertThat(windows.figures(SKILLS, Window.ONE_MINUTE).gets()).isZero();
        assertThat(windows.figures(SKILLS, Window.FIVE_MINUTES).gets()).isEqualTo(4);
        windows.get(SKILLS, "cd:skills:u:1", true);
        assertThat(windows.figures(SKILLS, Window.ONE_MINUTE).hits()).isEqualTo(1);
        assertThat(windows.figures(SKILLS, Window.FIVE_MINUTES).hits()).isEqualTo(4);

        now.addAndGet(5 * 60_000);
        assertThat(windows.figures(SKILLS, Window.FIVE_MINUTES).gets()).isZero();
        assertThat(windows.figures(SKILLS, Window.ONE_HOUR).gets()).isEqualTo(5);

        now.addAndGet(60 * 60_000);
        assertThat(windows.figures(SKILLS, Window.ONE_HOUR).gets()).isZero();
        // the recycled buckets count from zero again
        windows.get(SKILLS, "cd:skills:u:1", false);
        assertThat(windows.figures(SKILLS, Window.ONE_HOUR).gets()).isEqualTo(1);
        assertThat(windows.figures(SKILLS, Window.ONE_MINUTE).misses()).isEqualTo(1);
    }

    @Test
    void aMissTellsAnExpiredEntryFromALiveOneAndCountsEachExpiryOnce() {
        windows.put(SKILLS, "cd:skills:u:1", 120, 30);
        now.addAndGet(10_000);
        windows.get(SKILLS, "cd:skills:u:1", false); // before its TTL: invalidated or evicted
        windows.put(SKILLS, "cd:skills:u:1", 120, 30);
        now.addAndGet(31_000);
        windows.get(SKILLS, "cd:skills:u:1", false); // 1 s after expiry: soon (under one TTL)
        windows.get(SKILLS, "cd:skills:u:1", false); // the same expiry again: not counted twice
        windows.put(SKILLS, "cd:skills:u:1", 120, 30);
        now.addAndGet(30_000 + TTL_SECONDS * 1000 + 5_000);
        windows.get(SKILLS, "cd:skills:u:1", false); // expired more than one TTL ago: not soon
        windows.get(SKILLS, "cd:skills:u:never-written", false);

        WindowFigures f = windows.figures(SKILLS, Window.FIVE_MINUTES);
        assertThat(f.misses()).isEqualTo(5);
        assertThat(f.missesOfLiveEntries()).isEqualTo(1);
        assertThat(f.expiredReloads()).isEqualTo(2);
        assertThat(f.reloadsSoonAfterExpiry()).isEqualTo(1);
        assertThat(f.puts()).isEqualTo(3);
        assertThat(f.bytesWritten()).isEqualTo(360);
    }

    @Test
    void loadTimesGivePercentilesWithinTheirBucket() {
        for (int i = 0; i < 98; i++) {
            windows.load(SKILLS, 1_000_000, true); // 1 ms
        }
        windows.load(SKILLS, 100_000_000, true); // 100 ms
        windows.load(SKILLS, 100_000_000, false);
        WindowFigures f = windows.figures(SKILLS, Window.ONE_MINUTE);
        assertThat(f.loads()).isEqualTo(99);
        assertThat(f.loadFailures()).isEqualTo(1);
        // upper edges of the buckets holding 1 ms (768-1024 us) and 100 ms (98-131 ms)
        assertThat(f.loadP50Millis()).isEqualTo(1.024);
        assertThat(f.loadP99Millis()).isEqualTo(131.072);
        assertThat(windows.figures(CacheCategory.PROFILE, Window.ONE_MINUTE).loadP99Millis()).isNull();
    }

    @Test
    void evictionsAndFallbacksAreCountedPerCategory() {
        windows.eviction(SKILLS, 3);
        windows.fallback(SKILLS);
        windows.fallback(CacheCategory.PROFILE);
        assertThat(windows.figures(SKILLS, Window.ONE_HOUR).evictions()).isEqualTo(3);
        assertThat(windows.figures(SKILLS, Window.ONE_HOUR).fallbacks()).isEqualTo(1);
        assertThat(windows.figures(CacheCategory.PROFILE, Window.ONE_HOUR).evictions()).isZero();
        assertThat(windows.figures(CacheCategory.PROFILE, Window.ONE_HOUR).fallbacks()).isEqualTo(1);
    }
}
