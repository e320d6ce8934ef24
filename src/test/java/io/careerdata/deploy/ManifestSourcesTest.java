package io.careerdata.deploy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.careerdata.testing.Eventually;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The files under k8s/base and k8s/overlays as written: every one parses strictly, the
 * kustomizations use only what kustomize v2.0.3 (kubectl 1.20) renders as today's kustomize does,
 * and the base fits the application. What an overlay renders to is checked by
 * {@link RenderedManifestsCheck}, which k8s/check.sh runs.
 */
@QuarkusTest
class ManifestSourcesTest {

    private static final Set<String> KUSTOMIZATION_FIELDS = Set.of("apiVersion", "kind", "resources", "bases",
            "namespace", "patchesStrategicMerge", "images", "commonLabels");
    private static final Set<String> IMAGE_FIELDS = Set.of("name", "newName", "newTag", "digest");
    private static final String SERVICE = "career-data-service";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static ApplicationFacts app;

    @BeforeAll
    static void readApplication() {
        app = ApplicationFacts.ofRunningApplication();
    }

    @Test
    void everyManifestAndPatchShouldParseStrictly() throws IOException {
        List<Path> files = manifestFiles();
        assertThat(files).hasSizeGreaterThanOrEqualTo(12);
        for (Path file : files) {
            assertThat(StrictManifests.parseFile(file)).as(file.toString()).isNotEmpty();
        }
    }

    @Test
    void kustomizationsShouldUseOnlyFieldsThatOldAndNewKustomizeRenderAlike() throws IOException {
        List<Path> kustomizations = kustomizationFiles();
        assertThat(kustomizations).hasSize(5);
        for (Path file : kustomizations) {
            JsonNode kustomization = YAML.readTree(file.toFile());
            kustomization.fieldNames().forEachRemaining(field ->
                    assertThat(KUSTOMIZATION_FIELDS).as(file + ": " + field).contains(field));
            for (JsonNode resource : kustomization.path("resources")) {
                // kustomize v2.0.3 loads only files under resources; directories go under bases
                assertThat(file.resolveSibling(resource.asText())).as(file + ": " + resource).isRegularFile();
            }
            for (String list : List.of("bases", "patchesStrategicMerge")) {
                for (JsonNode entry : kustomization.path(list)) {
                    assertThat(file.resolveSibling(entry.asText())).as(file + ": " + entry).exists();
                }
            }
            for (JsonNode image : kustomization.path("images")) {
                image.fieldNames().forEachRemaining(field ->
                        assertThat(IMAGE_FIELDS).as(file + ": images." + field).contains(field));
            }
        }
    }

    @Test
    void baseShouldFitTheApplication() throws IOException {
        ManifestChecks checks = ManifestChecks.all(base(), app);
        assertThat(checks.problems()).isEmpty();
        assertThat(checks.httpPaths())
                .containsExactlyInAnyOrder("/q/health/started", "/q/health/live", "/q/health/ready", "/q/metrics");
    }

    @Test
    void probeAndScrapePathsShouldBeServedByTheApplication() throws IOException {
        Eventually.within(Duration.ofSeconds(30), () -> given().get("/q/health/ready").then().statusCode(200));
        for (String path : ManifestChecks.all(base(), app).httpPaths()) {
            given().get(path).then().statusCode(200);
        }
    }

    @Test
    void overlayPatchesShouldSetOnlyVariablesTheApplicationReads() throws IOException {
        List<String> names = new ArrayList<>();
        for (Path file : manifestFiles()) {
            if (!file.startsWith(ApplicationFacts.K8S.resolve("overlays"))) {
                continue;
            }
            // the JVM image's start script reads variables of its own
            boolean jvmImage = file.getParent().getFileName().toString().endsWith("-jvm");
            for (HasMetadata resource : StrictManifests.parseFile(file)) {
                List<String> set = new ArrayList<>();
                // the service's ConfigMap: prod-ha's Redis scripts are a ConfigMap of their own
                if (resource instanceof ConfigMap configMap && SERVICE.equals(configMap.getMetadata().getName())) {
                    set.addAll(configMap.getData().keySet());
                } else if (resource instanceof Deployment deployment) {
                    deployment.getSpec().getTemplate().getSpec().getContainers()
                            .forEach(c -> c.getEnv().forEach(v -> set.add(v.getName())));
                }
                set.forEach(name -> assertThat(app.environment().isRead(name, jvmImage)).as(file + ": " + name).isTrue());
                names.addAll(set);
            }
        }
        assertThat(names).contains("QUARKUS_LOG_CATEGORY__IO_CAREERDATA__LEVEL", "DB_POOL_MAX_SIZE", "JAVA_MAX_MEM_RATIO");
    }

