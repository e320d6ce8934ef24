package io.careerdata.cache;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import io.careerdata.common.Page;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/**
 * A read the cache can answer: the entry's key, the JSON type of its value, and how to load it from
 * PostgreSQL. The loader answers null for a missing record (cached briefly too). Services build
 * these once and use them both for requests and for warming.
 */
public record CachedRead<T>(CacheKey key, JavaType type, Supplier<Uni<T>> loader) {

    public static <T> CachedRead<T> of(CacheKey key, Class<T> type, Supplier<Uni<T>> loader) {
        return new CachedRead<>(key, TypeFactory.defaultInstance().constructType(type), loader);
    }

    public static <E> CachedRead<Page<E>> page(CacheKey key, Class<E> itemType, Supplier<Uni<Page<E>>> loader) {
        return new CachedRead<>(key, TypeFactory.defaultInstance().constructParametricType(Page.class, itemType),
                loader);
    }
}
