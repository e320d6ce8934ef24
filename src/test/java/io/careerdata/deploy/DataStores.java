package io.careerdata.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The data stores a deployable set may hold beside the service (prod-ha: a CloudNativePG Cluster,
 * a Redis StatefulSet with its Services and PDB), and how the service's container is wired to
 * them: every Secret key it reads exists, and every PostgreSQL or Redis URL in the set's own
 * namespace leads to a Service (or a pod of a headless one, or a Service the CloudNativePG
 * operator creates) of the set on that port; the primary's URLs lead to a Cluster's primary and
 * name its database.
 */
final class DataStores {

    private static final List<String> PRIMARY_URLS = List.of("QUARKUS_DATASOURCE_REACTIVE_URL",
            "QUARKUS_DATASOURCE_JDBC_URL");

    private final List<HasMetadata> resources;
    private final List<StatefulSet> statefulSets;
    private final List<PostgresCluster> clusters;

    DataStores(List<HasMetadata> resources) {
        this.resources = resources;
        this.statefulSets = resources.stream().filter(StatefulSet.class::isInstance).map(StatefulSet.class::cast)
                .toList();
        this.clusters = resources.stream().filter(PostgresCluster.class::isInstance)
                .map(PostgresCluster.class::cast).toList();
    }

    /** A StatefulSet or a Cluster, or a Service or PDB that selects the pods of a StatefulSet. */
    boolean isDataStore(HasMetadata resource) {
        if (resource instanceof StatefulSet || resource instanceof PostgresCluster) {
            return true;
        }
        Map<String, String> selector = null;
        if (resource instanceof Service service) {
            selector = service.getSpec().getSelector();
        } else if (resource instanceof PodDisruptionBudget pdb && pdb.getSpec().getSelector() != null) {
            selector = pdb.getSpec().getSelector().getMatchLabels();
        }
        Map<String, String> labels = selector;
        return labels != null && !labels.isEmpty() && statefulSets.stream()
                .anyMatch(set -> podLabels(set).entrySet().containsAll(labels.entrySet()));
    }

    List<String> problems(Container container, String namespace, Map<String, String> env,
            List<HasMetadata> external) {
        List<String> problems = new ArrayList<>();
        for (StatefulSet set : statefulSets) {
            String name = set.getMetadata().getName();
            if (set.getSpec().getSelector() == null || !podLabels(set).entrySet()
                    .containsAll(set.getSpec().getSelector().getMatchLabels().entrySet())) {
                problems.add("StatefulSet " + name + " does not select its pods " + podLabels(set));
            }
            Optional<Service> governing = service(set.getSpec().getServiceName());
            if (governing.isEmpty() || !"None".equals(governing.get().getSpec().getClusterIP())) {
                problems.add("StatefulSet " + name + ": serviceName " + set.getSpec().getServiceName()
                        + " is no headless Service of the set");
            }
        }
        for (EnvVar variable : container.getEnv()) {
            SecretKeySelector ref = variable.getValueFrom() == null ? null : variable.getValueFrom().getSecretKeyRef();
            if (ref != null && !secretHasKey(ref.getName(), ref.getKey(), external)) {
                problems.add(variable.getName() + " reads key " + ref.getKey() + " of Secret " + ref.getName()
                        + ", which neither the set, its example Secret nor a CloudNativePG Cluster provides");
            }
        }
        if (namespace == null) {
            return problems;
        }
        for (String variable : ManifestChecks.URL_VARIABLES) {
            for (URI url : Optional.ofNullable(env.get(variable)).map(ManifestChecks::urls).orElse(List.of())) {
                if (!namespace.equals(ManifestChecks.namespaceOf(url.getHost()))) {
                    continue; // another namespace: not deployed by this set
                }
                String host = url.getHost();
                int port = ManifestChecks.portOf(url);
                if (!served(host, port)) {
                    problems.add(variable + ": nothing of the set serves " + host + ":" + port);
                }
                String service = host.substring(0, host.indexOf('.'));
                for (PostgresCluster cluster : clusters) {
                    String name = cluster.getMetadata().getName();
                    if (!PostgresCluster.SERVICE_SUFFIXES.stream().map(name::concat).toList().contains(service)) {
                        continue;
                    }
                    if (PRIMARY_URLS.contains(variable) && !service.equals(name + PostgresCluster.PRIMARY)) {
                        problems.add(variable + " must lead to the primary " + name + PostgresCluster.PRIMARY
                                + ", leads to " + service);
                    }
                    if (!url.getPath().equals("/" + cluster.database())) {
                        problems.add(variable + " names database " + url.getPath() + ", Cluster " + name
                                + " creates " + cluster.database());
                    }
                }
            }
        }
        return problems;
    }

    /** A Service of the set, a pod of a headless Service's StatefulSet, or a Cluster's Service. */
    private boolean served(String host, int port) {
        String[] labels = host.split("\\.");
        boolean podOfHeadless = labels.length > 3 && "svc".equals(labels[3]);
        String serviceName = podOfHeadless ? labels[1] : labels[0];
        boolean clusterService = !podOfHeadless && port == PostgresCluster.PORT && clusters.stream().anyMatch(cluster ->
                PostgresCluster.SERVICE_SUFFIXES.stream().anyMatch(s -> serviceName.equals(cluster.getMetadata().getName() + s)));
        boolean portOpen = service(serviceName).map(s -> s.getSpec().getPorts().stream().map(ServicePort::getPort)
                .anyMatch(p -> p == port)).orElse(false);
        if (!podOfHeadless) {
            return clusterService || portOpen;
        }
        return portOpen && statefulSets.stream().filter(set -> serviceName.equals(set.getSpec().getServiceName()))
                .anyMatch(set -> IntStream.range(0, Optional.ofNullable(set.getSpec().getReplicas()).orElse(1))
                        .mapToObj(i -> set.getMetadata().getName() + "-" + i).anyMatch(labels[0]::equals));
    }

    private boolean secretHasKey(String name, String key, List<HasMetadata> external) {
        boolean inSecret = Stream.concat(resources.stream(), external.stream()).filter(Secret.class::isInstance)
                .map(Secret.class::cast).filter(secret -> name.equals(secret.getMetadata().getName()))
                .anyMatch(secret -> secret.getStringData().containsKey(key) || secret.getData().containsKey(key));
        boolean ofCluster = clusters.stream().anyMatch(cluster -> cluster.appSecret().equals(name))
                && PostgresCluster.APP_SECRET_KEYS.contains(key);
        return inSecret || ofCluster;
    }

    private Optional<Service> service(String name) {
        return resources.stream().filter(Service.class::isInstance).map(Service.class::cast)
                .filter(service -> Objects.equals(name, service.getMetadata().getName())).findFirst();
    }

    private static Map<String, String> podLabels(StatefulSet set) {
        return set.getSpec().getTemplate().getMetadata().getLabels();
    }
}
