package io.careerdata.cache;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * At most one load per key at a time in this process: Caffeine's {@link AsyncCache#get} runs the
 * loader once while callers that arrive meanwhile share its future. Once the load lands the entry
 * is removed (this is not a cache, Redis is), and Caffeine drops a failed one by itself.
 */
final class SingleFlight {

    private final AsyncCache<String, Object> running = Caffeine.newBuilder().executor(Runnable::run).buildAsync();

    @SuppressWarnings("unchecked")
    <T> Uni<T> run(String key, Supplier<Uni<T>> load) {
        return Uni.createFrom().deferred(() -> {
            boolean[] loader = {false};
            CompletableFuture<Object> flight = running.get(key, (k, executor) -> {
                loader[0] = true;
                return start(load);
            });
            flight.whenComplete((item, failure) -> running.asMap().remove(key, flight));
            // a copy per caller: a caller that goes away cancels its copy, never the shared load
            Uni<T> result = Uni.createFrom().completionStage((CompletableFuture<T>) (Object) flight.copy());
            return loader[0] ? result : onCallersContext(result);
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> CompletableFuture<Object> start(Supplier<Uni<T>> load) {
        try {
            // subscribed here, detached from the first caller: the others still get the result if it goes away
            return (CompletableFuture<Object>) (CompletableFuture<?>) load.get().subscribeAsCompletionStage();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
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
