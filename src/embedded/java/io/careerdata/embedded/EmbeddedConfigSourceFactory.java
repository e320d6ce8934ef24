package io.careerdata.embedded;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Supplies the embedded default: when no external PostgreSQL or Redis is configured, starts them
 * on free ports and points the service at them. Active in dev mode, and in the packaged jar when
 * {@code CAREER_EMBEDDED_ENABLED=true}. In dev mode it also supplies a JWT key pair made for this
 * JVM, so the demo tokens printed at start-up verify.
 *
 * <p>Quarkus also asks config source factories while it builds the application; the factory then
 * does nothing, so no server starts during a build and no port is baked into the artifact. Dev
 * mode builds and runs in one JVM, and live reload builds again: the running servers are found
 * again through JVM-wide system properties (class loaders change on reload, statics do not last).
 */
public class EmbeddedConfigSourceFactory implements ConfigSourceFactory {

    static final String SWITCH = "career.embedded.enabled";
    private static final String PG_PORT = "careerdata.embedded.postgres.port";
    private static final String REDIS_PORT = "careerdata.embedded.redis.port";
    private static final String DEV_PUBLIC_KEY = "careerdata.dev.jwt.public-key";
    private static final String DEV_PRIVATE_KEY = "careerdata.dev.jwt.private-key";
    private static final int ORDINAL = 150; // below env (300) and application.properties (250)

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        boolean dev = profiles.contains("dev");
        boolean test = profiles.contains("test");
        boolean switchedOn = "true".equalsIgnoreCase(value(context, SWITCH));
        if (test || (!dev && !switchedOn)) {
            if (!dev && !test && !buildingTheApplication()) {
                requireExternalServers(context);
            }
            return List.of();
        }
        if (!dev && buildingTheApplication()) {
            return List.of();
        }
        Map<String, String> props = new HashMap<>();
        if (value(context, "quarkus.datasource.reactive.url") == null
                && value(context, "quarkus.datasource.jdbc.url") == null) {
            int port = startOrReusePostgres();
            props.put("quarkus.datasource.reactive.url", EmbeddedServers.reactiveUrl(port));
            props.put("quarkus.datasource.jdbc.url", EmbeddedServers.jdbcUrl(port));
            props.put("quarkus.datasource.username", EmbeddedServers.USER);
            props.put("quarkus.datasource.password", "");
        }
        if (value(context, "quarkus.redis.hosts") == null) {
            props.put("quarkus.redis.hosts", EmbeddedServers.redisUrl(startOrReuseRedis()));
        }
        if (dev && value(context, "mp.jwt.verify.publickey") == null
                && value(context, "mp.jwt.verify.publickey.location") == null) {
            devKeys(props);
        }
        return List.of(new PropertiesConfigSource(props, "embedded-servers", ORDINAL));
    }

    private static void requireExternalServers(ConfigSourceContext context) {
        boolean database = value(context, "quarkus.datasource.reactive.url") != null;
        boolean redis = value(context, "quarkus.redis.hosts") != null;
        if (!database || !redis) {
            throw new IllegalStateException("No " + (database ? "Redis" : "PostgreSQL")
                    + " is configured. Set QUARKUS_DATASOURCE_REACTIVE_URL, QUARKUS_DATASOURCE_JDBC_URL"
                    + " (with QUARKUS_DATASOURCE_USERNAME/PASSWORD) and QUARKUS_REDIS_HOSTS,"
                    + " or set CAREER_EMBEDDED_ENABLED=true to run on embedded servers (demo only).");
        }
    }

    private static synchronized int startOrReusePostgres() {
        Integer running = runningPort(PG_PORT);
        if (running != null) {
            return running;
        }
        var postgres = EmbeddedServers.startPostgres(0, null); // stopped by its own shutdown hook
        System.setProperty(PG_PORT, String.valueOf(postgres.getPort()));
        return postgres.getPort();
    }

    private static synchronized int startOrReuseRedis() {
        Integer running = runningPort(REDIS_PORT);
        if (running != null) {
            return running;
        }
        var redis = EmbeddedServers.startRedis(0); // stopped by its own shutdown hook
        int port = redis.ports().get(0);
        System.setProperty(REDIS_PORT, String.valueOf(port));
        return port;
    }

    private static Integer runningPort(String property) {
        String port = System.getProperty(property);
        if (port != null && EmbeddedServers.listening(Integer.parseInt(port))) {
            return Integer.parseInt(port);
        }
        return null;
    }

    private static synchronized void devKeys(Map<String, String> props) {
        if (System.getProperty(DEV_PUBLIC_KEY) == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                System.setProperty(DEV_PUBLIC_KEY, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
                System.setProperty(DEV_PRIVATE_KEY, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        props.put("mp.jwt.verify.publickey", System.getProperty(DEV_PUBLIC_KEY));
        props.put("smallrye.jwt.sign.key", System.getProperty(DEV_PRIVATE_KEY));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** The Quarkus build classes are on the class path only while the application is built (or in dev and test). */
    private static boolean buildingTheApplication() {
        try {
            Class.forName("io.quarkus.deployment.QuarkusAugmentor", false,
                    Thread.currentThread().getContextClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? null : value.getValue();
    }
}
