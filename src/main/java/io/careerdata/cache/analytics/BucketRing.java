package io.careerdata.cache.analytics;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Counts of every category in a ring of time buckets ({@code size} buckets of {@code widthMillis}):
 * a window is the sum of the newest buckets, the current one included. A bucket is zeroed when
 * time comes round to it again, so memory is fixed: size x categories x slots longs.
 *
 * <p>Slots are atomic longs in one flat array, not LongAdders: thousands of adders, each with its
 * contention cells, would cost megabytes; an atomic add costs nanoseconds. A few events may be
 * lost at the moment a bucket is recycled (approximate figures at bucket edges, never a race that
 * corrupts them).
 */
final class BucketRing {

    private final long widthMillis;
    private final int size;
    private final int slots;
    private final int stride;
    private final AtomicLongArray epochs;
    private final AtomicLongArray counts;

    BucketRing(long widthMillis, int size, int categories, int slots) {
        this.widthMillis = widthMillis;
        this.size = size;
        this.slots = slots;
        this.stride = categories * slots;
        this.epochs = new AtomicLongArray(size);
        this.counts = new AtomicLongArray(size * stride);
        for (int i = 0; i < size; i++) {
            epochs.set(i, -1);
        }
    }

    void add(long nowMillis, int category, int slot, long delta) {
        counts.addAndGet(bucket(nowMillis) * stride + category * slots + slot, delta);
    }

    /** Every slot of one category summed over the newest {@code buckets} buckets (at most the ring). */
    long[] sum(long nowMillis, int buckets, int category) {
        long[] total = new long[slots];
        long epoch = nowMillis / widthMillis;
        for (int k = 0; k < Math.min(buckets, size); k++) {
            long e = epoch - k;
            int b = (int) Math.floorMod(e, (long) size);
            if (epochs.get(b) != e) {
                continue; // nothing happened in that bucket's time
            }
            int base = b * stride + category * slots;
            for (int s = 0; s < slots; s++) {
                total[s] += counts.get(base + s);
            }
        }
        return total;
    }

    /** The bucket of this moment, zeroed first when it still holds an older period. */
    private int bucket(long nowMillis) {
        long epoch = nowMillis / widthMillis;
        int b = (int) Math.floorMod(epoch, (long) size);
        if (epochs.get(b) != epoch) {
            synchronized (this) {
                if (epochs.get(b) != epoch) {
                    int base = b * stride;
                    for (int i = 0; i < stride; i++) {
                        counts.set(base + i, 0);
                    }
                    epochs.set(b, epoch);
                }
            }
        }
        return b;
    }
}
