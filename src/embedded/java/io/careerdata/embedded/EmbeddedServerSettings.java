package io.careerdata.embedded;

import static io.careerdata.common.ServerSettings.value;

import io.careerdata.common.ServerSettings;
import io.smallrye.config.ConfigSourceContext;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The embedded default that {@link ServerSettings} asks for in dev mode and in the packaged jar
 * with {@code CAREER_EMBEDDED_ENABLED=true}: where no external PostgreSQL or Redis is configured,
 * starts them on free ports and points the service at them. In dev mode it also supplies a JWT key
 * pair made for this JVM, so the demo tokens printed at start-up verify.
 *
 * <p>Dev mode builds and runs in one JVM, and live reload builds again: the running servers are
 * found again through JVM-wide system properties (class loaders change on reload, statics do not last).
 */
public class EmbeddedServerSettings implements ServerSettings.Embedded {

    private static final String PG_PORT = "careerdata.embedded.postgres.port";
    private static final String REDIS_PORT = "careerdata.embedded.redis.port";
    private static final String DEV_PUBLIC_KEY = "careerdata.dev.jwt.public-key";
    private static final String DEV_PRIVATE_KEY = "careerdata.dev.jwt.private-key";

    @Override
    public Map<String, String> settings(ConfigSourceContext context, boolean dev) {
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
        return props;
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
}
