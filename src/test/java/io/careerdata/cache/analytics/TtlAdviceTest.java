package io.careerdata.cache.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The TTL advice's rules at their edges, with the default thresholds (20 events, 25 %, 1 hit per put). */
class TtlAdviceTest {

    private static final CacheAnalyticsConfig.Advice DEFAULTS = new CacheAnalyticsConfig.Advice() {
        @Override
        public long minEvents() {
            return 20;
        }

        @Override
        public double shortReloadShare() {
            return 0.25;
        }

        @Override
        public double longReadsPerPut() {
            return 1.0;
        }
    };

    /** An hour with these hits, loads, puts and reloads soon after expiry. */
    private static WindowFigures hour(long hits, long loads, long puts, long soonReloads) {
        return new WindowFigures("1h", hits + loads, hits, loads, null, 0, loads, 0, null, null, puts, 0, 0,
                soonReloads, soonReloads, 0);
    }

    private static String advise(WindowFigures hour) {
        return CacheAnalytics.advise(hour, DEFAULTS);
    }

    @Test
    void tooShort_whenEnoughLoadsCameSoonAfterExpiry() {
        assertThat(advise(hour(500, 80, 80, 20))).isEqualTo("too-short");
        assertThat(advise(hour(500, 81, 81, 20))).as("20 of 81 loads is under 25 %").isNull();
        assertThat(advise(hour(500, 40, 40, 19))).as("19 reloads are too few to judge").isNull();
    }

    @Test
    void tooLong_whenEntriesAreWrittenAndRarelyRead() {
        assertThat(advise(hour(19, 20, 20, 0))).isEqualTo("too-long");
        assertThat(advise(hour(20, 20, 20, 0))).as("one hit per entry written").isNull();
        assertThat(advise(hour(0, 19, 19, 0))).as("19 puts are too few to judge").isNull();
    }

    @Test
    void nothingToSay_withoutTraffic() {
        assertThat(advise(hour(0, 0, 0, 0))).isNull();
    }
}
