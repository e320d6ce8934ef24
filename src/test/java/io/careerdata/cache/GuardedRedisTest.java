package io.careerdata.cache;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisReplicas;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Settings of the Redis client that would break the cache's guarantees are refused at start-up. */
@QuarkusTest
class GuardedRedisTest {

    @Inject
    ReactiveRedisDataSource dataSource;

    @Inject
    Vertx vertx;

    @Inject
    RedisKeys keys;

    @Inject
    CacheConfig config;

    @Inject
    GenerationStamps stamps;

    @Test
    void readsFromRedisReplicas_areRefused() {
        for (RedisReplicas replicas : List.of(RedisReplicas.SHARE, RedisReplicas.ALWAYS)) {
            assertThatThrownBy(() -> new GuardedRedis(dataSource, vertx, keys, config, stamps, RedisClientType.CLUSTER,
                    replicas)).isInstanceOf(IllegalStateException.class).hasMessageContaining("keep it at never");
        }
    }
}