    @Test
    void shouldRefuseAMisspeltField() throws IOException {
        String deployment = Files.readString(ApplicationFacts.K8S.resolve("base/deployment.yaml"));
        String misspelt = deployment.replace("containerPort: 8080", "contanerPort: 8080");
        assertThat(misspelt).isNotEqualTo(deployment);
        assertThatThrownBy(() -> StrictManifests.parse(misspelt, "deployment"))
                .hasMessageContaining("contanerPort");
        String misspeltMonitor = Files.readString(ApplicationFacts.K8S.resolve("base/servicemonitor.yaml"))
                .replace("path: /q/metrics", "pathh: /q/metrics");
        assertThatThrownBy(() -> StrictManifests.parse(misspeltMonitor, "servicemonitor"))
                .hasMessageContaining("pathh");
        // k8s/monitoring's rules arrive in the prod overlay: the same model checks them
        String rule = """
                apiVersion: monitoring.coreos.com/v1
                kind: PrometheusRule
                metadata:
                  name: career-data-service
                spec:
                  groups:
                    - name: backups
                      rules:
                        - alert: BackupMissing
                          expr: time() - backup_last_success_seconds > 26 * 3600
                          for: 15m
                          labels:
                            severity: critical
                """;
        assertThat(StrictManifests.parse(rule, "rule")).singleElement().extracting(HasMetadata::getKind)
                .isEqualTo("PrometheusRule");
        assertThatThrownBy(() -> StrictManifests.parse(rule.replace("for: 15m", "fro: 15m"), "rule"))
                .hasMessageContaining("fro");
    }

    @Test
    void shouldRefuseWrongScalarTypesDuplicateKeysAndUnknownKinds() {
        String configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  DB_POOL_MAX_SIZE: 5\n";
        assertThatThrownBy(() -> StrictManifests.parse(configMap, "cm")).hasMessageContaining("cm document 1");
        String port = "apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  ports:\n    - port: \"80\"\n";
        assertThatThrownBy(() -> StrictManifests.parse(port, "svc")).hasMessageContaining("svc document 1");
        String duplicate = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  name: y\n";
        assertThatThrownBy(() -> StrictManifests.parse(duplicate, "dup")).hasMessageContaining("name");
        String job = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: x\n";
        assertThatThrownBy(() -> StrictManifests.parse(job, "job")).hasMessageContaining("batch/v1/Job");
    }

    @Test
    void checksShouldReportAnUnreadVariableAMissingEgressPortAndAShortGracePeriod() throws IOException {
        List<HasMetadata> broken = base();
        ConfigMap configMap = (ConfigMap) broken.stream().filter(ConfigMap.class::isInstance).findFirst().orElseThrow();
        configMap.getData().put("DB_POOL_MAXSIZE", "5");
        configMap.getData().put("QUARKUS_REDIS_HOSTS", "redis://redis.data.svc.cluster.local:6380");
        Deployment deployment = (Deployment) broken.stream().filter(Deployment.class::isInstance).findFirst()
                .orElseThrow();
        deployment.getSpec().getTemplate().getSpec().setTerminationGracePeriodSeconds(30L);
        deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().get(0).setContainerPort(8081);

        List<String> problems = ManifestChecks.all(broken, app).problems();

        assertThat(problems).anyMatch(p -> p.contains("DB_POOL_MAXSIZE"))
                .anyMatch(p -> p.contains("TCP 6380 out to namespace data"))
                .anyMatch(p -> p.startsWith("terminationGracePeriodSeconds 30 < preStop 5"))
                .anyMatch(p -> p.contains("quarkus.http.port 8080"));
        KnownEnvironment known = app.environment();
        assertThat(known.isRead("DB_POOL_MAX_SIZE", false)).isTrue();
        // a @ConfigProperty of smallrye-jwt, a Quarkus map property, a @ConfigMapping property; and typos of each
        assertThat(known.isRead("MP_JWT_VERIFY_PUBLICKEY_LOCATION", false)).isTrue();
        assertThat(known.isRead("MP_JWT_VERIFY_PUBLICKEY_LOCATIN", false)).isFalse();
        assertThat(known.isRead("QUARKUS_LOG_CATEGORY__IO_CAREERDATA__LEVEL", false)).isTrue();
        assertThat(known.isRead("QUARKUS_LOG_CATEGORY__IO_CAREERDATA__LEVL", false)).isFalse();
        assertThat(known.isRead("EXPORT_STALE_AFTER", false)).isTrue();
        assertThat(known.isRead("EXPORT_STALE_AFTERS", false)).isFalse();
        assertThat(known.isRead("JAVA_MAX_MEM_RATIO", false)).isFalse();
        assertThat(known.isRead("JAVA_MAX_MEM_RATIO", true)).isTrue();
        // a build-time property, although application.properties sets it: a variable cannot change it in an image
        assertThat(known.isRead("QUARKUS_DATASOURCE_DB_KIND", false)).isFalse();
    }

