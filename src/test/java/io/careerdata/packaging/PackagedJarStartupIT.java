package io.careerdata.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.careerdata.embedded.EmbeddedServers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Starts the packaged jar as an operator would, with a clean environment: without database URLs
 * it must refuse to start with a clear message; with the documented switch it runs on embedded
 * servers. A native build has neither the jar nor the embedded servers: there only SmokeIT runs.
 */
class PackagedJarStartupIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    @BeforeAll
    static void jarBuild() {
        Assumptions.assumeFalse(Boolean.getBoolean("quarkus.native.enabled"), "a native build packages no jar");
    }

    @Test
    void shouldFailFastWithAClearMessageWhenNoDatabaseIsConfigured() throws Exception {
        Path log = Files.createTempFile("startup", ".log");
        Process process = start(log, List.of());
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        assertThat(exited).as("the service exits instead of running without a database").isTrue();
        assertThat(process.exitValue()).isNotZero();
        assertThat(Files.readString(log))
                .contains("QUARKUS_DATASOURCE_REACTIVE_URL")
                .contains("CAREER_EMBEDDED_ENABLED=true");
    }

    @Test
    void shouldRunOnEmbeddedServersBehindTheSwitch() throws Exception {
        Path log = Files.createTempFile("startup", ".log");
        int port = EmbeddedServers.freePort();
        Process process = start(log, List.of("CAREER_EMBEDDED_ENABLED=true", "QUARKUS_HTTP_PORT=" + port));
        try {
            HttpClient client = HttpClient.newHttpClient();
            HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build();
            int status = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (status != 200 && process.isAlive() && System.nanoTime() < deadline) {
                try {
                    status = client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (IOException notYetListening) {
                    Thread.sleep(250);
                }
            }
            assertThat(status).as("readiness of the jar on embedded servers; log:%n%s", Files.readString(log))
                    .isEqualTo(200);
        } finally {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static Process start(Path log, List<String> environment) throws IOException {
        assertThat(JAR).as("the packaged jar (run after the package phase)").exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-jar", JAR.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("QUARKUS_") || name.startsWith("CAREER_")
                || name.startsWith("MP_JWT"));
        environment.forEach(pair -> {
            String[] parts = pair.split("=", 2);
            builder.environment().put(parts[0], parts[1]);
        });
        return builder.start();
    }
}
