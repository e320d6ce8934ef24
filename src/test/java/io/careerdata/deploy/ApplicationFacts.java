package io.careerdata.deploy;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.quarkus.runtime.configuration.DurationConverter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * What the manifests are checked against: the application's own files and what the running
 * application reads (so build these facts inside a {@code @QuarkusTest}).
 */
record ApplicationFacts(int httpPort, Duration shutdownTimeout, KnownEnvironment environment,
        List<HasMetadata> secretExample) {

    static final Path K8S = Path.of("k8s");
    static final Path APPLICATION_PROPERTIES = Path.of("src/main/resources/application.properties");
    /**
     * quarkus.shutdown.timeout when application.properties does not set it: the value the service
     * is deployed with, so the grace period is checked against it either way.
     */
    static final Duration ASSUMED_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    static ApplicationFacts ofRunningApplication() {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(APPLICATION_PROPERTIES)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the production value: the test profile may shorten it
        String timeout = properties.getProperty("quarkus.shutdown.timeout");
        Duration shutdown = timeout == null ? ASSUMED_SHUTDOWN_TIMEOUT : DurationConverter.parseDuration(timeout);
        return new ApplicationFacts(Integer.parseInt(properties.getProperty("quarkus.http.port")), shutdown,
                KnownEnvironment.ofRunningApplication(APPLICATION_PROPERTIES, Path.of("target/classes")),
                StrictManifests.parseFile(K8S.resolve("base/secret.example.yaml")));
    }
}
