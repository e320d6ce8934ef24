package io.careerdata.deploy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.careerdata.testing.Eventually;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What `kubectl kustomize` renders for each overlay, as the cluster would get it: every document
 * parses strictly (the PrometheusRule of k8s/monitoring too, when an overlay includes it) and
 * fits the application. Rendering needs kubectl, so this class is not in the default test set (its
 * name does not end in Test): k8s/check.sh renders the overlays into target/k8s/&lt;overlay&gt;.yaml
 * and runs it with {@code -Dk8s.rendered=target/k8s}. Without rendered files it fails.
 */
@QuarkusTest
class RenderedManifestsCheck {

    static final List<String> OVERLAYS = List.of("dev", "prod", "prod-jvm");
    /** ConfigMaps are not counted: k8s/monitoring adds the dashboard's. */
    private static final List<String> ONE_EACH = List.of("Deployment", "Service", "PodDisruptionBudget",
            "HorizontalPodAutoscaler", "NetworkPolicy", "ServiceMonitor");

    private static ApplicationFacts app;
    private static Map<String, List<HasMetadata>> rendered;

    @BeforeAll
    static void readRenderedOverlays() {
        String directory = System.getProperty("k8s.rendered");
        assertThat(directory).as("-Dk8s.rendered=<directory of rendered overlays>; run k8s/check.sh").isNotBlank();
        rendered = OVERLAYS.stream().collect(Collectors.toMap(Function.identity(), overlay -> {
            Path file = Path.of(directory, overlay + ".yaml");
            assertThat(file).as("rendered overlay (k8s/check.sh)").isNotEmptyFile();
            return StrictManifests.parseFile(file);
        }));
        app = ApplicationFacts.ofRunningApplication();
    }

    @Test
    void everyOverlayShouldFitTheApplication() {
        for (String overlay : OVERLAYS) {
            List<HasMetadata> resources = rendered.get(overlay);
            Map<String, Long> kinds = resources.stream()
                    .collect(Collectors.groupingBy(HasMetadata::getKind, Collectors.counting()));
            ONE_EACH.forEach(kind -> assertThat(kinds.get(kind)).as(overlay + ": " + kind).isEqualTo(1L));
            assertThat(resources).as(overlay + ": every object in the overlay's namespace")
                    .allMatch(r -> r.getMetadata().getNamespace() != null);
            assertThat(ManifestChecks.all(resources, app).problems()).as(overlay).isEmpty();
        }
    }

    @Test
    void probeAndScrapePathsOfEveryOverlayShouldBeServed() {
        Eventually.within(Duration.ofSeconds(30), () -> given().get("/q/health/ready").then().statusCode(200));
        for (String overlay : OVERLAYS) {
            for (String path : ManifestChecks.all(rendered.get(overlay), app).httpPaths()) {
                given().get(path).then().statusCode(200);
            }
        }
    }

    @Test
    void prodShouldRunTheNativeImageAndProdJvmTheJvmImageWithJvmSizes() {
        assertThat(container("prod").getImage()).isEqualTo("registry.example/career-data-service:1.0.0");
        assertThat(container("prod-jvm").getImage()).isEqualTo("registry.example/career-data-service:1.0.0-jvm");
        assertThat(container("prod").getResources().getLimits().get("memory").toString()).isEqualTo("256Mi");
        assertThat(container("prod-jvm").getResources().getLimits().get("memory").toString()).isEqualTo("768Mi");
        assertThat(hpa("prod").getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
        assertThat(deployment("prod").getSpec().getReplicas()).as("the HPA owns the count").isNull();
    }

    @Test
    void devShouldRunOneSmallReplica() {
        assertThat(deployment("dev").getSpec().getReplicas()).isEqualTo(1);
        assertThat(hpa("dev").getSpec().getMaxReplicas()).isEqualTo(1);
        assertThat(container("dev").getResources().getLimits().get("memory").toString()).isEqualTo("192Mi");
        assertThat(rendered.get("dev")).allMatch(r -> "career-data-dev".equals(r.getMetadata().getNamespace()));
    }

    private static Container container(String overlay) {
        return deployment(overlay).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static Deployment deployment(String overlay) {
        return only(overlay, Deployment.class);
    }

    private static HorizontalPodAutoscaler hpa(String overlay) {
        return only(overlay, HorizontalPodAutoscaler.class);
    }

    private static <T> T only(String overlay, Class<T> type) {
        return rendered.get(overlay).stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }
}
