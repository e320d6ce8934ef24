package io.careerdata.deploy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.careerdata.testing.Eventually;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
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

    static final List<String> OVERLAYS = List.of("dev", "prod", "prod-jvm", "prod-ha");
    /**
     * The service's own objects (ConfigMaps are not counted: k8s/monitoring adds the dashboard's;
     * nor are those of the data stores of prod-ha).
     */
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
            DataStores stores = new DataStores(resources);
            Map<String, Long> kinds = resources.stream().filter(r -> !stores.isDataStore(r))
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

    @Test
    void prodHaShouldWireBothDatasourcesToTheCloudNativePgClusterAndRedisToTheSentinels() {
        PostgresCluster cluster = only("prod-ha", PostgresCluster.class);
        assertThat(cluster.getSpec().instances()).isEqualTo(3);
        assertThat(cluster.getSpec().monitoring().enablePodMonitor()).isTrue();
        assertThat(cluster.getSpec().bootstrap().initdb().owner()).isEqualTo("careerdata");
        Map<String, String> env = ManifestChecks.all(rendered.get("prod-ha"), app).environmentValues();
        String primary = cluster.getMetadata().getName() + "-rw.career-data.svc.cluster.local:5432/" + cluster.database();
        String standbys = primary.replaceFirst("-rw\\.", "-ro.");
        assertThat(env).containsEntry("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://" + primary)
                .containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://" + primary)
                .containsEntry("QUARKUS_DATASOURCE_REPLICA_REACTIVE_URL", "postgresql://" + standbys)
                .containsEntry("QUARKUS_DATASOURCE_REPLICA_JDBC_URL", "jdbc:postgresql://" + standbys);
        Map<String, String> credentials = container("prod-ha").getEnv().stream().collect(Collectors.toMap(
                var -> var.getName(), var -> var.getValueFrom().getSecretKeyRef().getName() + "/"
                        + var.getValueFrom().getSecretKeyRef().getKey()));
        assertThat(credentials).containsOnly(
                Map.entry("QUARKUS_DATASOURCE_USERNAME", cluster.appSecret() + "/username"),
                Map.entry("QUARKUS_DATASOURCE_PASSWORD", cluster.appSecret() + "/password"),
                Map.entry("QUARKUS_DATASOURCE_REPLICA_USERNAME", cluster.appSecret() + "/username"),
                Map.entry("QUARKUS_DATASOURCE_REPLICA_PASSWORD", cluster.appSecret() + "/password"));

        StatefulSet redis = only("prod-ha", StatefulSet.class);
        assertThat(redis.getSpec().getReplicas()).isEqualTo(3);
        assertThat(env).containsEntry("QUARKUS_REDIS_CLIENT_TYPE", "sentinel").containsEntry("QUARKUS_REDIS_ROLE", "master");
        assertThat(ManifestChecks.urls(env.get("QUARKUS_REDIS_HOSTS"))).extracting(URI::toString).containsExactly(
                IntStream.range(0, 3).mapToObj(i -> "redis://redis-" + i + ".redis.career-data.svc.cluster.local:26379")
                        .toArray(String[]::new));
        // the sentinels watch the master under the name the service asks for
        assertThat(redis.getSpec().getTemplate().getSpec().getContainers()).extracting(Container::getName)
                .containsExactly("redis", "sentinel");
        for (Container node : redis.getSpec().getTemplate().getSpec().getContainers()) {
            assertThat(node.getEnv()).filteredOn(var -> "MASTER_NAME".equals(var.getName())).singleElement()
                    .extracting(var -> var.getValue()).isEqualTo(env.get("QUARKUS_REDIS_MASTER_NAME"));
        }
        assertThat(container("prod-ha").getImage()).isEqualTo(container("prod").getImage());
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
