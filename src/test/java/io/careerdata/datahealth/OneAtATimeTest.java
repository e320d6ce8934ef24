package io.careerdata.datahealth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.mutiny.TimeoutException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Blocking work that hangs holds one worker: callers meanwhile share the run, and time out on their own. */
class OneAtATimeTest {

    @Test
    void callersShareTheRunningWork_andTheNextCallRunsItAgain() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        OneAtATime<Integer> work = new OneAtATime<>(() -> {
            int run = runs.incrementAndGet();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return run;
        });

        // a caller that gives up does not stop the run, and does not start a second one
        assertThatThrownBy(() -> work.get().ifNoItem().after(Duration.ofMillis(100)).fail().await().indefinitely())
                .isInstanceOf(TimeoutException.class);
        assertThatThrownBy(() -> work.get().ifNoItem().after(Duration.ofMillis(100)).fail().await().indefinitely())
                .isInstanceOf(TimeoutException.class);
        assertThat(runs).hasValue(1);

        var waiting = work.get().subscribeAsCompletionStage();
        release.countDown();
        assertThat(waiting.toCompletableFuture().join()).isEqualTo(1);
        assertThat(work.get().await().atMost(Duration.ofSeconds(10))).as("a new run once the last one ended").isEqualTo(2);
        assertThat(runs).hasValue(2);
    }
}
