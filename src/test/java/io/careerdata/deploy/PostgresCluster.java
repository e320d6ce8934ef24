package io.careerdata.deploy;

import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.List;
import java.util.Map;

/**
 * A CloudNativePG {@code Cluster} (postgresql.cnpg.io/v1), as far as the manifests use it: fields
 * the model lacks fail the strict parse like a misspelt one, so a field is added here when a
 * manifest needs it (names and types from CloudNativePG's API reference). fabric8 has no model
 * for it.
 */
@JsonDeserialize(using = JsonDeserializer.None.class) // a bean, not fabric8's registry of kinds
final class PostgresCluster implements HasMetadata {

    static final String API_VERSION = "postgresql.cnpg.io/v1";
    static final String KIND = "Cluster";
    /** Keys of the Secret {@code <cluster>-app} the operator creates for the owner of the database. */
    static final List<String> APP_SECRET_KEYS = List.of("username", "password", "host", "port", "dbname", "uri",
            "jdbc-uri", "pgpass", "fqdn-uri", "fqdn-jdbc-uri");
    /** The Services the operator creates, by suffix: the primary, the standbys, any instance. */
    static final String PRIMARY = "-rw";
    static final List<String> SERVICE_SUFFIXES = List.of(PRIMARY, "-ro", "-r");
    static final int PORT = 5432;

    record Spec(Integer instances, String imageName, String primaryUpdateStrategy, Bootstrap bootstrap,
            Postgresql postgresql, Storage storage, Affinity affinity, ResourceRequirements resources,
            Monitoring monitoring) {
    }

    record Bootstrap(Initdb initdb) {
    }

    record Initdb(String database, String owner, SecretName secret) {
    }

    record SecretName(String name) {
    }

    record Postgresql(Map<String, String> parameters) {
    }

    record Storage(Quantity size, String storageClass) {
    }

    record Affinity(Boolean enablePodAntiAffinity, String topologyKey, String podAntiAffinityType) {
    }

    record Monitoring(Boolean enablePodMonitor) {
    }

    private String apiVersion;
    private String kind;
    private ObjectMeta metadata;
    private Spec spec;

    @Override
    public String getApiVersion() {
        return apiVersion;
    }

    @Override
    public void setApiVersion(String apiVersion) {
        this.apiVersion = apiVersion;
    }

    @Override
    public String getKind() {
        return kind;
    }

    public void setKind(String kind) {
        this.kind = kind;
    }

    @Override
    public ObjectMeta getMetadata() {
        return metadata;
    }

    @Override
    public void setMetadata(ObjectMeta metadata) {
        this.metadata = metadata;
    }

    public Spec getSpec() {
        return spec;
    }

    public void setSpec(Spec spec) {
        this.spec = spec;
    }

    /** The Secret with the owner's credentials. */
    String appSecret() {
        return metadata.getName() + "-app";
    }

    /** The database initdb creates ({@code app} when it names none). */
    String database() {
        return spec.bootstrap() == null || spec.bootstrap().initdb() == null
                || spec.bootstrap().initdb().database() == null ? "app" : spec.bootstrap().initdb().database();
    }
}
