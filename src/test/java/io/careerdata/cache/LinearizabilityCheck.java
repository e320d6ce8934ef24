package io.careerdata.cache;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * Writers and readers on the same data at once. A write returns the version it wrote, and is
 * acknowledged when it returns; a read returns the version it saw, which must be at least the
 * highest version acknowledged before the read started.
 */
final class LinearizabilityCheck {

    /** The reads that saw a version older than one acknowledged before them, and how many reads ran. */
    record Outcome(List<String> violations, int reads) {
    }

    private LinearizabilityCheck() {
    }

    /**
     * @param writes performs one write; called {@code writesEach} times by each of {@code writers} threads
     * @param readerOf the read of reader n (readers may read different views of the same data)
     */
    static Outcome run(int writers, int writesEach, LongSupplier writes, int readers, IntFunction<LongSupplier> readerOf)
            throws Exception {
        AtomicLong acknowledged = new AtomicLong();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        Queue<String> violations = new ConcurrentLinkedQueue<>();
        ExecutorService threads = Executors.newFixedThreadPool(writers + readers);
        try {
            List<Future<?>> writerTasks = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                writerTasks.add(threads.submit(() -> {
                    for (int i = 0; i < writesEach; i++) {
                        acknowledged.accumulateAndGet(writes.getAsLong(), Math::max);
                    }
                }));
            }
            List<Future<?>> reading = new ArrayList<>();
            for (int r = 0; r < readers; r++) {
                LongSupplier read = readerOf.apply(r);
                int reader = r;
                reading.add(threads.submit(() -> {
                    while (writing.get()) {
                        long floor = acknowledged.get();
                        long seen = read.getAsLong();
                        reads.incrementAndGet();
                        if (seen < floor) {
                            violations.add("reader " + reader + " saw " + seen + " after " + floor + " was acknowledged");
                        }
                    }
                }));
            }
            for (Future<?> writer : writerTasks) {
                writer.get(120, TimeUnit.SECONDS);
            }
            writing.set(false);
            for (Future<?> reader : reading) {
                reader.get(120, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        return new Outcome(List.copyOf(violations), reads.get());
    }
}
