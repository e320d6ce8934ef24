package io.careerdata.datahealth;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Blocking work (file-system figures, Flyway over JDBC) on a worker thread, at most one run at a
 * time: callers that come while it runs share its result. A run that hangs then holds one worker,
 * not one per health request; the callers' own timeouts answer for them meanwhile.
 */
final class OneAtATime<T> {

    private final Supplier<T> work;
    private final AtomicReference<Uni<T>> running = new AtomicReference<>();

    OneAtATime(Supplier<T> work) {
        this.work = work;
    }

    Uni<T> get() {
        Uni<T> current = running.get();
        if (current != null) {
            return current;
        }
        Uni<T> fresh = Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onTermination().invoke(() -> running.set(null))
                .memoize().indefinitely();
        return running.compareAndSet(null, fresh) ? fresh : get();
    }
}
