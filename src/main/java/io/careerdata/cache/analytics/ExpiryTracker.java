package io.careerdata.cache.analytics;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Remembers, for the entries this replica wrote, when their TTL ends, so that a later miss tells
 * whether the entry had expired (and how long before) or was still alive (invalidated, or evicted
 * by Redis). A fixed table of hashed keys: no key and no user id is kept, only a 32-bit
 * fingerprint and the expiry time; two keys that share a slot overwrite each other, so expiries
 * are undercounted under heavy churn, never invented.
 */
final class ExpiryTracker {

    /** {@link #missed} when nothing is known of the key (written by another replica, or overwritten). */
    static final long UNKNOWN = Long.MIN_VALUE;
    /** {@link #missed} when the key's TTL had not passed. */
    static final long ALIVE = -1;

    private static final long HIGH = 0xFFFF_FFFF_0000_0000L;
    private static final long LOW = 0x0000_0000_FFFF_FFFFL;

    private final AtomicLongArray table;
    private final int mask;
    private final long baseSeconds;

    ExpiryTracker(int slotsPowerOfTwo, long nowMillis) {
        int slots = Integer.highestOneBit(Math.max(16, slotsPowerOfTwo));
        this.table = new AtomicLongArray(slots);
        this.mask = slots - 1;
        this.baseSeconds = nowMillis / 1000 - 1;
    }

    void put(String entry, long ttlSeconds, long nowMillis) {
        long hash = hash(entry);
        long expires = Math.min(LOW, nowMillis / 1000 - baseSeconds + ttlSeconds);
        table.set((int) (hash & mask), (hash & HIGH) | expires);
    }

    /**
     * Seconds since the entry's TTL passed ({@code >= 0}, reported once per write), {@link #ALIVE},
     * or {@link #UNKNOWN}.
     */
    long missed(String entry, long nowMillis) {
        long hash = hash(entry);
        int slot = (int) (hash & mask);
        long value = table.get(slot);
        if (value == 0 || (value & HIGH) != (hash & HIGH)) {
            return UNKNOWN;
        }
        long since = nowMillis / 1000 - baseSeconds - (value & LOW);
        if (since < 0) {
            return ALIVE;
        }
        return table.compareAndSet(slot, value, 0) ? since : UNKNOWN;
    }

    /** FNV-1a over the characters, then a finalizer that spreads the bits over the whole long. */
    private static long hash(String text) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            h = (h ^ text.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h == 0 ? 1 : h;
    }
}
