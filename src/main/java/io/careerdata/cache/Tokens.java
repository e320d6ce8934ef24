package io.careerdata.cache;

import java.security.SecureRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Generation values: random, so a counter that expired and was created again can never take a value
 * an old entry was stamped with (a counter that restarts at 1 could).
 */
final class Tokens {

    private static final long SEED = new SecureRandom().nextLong();

    private Tokens() {
    }

    static String next() {
        return Long.toString(ThreadLocalRandom.current().nextLong() ^ SEED, 36);
    }
}
