package io.careerdata.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import redis.embedded.RedisServer;

/**
 * Starts a real PostgreSQL (zonky binaries) and a real redis-server on loopback, for dev mode,
 * the tests and the demo jar. Production points at external servers instead.
 */
public final class EmbeddedServers {

    public static final String DATABASE = "postgres";
    public static final String USER = "postgres";

    private EmbeddedServers() {
    }

    /** Starts PostgreSQL on {@code port} (0 picks a free one), keeping its data in {@code dataDir} when given. */
    public static EmbeddedPostgres startPostgres(int port, Path dataDir) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPort(port == 0 ? freePort() : port)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // sized for a developer machine and the test suite, not for production
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    // statement statistics for the slow-query API (the zonky binaries ship the library)
                    .setServerConfig("shared_preload_libraries", "pg_stat_statements");
            if (dataDir != null) {
                builder.setDataDirectory(dataDir).setCleanDataDirectory(false);
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL", e);
        }
    }

    /**
     * Starts redis-server on {@code port} (0 picks a free one), without persistence, with extra
     * {@code settings} lines (such as {@code cluster-enabled yes}) after the defaults.
     */
    public static RedisServer startRedis(int port, String... settings) {
        try {
            var builder = RedisServer.newRedisServer()
                    .port(port == 0 ? freePort() : port)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .setting("maxmemory 256mb")
                    .setting("maxmemory-policy allkeys-lru")
                    .onShutdownForceStop(true);
            for (String setting : settings) {
                builder.setting(setting);
            }
            RedisServer server = builder.build();
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded redis-server", e);
        }
    }

    public static String reactiveUrl(int port) {
        return "postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public static String jdbcUrl(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    public static String redisUrl(int port) {
        return "redis://127.0.0.1:" + port;
    }

    public static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