    @Test
    void dataStoreChecksShouldReportAnUnknownSecretKeyAnUnservedUrlAndAPrimaryOnAStandby() throws IOException {
        // the base with prod-ha's data stores and ConfigMap values, in prod-ha's namespace
        Path ha = ApplicationFacts.K8S.resolve("overlays/prod-ha");
        List<HasMetadata> set = new ArrayList<>(base());
        set.addAll(StrictManifests.parseFile(ha.resolve("postgres-cluster.yaml")));
        set.addAll(StrictManifests.parseFile(ha.resolve("redis-sentinel.yaml")));
        set.forEach(resource -> resource.getMetadata().setNamespace("career-data"));
        ConfigMap configMap = set.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .filter(c -> SERVICE.equals(c.getMetadata().getName())).findFirst().orElseThrow();
        configMap.getData().putAll(((ConfigMap) StrictManifests.parseFile(ha.resolve("configmap-ha.yaml")).get(0)).getData());
        Deployment deployment = (Deployment) set.stream().filter(Deployment.class::isInstance).findFirst().orElseThrow();
        deployment.getSpec().getTemplate().getSpec().getContainers().get(0).setEnv(
                ((Deployment) StrictManifests.parseFile(ha.resolve("deployment-ha.yaml")).get(0)).getSpec()
                        .getTemplate().getSpec().getContainers().get(0).getEnv());
        assertThat(ManifestChecks.all(set, app).problems()).noneMatch(p -> p.contains("Secret") || p.contains("serves")
                || p.contains("primary") || p.contains("StatefulSet") || p.contains("does not select"));

        deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().get(1).getValueFrom()
                .getSecretKeyRef().setKey("passwd");
        configMap.getData().put("QUARKUS_DATASOURCE_JDBC_URL",
                "jdbc:postgresql://careerdata-db-ro.career-data.svc.cluster.local:5432/careerdata");
        configMap.getData().put("QUARKUS_REDIS_HOSTS", "redis://redis-3.redis.career-data.svc.cluster.local:26379");

        assertThat(ManifestChecks.all(set, app).problems())
                .anyMatch(p -> p.startsWith("QUARKUS_DATASOURCE_PASSWORD reads key passwd of Secret careerdata-db-app"))
                .anyMatch(p -> p.equals("QUARKUS_DATASOURCE_JDBC_URL must lead to the primary careerdata-db-rw, "
                        + "leads to careerdata-db-ro"))
                .anyMatch(p -> p.equals("QUARKUS_REDIS_HOSTS: nothing of the set serves "
                        + "redis-3.redis.career-data.svc.cluster.local:26379"));
        // a one-word map key of a Quarkus property, unquoted: the read-only datasource's URL
        assertThat(app.environment().isRead("QUARKUS_DATASOURCE_REPLICA_JDBC_URL", false)).isTrue();
        assertThat(app.environment().isRead("QUARKUS_DATASOURCE_REPLICA_JDBC_URI", false)).isFalse();
    }

    /** The resources the base kustomization lists. */
    static List<HasMetadata> base() throws IOException {
        Path kustomization = ApplicationFacts.K8S.resolve("base/kustomization.yaml");
        List<HasMetadata> resources = new ArrayList<>();
        for (JsonNode file : YAML.readTree(kustomization.toFile()).path("resources")) {
            resources.addAll(StrictManifests.parseFile(kustomization.resolveSibling(file.asText())));
        }
        return resources;
    }

    private static List<Path> manifestFiles() throws IOException {
        return yamlFiles().filter(f -> !f.getFileName().toString().equals("kustomization.yaml")).toList();
    }

    private static List<Path> kustomizationFiles() throws IOException {
        return yamlFiles().filter(f -> f.getFileName().toString().equals("kustomization.yaml")).toList();
    }

    private static Stream<Path> yamlFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String root : List.of("base", "overlays")) {
            try (Stream<Path> walk = Files.walk(ApplicationFacts.K8S.resolve(root))) {
                walk.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(files::add);
            }
        }
        return files.stream();
    }
}
