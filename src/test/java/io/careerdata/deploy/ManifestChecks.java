// Over 300 lines: every check of one deployable set, sharing its lookups; data stores are in DataStores.
package io.careerdata.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What must hold between the manifests of one deployable set (the base, or an overlay's rendered
 * output) and the application: each check adds a sentence per violation to {@link #problems()}.
 * The HTTP paths the manifests send requests to are collected for the caller to call on the
 * running application.
 */
final class ManifestChecks {

    static final String KUBERNETES_NAME = "kubernetes.io/metadata.name";
    /** Closing the pools and flushing the log after the shutdown timeout. */
    static final Duration SHUTDOWN_MARGIN = Duration.ofSeconds(5);
    static final String REDIS_CLIENT_TYPE = "QUARKUS_REDIS_CLIENT_TYPE";
    static final List<String> REQUIRED_URL_VARIABLES = List.of("QUARKUS_DATASOURCE_REACTIVE_URL",
            "QUARKUS_DATASOURCE_JDBC_URL", "QUARKUS_REDIS_HOSTS");
    /** The primary's and Redis' URLs, and those of the read-only datasource when it is set. */
    static final List<String> URL_VARIABLES = Stream.concat(REQUIRED_URL_VARIABLES.stream(),
            Stream.of("QUARKUS_DATASOURCE_REPLICA_REACTIVE_URL", "QUARKUS_DATASOURCE_REPLICA_JDBC_URL")).toList();

    private final List<HasMetadata> resources;
    private final List<HasMetadata> externalResources;
    private final List<String> problems = new ArrayList<>();
    private final Set<String> httpPaths = new LinkedHashSet<>();

    /**
     * @param externalResources objects the set refers to that are created outside it (the Secret,
     *        whose shape secret.example.yaml gives)
     */
    ManifestChecks(List<HasMetadata> resources, List<HasMetadata> externalResources) {
        this.resources = resources;
        this.externalResources = externalResources;
    }

    /** Every check, against what the application says of itself. */
    static ManifestChecks all(List<HasMetadata> resources, ApplicationFacts app) {
        return new ManifestChecks(resources, app.secretExample())
                .checkSelectors()
                .checkHttpPort(app.httpPort())
                .checkProbes()
                .checkGracePeriod(app.shutdownTime())
                .checkEnvironment(app.environment())
                .checkNetworkPolicy()
                .checkDataStores();
    }

    List<String> problems() {
        return problems;
    }

    /** Probe and scrape paths, to be served by the application. */
    Set<String> httpPaths() {
        return httpPaths;
    }

    Deployment deployment() {
        List<Deployment> deployments = all(Deployment.class);
        if (deployments.size() != 1) {
            throw new IllegalStateException("expected one Deployment, found " + deployments.size());
        }
        return deployments.get(0);
    }

    Container container() {
        return deployment().getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    ManifestChecks checkHttpPort(int quarkusHttpPort) {
        List<ContainerPort> ports = container().getPorts();
        if (ports.size() != 1 || !"http".equals(ports.get(0).getName())
                || ports.get(0).getContainerPort() != quarkusHttpPort) {
            problems.add("the container must expose one port named http = quarkus.http.port " + quarkusHttpPort
                    + ", has " + ports);
        }
        return this;
    }

    ManifestChecks checkProbes() {
        Container container = container();
        for (Probe probe : Stream.of(container.getStartupProbe(), container.getLivenessProbe(),
                container.getReadinessProbe()).toList()) {
            if (probe == null || probe.getHttpGet() == null) {
                problems.add("every probe (startup, liveness, readiness) must be an HTTP GET");
                continue;
            }
            requireHttpPort(probe.getHttpGet().getPort(), "probe " + probe.getHttpGet().getPath());
            httpPaths.add(probe.getHttpGet().getPath());
        }
        for (ServiceMonitor monitor : all(ServiceMonitor.class)) {
            requireSelectsPods(monitor.getSpec().getSelector(), "ServiceMonitor", serviceLabels());
            monitor.getSpec().getEndpoints().forEach(endpoint -> {
                if (!"http".equals(endpoint.getPort())) {
                    problems.add("the ServiceMonitor must scrape the Service port http, not " + endpoint.getPort());
                }
                httpPaths.add(endpoint.getPath());
            });
        }
        return this;
    }

    /** preStop pause + shutdown delay and timeout + margin must end before the kubelet kills the pod. */
    ManifestChecks checkGracePeriod(Duration shutdownTime) {
        var pod = deployment().getSpec().getTemplate().getSpec();
        long preStop = Optional.ofNullable(container().getLifecycle())
                .map(lifecycle -> lifecycle.getPreStop())
                .map(handler -> handler.getSleep() == null ? null : handler.getSleep().getSeconds())
                .orElse(0L);
        long needed = preStop + shutdownTime.toSeconds() + SHUTDOWN_MARGIN.toSeconds();
        Long grace = pod.getTerminationGracePeriodSeconds();
        if (grace == null || grace < needed) {
            problems.add("terminationGracePeriodSeconds " + grace + " < preStop " + preStop + " + shutdown delay and timeout "
                    + shutdownTime.toSeconds() + " + margin " + SHUTDOWN_MARGIN.toSeconds());
        }
        if (preStop == 0) {
            problems.add("no preStop sleep: requests would still arrive after SIGTERM");
        }
        return this;
    }

    ManifestChecks checkSelectors() {
        Map<String, String> podLabels = podLabels();
        Deployment deployment = deployment();
        requireSelectsPods(deployment.getSpec().getSelector(), "the Deployment", podLabels);
        DataStores stores = new DataStores(resources);
        for (Service service : all(Service.class)) {
            if (stores.isDataStore(service)) {
                continue;
            }
            if (!podLabels.entrySet().containsAll(service.getSpec().getSelector().entrySet())) {
                problems.add("the Service selects " + service.getSpec().getSelector() + ", pods are " + podLabels);
            }
        }
        all(PodDisruptionBudget.class).stream().filter(pdb -> !stores.isDataStore(pdb))
                .forEach(pdb -> requireSelectsPods(pdb.getSpec().getSelector(), "PDB", podLabels));
        all(NetworkPolicy.class).forEach(policy ->
                requireSelectsPods(policy.getSpec().getPodSelector(), "NetworkPolicy", podLabels));
        deployment.getSpec().getTemplate().getSpec().getTopologySpreadConstraints().forEach(spread ->
                requireSelectsPods(spread.getLabelSelector(), "topology spread " + spread.getTopologyKey(), podLabels));
        for (HorizontalPodAutoscaler hpa : all(HorizontalPodAutoscaler.class)) {
            var target = hpa.getSpec().getScaleTargetRef();
            if (!"Deployment".equals(target.getKind()) || !deployment.getMetadata().getName().equals(target.getName())) {
                problems.add("the HPA scales " + target.getKind() + "/" + target.getName() + ", not the Deployment");
            }
        }
        return this;
    }

    /** Every variable the container gets (env, and the keys of envFrom sources) is read by the app. */
    ManifestChecks checkEnvironment(KnownEnvironment known) {
        Container container = container();
        boolean jvmImage = container.getImage().endsWith("-jvm");
        List<String> names = new ArrayList<>(container.getEnv().stream().map(EnvVar::getName).toList());
        for (EnvFromSource source : container.getEnvFrom()) {
            if (source.getConfigMapRef() != null) {
                names.addAll(configMap(source.getConfigMapRef().getName()).getData().keySet());
            }
            if (source.getSecretRef() != null) {
                Secret secret = named(Secret.class, source.getSecretRef().getName());
                names.addAll(secret.getStringData().keySet());
                names.addAll(secret.getData().keySet());
            }
        }
        names.stream().filter(name -> !known.isRead(name, jvmImage)).forEach(name ->
                problems.add("the container sets " + name + ", which the application does not read"));
        return this;
    }

    /**
     * Ingress reaches the HTTP port only; egress allows the ports (and namespaces) of the
     * PostgreSQL and Redis URLs that the container's ConfigMap sets, and DNS.
     */
    ManifestChecks checkNetworkPolicy() {
        List<NetworkPolicy> policies = all(NetworkPolicy.class);
        if (policies.size() != 1) {
            problems.add("expected one NetworkPolicy, found " + policies.size());
            return this;
        }
        var spec = policies.get(0).getSpec();
        if (!Set.copyOf(spec.getPolicyTypes()).equals(Set.of("Ingress", "Egress"))) {
            problems.add("the NetworkPolicy must restrict both Ingress and Egress, has " + spec.getPolicyTypes());
        }
        for (var rule : spec.getIngress()) {
            if (rule.getPorts().isEmpty()) {
                problems.add("an ingress rule without ports opens every port");
            }
            rule.getPorts().forEach(port -> requireHttpPort(port.getPort(), "NetworkPolicy ingress"));
        }
        Map<String, String> env = environmentValues();
        for (String variable : URL_VARIABLES) {
            String value = env.get(variable);
            if (value == null) {
                if (REQUIRED_URL_VARIABLES.contains(variable)) {
                    problems.add(variable + " is not set: the prod profile needs it");
                }
                continue;
            }
            for (URI uri : urls(value)) {
                requireEgress(spec.getEgress(), "TCP", portOf(uri), namespaceOf(uri.getHost()), variable);
                if ("QUARKUS_REDIS_HOSTS".equals(variable) && "sentinel".equals(env.get(REDIS_CLIENT_TYPE))) {
                    // the client then connects to the master the sentinels name, on Redis' port
                    requireEgress(spec.getEgress(), "TCP", 6379, namespaceOf(uri.getHost()), "the Sentinel's master");
                }
            }
        }
        requireEgress(spec.getEgress(), "UDP", 53, null, "DNS");
        requireEgress(spec.getEgress(), "TCP", 53, null, "DNS");
        return this;
    }

    private void requireEgress(List<NetworkPolicyEgressRule> rules, String protocol, int port, String namespace,
            String what) {
        boolean allowed = rules.stream().anyMatch(rule -> rule.getPorts().stream().anyMatch(p ->
                Objects.equals(Optional.ofNullable(p.getProtocol()).orElse("TCP"), protocol)
                        && p.getPort() != null && Objects.equals(p.getPort().getIntVal(), port))
                && (namespace == null || rule.getTo().stream().anyMatch(peer -> inNamespace(peer, namespace))));
        if (!allowed) {
            problems.add("the NetworkPolicy lets no " + protocol + " " + port + " out"
                    + (namespace == null ? "" : " to namespace " + namespace) + " (" + what + ")");
        }
    }

    private static boolean inNamespace(NetworkPolicyPeer peer, String namespace) {
        return peer.getNamespaceSelector() != null
                && namespace.equals(peer.getNamespaceSelector().getMatchLabels().get(KUBERNETES_NAME));
    }

    /**
     * {@code service.namespace.svc[.cluster.local]} (or {@code pod.service.namespace.svc...}, a pod
     * of a headless Service) names its namespace; other hosts do not.
     */
    static String namespaceOf(String host) {
        List<String> labels = List.of(host.split("\\."));
        int svc = labels.indexOf("svc");
        return svc == 2 || svc == 3 ? labels.get(svc - 1) : null;
    }

    /** The values the container's ConfigMaps and literal env give, by name. */
    Map<String, String> environmentValues() {
        Map<String, String> env = new HashMap<>();
        container().getEnvFrom().stream().filter(source -> source.getConfigMapRef() != null)
                .forEach(source -> env.putAll(configMap(source.getConfigMapRef().getName()).getData()));
        container().getEnv().stream().filter(var -> var.getValue() != null)
                .forEach(var -> env.put(var.getName(), var.getValue()));
        return env;
    }

    /** The URL's port, else Redis' or PostgreSQL's by its scheme. */
    static int portOf(URI url) {
        return url.getPort() > 0 ? url.getPort() : url.getScheme().startsWith("redis") ? 6379 : 5432;
    }

    /** A comma-separated list of URLs; {@code jdbc:} is dropped. */
    static List<URI> urls(String value) {
        return Stream.of(value.split(",")).map(url -> URI.create(url.trim().replaceFirst("^jdbc:", ""))).toList();
    }

    /** The StatefulSets, Services, PDBs and CloudNativePG Clusters of the data stores the set holds. */
    ManifestChecks checkDataStores() {
        problems.addAll(new DataStores(resources).problems(container(), deployment().getMetadata().getNamespace(),
                environmentValues(), externalResources));
        return this;
    }

    private void requireHttpPort(IntOrString port, String what) {
        ContainerPort http = container().getPorts().get(0);
        boolean matches = port != null && ("http".equals(port.getStrVal())
                || Objects.equals(port.getIntVal(), http.getContainerPort()));
        if (!matches) {
            problems.add(what + " must use the HTTP port (http/" + http.getContainerPort() + "), uses " + port);
        }
    }

    private void requireSelectsPods(LabelSelector selector, String what, Map<String, String> labels) {
        boolean selects = selector != null && selector.getMatchExpressions().isEmpty()
                && !selector.getMatchLabels().isEmpty()
                && labels.entrySet().containsAll(selector.getMatchLabels().entrySet());
        if (!selects) {
            problems.add(what + " does not select the pods " + labels + ": " + selector);
        }
    }

    private Map<String, String> podLabels() {
        return deployment().getSpec().getTemplate().getMetadata().getLabels();
    }

    private Map<String, String> serviceLabels() {
        return all(Service.class).stream().findFirst().map(s -> s.getMetadata().getLabels()).orElse(Map.of());
    }

    private ConfigMap configMap(String name) {
        return named(ConfigMap.class, name);
    }

    <T extends HasMetadata> T named(Class<T> type, String name) {
        return Stream.concat(resources.stream(), externalResources.stream()).filter(type::isInstance).map(type::cast)
                .filter(r -> name.equals(r.getMetadata().getName())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no " + type.getSimpleName() + " " + name));
    }

    private <T> List<T> all(Class<T> type) {
        return resources.stream().filter(type::isInstance).map(type::cast).toList();
    }
}
