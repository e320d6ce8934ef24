package io.careerdata.common;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Where PostgreSQL and Redis are, decided before anything connects (config source factories run
 * first of all at start-up):
 * <ul>
 * <li>dev mode, and the packaged jar with {@code CAREER_EMBEDDED_ENABLED=true}: embedded servers,
 * when the build has them ({@link Embedded}, left out of native builds), for what the
 * environment does not set;</li>
 * <li>production otherwise (the jar or the native binary): the environment must name both, or
 * start-up stops with a message naming the variables;</li>
 * <li>tests: the test resource supplies them; the build, which asks the factories too: nothing.</li>
 * </ul>
 */
public class ServerSettings implements ConfigSourceFactory {

    /** Starts embedded servers and answers the settings that point at them; found with {@link ServiceLoader}. */
    public interface Embedded {

        Map<String, String> settings(ConfigSourceContext context, boolean devMode);
    }

    public static final String EMBEDDED_SWITCH = "career.embedded.enabled";
    private static final int ORDINAL = 150; // below env (300) and application.properties (250)

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        boolean dev = profiles.contains("dev");
        // dev mode builds and runs in one JVM; any other build must not start servers or bake in ports
        if (profiles.contains("test") || (!dev && buildingTheApplication())) {
            return List.of();
        }
        if (dev || "true".equalsIgnoreCase(value(context, EMBEDDED_SWITCH))) {
            Optional<Embedded> embedded = ServiceLoader.load(Embedded.class).findFirst();
            if (embedded.isPresent()) {
                return List.of(new PropertiesConfigSource(embedded.get().settings(context, dev), "embedded-servers", ORDINAL));
            }
        }
        require(value(context, "quarkus.datasource.reactive.url") != null, value(context, "quarkus.redis.hosts") != null);
        return List.of();
    }

    private static void require(boolean database, boolean redis) {
        if (!database || !redis) {
            throw new IllegalStateException("No " + (database ? "Redis" : "PostgreSQL")
                    + " is configured. Set QUARKUS_DATASOURCE_REACTIVE_URL, QUARKUS_DATASOURCE_JDBC_URL"
                    + " (with QUARKUS_DATASOURCE_USERNAME/PASSWORD) and QUARKUS_REDIS_HOSTS,"
                    + " or set CAREER_EMBEDDED_ENABLED=true to run on embedded servers (demo, JVM builds only).");
        }
    }

    /** The Quarkus build classes are on the class path only while the application is built (or in dev and test). */
    private static boolean buildingTheApplication() {
        try {
            Class.forName("io.quarkus.deployment.QuarkusAugmentor", false, Thread.currentThread().getContextClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /** A setting as the factories see it; null when unset or blank. */
    public static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? null : value.getValue();
    }
}
