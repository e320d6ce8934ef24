package io.careerdata.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.careerdata.embedded.EmbeddedServers;
import io.careerdata.testing.TestTokens;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/**
 * SIGTERM to the packaged jar while a request is in flight and a backup and an export are running (each step
 * paced by {@code JOBS_PACE}, so both outlast the grace period). Readiness answers 503 first while requests
 * are still served; the request sent before the signal completes with 200; the jobs are stopped when
 * {@code JOBS_SHUTDOWN_GRACE} is over and their rows say failed, retryable, never running; no partial export
 * file is left. PostgreSQL and Redis run in this test, so the rows can be read after the jar has exited.
 */
class GracefulShutdownIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static EmbeddedPostgres postgres;
    private static RedisServer redis;

    @BeforeAll
    static void servers() throws IOException {
        Assumptions.assumeFalse(Boolean.getBoolean("quarkus.native.enabled"), "a native build packages no jar");
        postgres = EmbeddedServers.startPostgres(0, Files.createTempDirectory("shutdown-pg"));
        redis = EmbeddedServers.startRedis(0);
    }

    @AfterAll
    static void stopServers() throws IOException {
        if (redis != null) {
            redis.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void shouldGoUnreadyFinishTheRequestAndLeaveNoJobRunningOnSigterm() throws Exception {
        int port = EmbeddedServers.freePort();
        Path log = Files.createTempFile("shutdown", ".log");
        Path exports = Files.createTempDirectory("shutdown-exports");
        Process jar = start(port, log, exports);
        try {
            String base = "http://127.0.0.1:" + port;
            await(() -> status(base + "/q/health/ready", null) == 200, Duration.ofSeconds(120), log, "readiness");
            UUID user = UUID.fromString(json(send(base + "/api/v1/users", "POST", TestTokens.admin(), userBody("before")),
                    "id"));
            String backupJob = json(send(base + "/api/v1/data-management/backups?type=full", "POST", TestTokens.admin(),
                    null), "id");
            String exportJob = json(send(base + "/api/v1/data-management/exports", "POST", TestTokens.user(user),
                    "{\"format\":\"zip\"}"), "id");
            await(() -> state("backup_jobs", backupJob).equals("running") && state("export_jobs", exportJob).equals("running"),
                    Duration.ofSeconds(60), log, "both jobs running");

            try (Socket slow = new Socket("127.0.0.1", port)) {
                byte[] body = userBody("after").getBytes(StandardCharsets.UTF_8);
                OutputStream out = slow.getOutputStream();
                out.write(("PUT /api/v1/users/" + user + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                        + TestTokens.user(user) + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                        + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, 0, body.length / 2);
                out.flush();

                jar.toHandle().destroy(); // SIGTERM
                await(() -> status(base + "/q/health/ready", null) == 503, Duration.ofSeconds(10), log,
                        "readiness DOWN after SIGTERM");
                // once the delay is over the HTTP layer waits for the requests in flight, this one among them
                await(() -> logged(log, "Waiting for HTTP requests to complete"), Duration.ofSeconds(20), log, "draining");

                out.write(body, body.length / 2, body.length - body.length / 2);
                out.flush();
                String answer = readHead(slow.getInputStream());
                assertThat(answer).as("the in-flight request's answer").startsWith("HTTP/1.1 200");
            }
            assertThat(jar.waitFor(90, TimeUnit.SECONDS)).as("the jar exits; log:%n%s", Files.readString(log)).isTrue();

            for (String[] job : List.of(new String[] {"backup_jobs", backupJob}, new String[] {"export_jobs", exportJob})) {
                assertThat(state(job[0], job[1])).as("%s %s", job[0], job[1]).isEqualTo("failed");
                assertThat(column(job[0], job[1], "retryable")).isEqualTo("true");
                assertThat(column(job[0], job[1], "error")).startsWith("interrupted");
            }
            assertThat(column("users", user.toString(), "full_name")).isEqualTo("Shutdown after");
            try (Stream<Path> files = Files.walk(exports)) {
                assertThat(files.filter(Files::isRegularFile).toList()).as("export files left").isEmpty();
            }
            assertThat(Files.readString(log)).contains("Shutting down: scheduled runs paused");
        } finally {
            if (jar.isAlive()) {
                jar.destroyForcibly();
            }
        }
    }

    private static Process start(int port, Path log, Path exports) throws IOException {
        assertThat(JAR).as("the packaged jar (run after the package phase)").exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", JAR.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("CAREER_")
                || name.startsWith("MP_JWT") || name.startsWith("JOBS_"));
        var env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", EmbeddedServers.reactiveUrl(postgres.getPort()));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", EmbeddedServers.jdbcUrl(postgres.getPort()));
        env.put("QUARKUS_DATASOURCE_USERNAME", EmbeddedServers.USER);
        env.put("QUARKUS_DATASOURCE_PASSWORD", "");
        env.put("QUARKUS_REDIS_HOSTS", EmbeddedServers.redisUrl(redis.ports().get(0)));
        env.put("MP_JWT_VERIFY_PUBLICKEY", resource("jwt/test-public.pem"));
        env.put("BACKUP_DIRECTORY", Files.createTempDirectory("shutdown-backups").toString());
        env.put("EXPORT_STORAGE_DIR", exports.toString());
        env.put("JOBS_PACE", "1s");
        env.put("SHUTDOWN_DELAY", "3s");
        env.put("JOBS_SHUTDOWN_GRACE", "6s");
        return builder.start();
    }

    private static String userBody(String name) {
        return "{\"email\":\"shutdown-" + name + "@example.org\",\"fullName\":\"Shutdown " + name + "\"}";
    }

    private static String send(String url, String method, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, url, response.body()).isBetween(200, 202);
        return response.body();
    }

    private static int status(String url, String token) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5));
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1; // not listening (yet, or any more)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String json(String body, String field) {
        var m = java.util.regex.Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]+)\"").matcher(body);
        assertThat(m.find()).as("%s in %s", field, body).isTrue();
        return m.group(1);
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && head.indexOf("\r\n\r\n") < 0) {
            head.append((char) c);
        }
        return head.toString();
    }

    private static String state(String table, String id) {
        try {
            return column(table, id, "state");
        } catch (Exception e) {
            return "unknown: " + e.getMessage();
        }
    }

    private static String column(String table, String id, String column) throws Exception {
        try (Connection c = DriverManager.getConnection(EmbeddedServers.jdbcUrl(postgres.getPort()), EmbeddedServers.USER, "");
                PreparedStatement st = c.prepareStatement("SELECT " + column + "::text FROM " + table + " WHERE id = ?::uuid")) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : "no row";
            }
        }
    }

    private static void await(BooleanSupplier condition, Duration limit, Path log, String what) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " not reached within " + limit + "; log:\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = GracefulShutdownIT.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static boolean logged(Path log, String text) {
        try {
            return Files.readString(log).contains(text);
        } catch (IOException e) {
            return false;
        }
    }
}
