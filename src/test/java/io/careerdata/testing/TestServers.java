package io.careerdata.testing;

import io.careerdata.embedded.EmbeddedServers;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Failure injection: stops and restarts the embedded servers of the test run on the same ports
 * and data. Works through processes and ports only, so it behaves the same whichever class loader
 * the caller lives in (the test resource, a {@code @QuarkusTest}, an integration test).
 */
public final class TestServers {

    private static final String PG_PORT = "careerdata.test.postgres.port";
    private static final String PG_DATA = "careerdata.test.postgres.data";
    private static final String REDIS_PORT = "careerdata.test.redis.port";

    private TestServers() {
    }

    static void registerPostgres(int port, Path dataDir) {
        System.setProperty(PG_PORT, String.valueOf(port));
        System.setProperty(PG_DATA, dataDir.toString());
    }

    static void registerRedis(int port) {
        System.setProperty(REDIS_PORT, String.valueOf(port));
    }

    /** True when this run's servers are embedded ones that the tests may stop. */
    public static boolean controllable() {
        return System.getProperty(PG_PORT) != null && System.getProperty(REDIS_PORT) != null;
    }

    public static int redisPort() {
        return Integer.parseInt(require(REDIS_PORT));
    }

    public static void stopRedis() {
        int port = redisPort();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write("SHUTDOWN NOSAVE\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.getInputStream().read(); // returns when the server has closed the connection
        } catch (IOException ignored) {
            // not running
        }
        awaitListening(port, false);
    }

    public static void startRedis() {
        EmbeddedServers.startRedis(redisPort());
        awaitListening(redisPort(), true);
    }

    public static void stopPostgres() {
        pgCtl("-m", "fast", "-w", "stop");
        awaitListening(Integer.parseInt(require(PG_PORT)), false);
    }

    /** Starts PostgreSQL again with the options it was first started with (postmaster.opts). */
    public static void startPostgres() {
        pgCtl("-o", String.join(" ", startOptions(postgresData())), "-w", "start");
        awaitListening(postgresPort(), true);
    }

    /** The port of the run's PostgreSQL (the primary). */
    public static int postgresPort() {
        return Integer.parseInt(require(PG_PORT));
    }

    /** The data directory of the run's PostgreSQL. */
    public static Path postgresData() {
        return Path.of(require(PG_DATA));
    }

    /** The server options a data directory was last started with, from its postmaster.opts. */
    static List<String> startOptions(Path data) {
        try {
            String opts = Files.readString(data.resolve("postmaster.opts")).trim();
            List<String> words = new ArrayList<>();
            Matcher m = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(opts);
            while (m.find()) {
                words.add(m.group(1) != null ? m.group(1) : m.group(2));
            }
            // words: <bin>/postgres -D <dir> <options...>
            return new ArrayList<>(words.subList(3, words.size()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void pgCtl(String... args) {
        pgCtl(postgresData(), postgresData(), args);
    }

    /**
     * Runs pg_ctl of the binaries that started {@code binariesOf} on the data directory {@code data}
     * (as root inside a user namespace, since PostgreSQL refuses to run as root).
     */
    static void pgCtl(Path binariesOf, Path data, String... args) {
        try {
            String opts = Files.readString(binariesOf.resolve("postmaster.opts")).trim();
            String postgres = opts.startsWith("\"") ? opts.substring(1, opts.indexOf('"', 1)) : opts.split("\\s+")[0];
            List<String> command = new ArrayList<>();
            if ("root".equals(System.getProperty("user.name"))) {
                // PostgreSQL refuses to run as root; a user namespace maps root to an unprivileged id
                command.addAll(List.of("unshare", "-U"));
            }
            command.add(Path.of(postgres).resolveSibling("pg_ctl").toString());
            command.addAll(List.of("-D", data.toString()));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(data.resolveSibling(data.getFileName() + "-pg_ctl.log").toFile()).start();
            if (process.waitFor() != 0) {
                throw new IllegalStateException("pg_ctl " + String.join(" ", args) + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void awaitListening(int port, boolean listening) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (EmbeddedServers.listening(port) != listening) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("port " + port + (listening ? " did not open" : " did not close"));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String require(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("the test run's servers are external; they cannot be stopped by a test");
        }
        return value;
    }
}
