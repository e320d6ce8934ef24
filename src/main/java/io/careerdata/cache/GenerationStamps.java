package io.careerdata.cache;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Generation values: random, so a counter that expired and was created again can never take a value
 * an old entry was stamped with (a counter that restarts at 1 could). The seed is drawn when the
 * bean is created, at run time, so every instance (and every native pod) has its own.
 */
@Singleton
public class GenerationStamps {

    private final long seed = new SecureRandom().nextLong();

    String next() {
        return Long.toString(ThreadLocalRandom.current().nextLong() ^ seed, 36);
    }

    /** The generation tokens joined, or null when one of them does not exist (yet, or any more). */
    static String join(Response values, int count) {
        StringBuilder stamp = new StringBuilder(64);
        for (int i = 0; i < count; i++) {
            Response token = values.get(i);
            if (token == null) {
                return null;
            }
            if (i > 0) {
                stamp.append('.');
            }
            stamp.append(token);
        }
        return stamp.toString();
    }

    /** A new generation for {@code key}, kept {@code seconds}. */
    Request set(String key, long seconds) {
        return Request.cmd(Command.SET).arg(key).arg(next()).arg("EX").arg(seconds);
    }
}
