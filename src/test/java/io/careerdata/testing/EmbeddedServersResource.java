package io.careerdata.testing;

import io.careerdata.embedded.EmbeddedServers;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import redis.embedded.RedisServer;

/**
 * Starts a real PostgreSQL and a real redis-server for the test run (unless the standard Quarkus
 * variables point at external ones) and hands the service their addresses and the test public key.
 */
public class EmbeddedServersResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedPostgres postgres;
    private RedisServer redis;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        config.put("mp.jwt.verify.publickey", classpathText("jwt/test-public.pem"));
        if (System.getenv("QUARKUS_DATASOURCE_REACTIVE_URL") == null) {
            Path dataDir = Path.of("target", "embedded-postgres-" + UUID.randomUUID()).toAbsolutePath();
            postgres = EmbeddedServers.startPostgres(0, dataDir);
            TestServers.registerPostgres(postgres.getPort(), dataDir);
            config.put("quarkus.datasource.reactive.url", EmbeddedServers.reactiveUrl(postgres.getPort()));
            config.put("quarkus.datasource.jdbc.url", EmbeddedServers.jdbcUrl(postgres.getPort()));
            config.put("quarkus.datasource.username", EmbeddedServers.USER);
            config.put("quarkus.datasource.password", "");
        }
        if (System.getenv("QUARKUS_REDIS_HOSTS") == null || !usesExternalRedis()) {
            config.putAll(startRedis());
        }
        return config;
    }

    /** Whether {@code QUARKUS_REDIS_HOSTS}, when set, takes the place of the Redis this resource starts. */
    protected boolean usesExternalRedis() {
        return true;
    }

    /** Starts the run's Redis and answers the client's settings for it. */
    protected Map<String, String> startRedis() {
        redis = EmbeddedServers.startRedis(0);
        TestServers.registerRedis(redis.ports().get(0));
        return Map.of("quarkus.redis.hosts", EmbeddedServers.redisUrl(redis.ports().get(0)));
    }

    protected void stopRedis() {
        if (redis != null) {
            TestServers.stopRedis();
        }
    }

    @Override
    public void stop() {
        try {
            stopRedis();
            if (postgres != null) {
                postgres.close();
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String classpathText(String resource) {
        try (InputStream in = EmbeddedServersResource.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
