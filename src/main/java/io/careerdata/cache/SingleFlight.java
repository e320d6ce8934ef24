package io.careerdata.cache;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * At most one load per key at a time in this process (Caffeine's contract): callers that arrive while
 * a load runs wait for its result. A failed load is handed to those waiting and then forgotten.
 */
final class SingleFlight {

    private final ConcurrentHashMap<String, CompletableFuture<Object>> running = new ConcurrentHashMap<>();

    @SuppressWarnings("unchecked")
    <T> Uni<T> run(String key, Supplier<Uni<T>> load) {
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<Object> mine = new CompletableFuture<>();
            CompletableFuture<Object> other = running.putIfAbsent(key, mine);
            if (other != null) {
                return onCallersContext(Uni.createFrom().completionStage((CompletableFuture<T>) (Object) other));
            }
            Uni<T> started;
            try {
                started = load.get();
            } catch (RuntimeException e) {
                started = Uni.createFrom().failure(e);
            }
            // detached from this caller: if it goes away, the others still get the result
            started.subscribe().with(item -> {
                running.remove(key, mine);
                mine.complete(item);
            }, failure -> {
                running.remove(key, mine);
                mine.completeExceptionally(failure);
            });
            return Uni.createFrom().completionStage((CompletableFuture<T>) (Object) mine);
        });
    }

    int size() {
        return running.size();
    }

    /**
     * The result arrives on the loading request's event loop; a waiting request continues on its
     * own Vert.x context, where its database session (if any) lives.
     */
    private static <T> Uni<T> onCallersContext(Uni<T> result) {
        Context context = Vertx.currentContext();
        return context == null ? result : result.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }
}
