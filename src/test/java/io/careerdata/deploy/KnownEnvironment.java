package io.careerdata.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.ConfigMappings;
import io.smallrye.config.ConfigMappings.ConfigClass;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The environment variables the running application reads. A name counts when it is the
 * environment form (SmallRye's rule: every character but letters and digits becomes {@code _},
 * upper case) of a property that some reader of the application's configuration asks for:
 * <ul>
 * <li>a run-time property of a Quarkus extension on the class path, from the configuration model
 * each extension ships ({@code META-INF/quarkus-config-doc/quarkus-config-model.json}, the source
 * of the Quarkus configuration reference); build-time properties do not count, since an
 * environment variable cannot change them in a built image;</li>
 * <li>a property of one of the service's {@code @ConfigMapping} interfaces;</li>
 * <li>a {@code @ConfigProperty} injection point of a bean of the running application (libraries
 * included: smallrye-jwt reads {@code mp.jwt.verify.*} this way);</li>
 * <li>a key of application.properties (its profile prefix removed), or a name that its values
 * expand ({@code ${DB_POOL_MAX_SIZE:20}}).</li>
 * </ul>
 * A name that is the environment form of a Quarkus build-time property never counts, even when
 * application.properties sets that property: a variable cannot change it in a built image. A map
 * key in a property ({@code quarkus.log.category."name".level}) matches any key, quoted
 * ({@code QUARKUS_LOG_CATEGORY__IO_CAREERDATA__LEVEL}) or, for a one-word key, not
 * ({@code QUARKUS_DATASOURCE_REPLICA_JDBC_URL}). Names that
 * a container image's start script reads instead of the application are listed in
 * {@link #JVM_IMAGE_VARIABLES} and count only for the JVM image.
 */
final class KnownEnvironment {

    /** Read by run-java.sh, the entry point of Dockerfile.jvm's base image. */
    static final Set<String> JVM_IMAGE_VARIABLES = Set.of("JAVA_MAX_MEM_RATIO");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]+)[:}]");

    private final List<Pattern> names;
    private final List<Pattern> buildTime;

    private KnownEnvironment(List<Pattern> names, List<Pattern> buildTime) {
        this.names = names;
        this.buildTime = buildTime;
    }

    /** Reads the running application; call it from a {@code @QuarkusTest}. */
    static KnownEnvironment ofRunningApplication(Path applicationProperties, Path classes) {
        List<Pattern> names = new ArrayList<>();
        List<Pattern> buildTime = new ArrayList<>();
        quarkusProperties(names, buildTime);
        mappingProperties(classes, names);
        injectedProperties(names);
        applicationProperties(applicationProperties, names);
        return new KnownEnvironment(names, buildTime);
    }

    boolean isRead(String variable, boolean jvmImage) {
        if (jvmImage && JVM_IMAGE_VARIABLES.contains(variable)) {
            return true;
        }
        return names.stream().anyMatch(name -> name.matcher(variable).matches())
                && buildTime.stream().noneMatch(name -> name.matcher(variable).matches());
    }

    /** The environment form of a property name; {@code *} and quoted map keys match any key. */
    static Pattern envPattern(String property) {
        StringBuilder regex = new StringBuilder();
        boolean quoted = false;
        for (char c : property.toCharArray()) {
            if (c == '"') {
                if (!quoted) {
                    // "key" becomes _KEY_; SmallRye also matches a one-word key without the
                    // quotes' underscores (QUARKUS_DATASOURCE_REPLICA_REACTIVE_URL), as for the
                    // map keys of a @ConfigMapping (EnvConfigSource.matchEnvWithProperties)
                    regex.append("(?:_[A-Z0-9_]+_|[A-Z0-9]+)");
                }
                quoted = !quoted;
            } else if (quoted) {
                continue;
            } else if (c == '*') {
                regex.append("[A-Z0-9_]+");
            } else if (Character.isLetterOrDigit(c)) {
                regex.append(Character.toUpperCase(c));
            } else {
                regex.append('_');
            }
        }
        return Pattern.compile(regex.toString());
    }

    private static void quarkusProperties(List<Pattern> runTime, List<Pattern> buildTime) {
        ObjectMapper json = new ObjectMapper();
        try {
            for (URL model : Collections.list(Thread.currentThread().getContextClassLoader()
                    .getResources("META-INF/quarkus-config-doc/quarkus-config-model.json"))) {
                try (InputStream in = model.openStream()) {
                    for (JsonNode root : json.readTree(in).path("configRoots")) {
                        collect(root.path("items"), runTime, buildTime);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (runTime.isEmpty()) {
            throw new IllegalStateException("no Quarkus configuration model on the class path");
        }
    }

    private static void collect(JsonNode items, List<Pattern> runTime, List<Pattern> buildTime) {
        for (JsonNode item : items) {
            collect(item.path("items"), runTime, buildTime);
            if (!item.has("phase")) {
                continue;
            }
            List<Pattern> names = "RUN_TIME".equals(item.path("phase").asText()) ? runTime : buildTime;
            names.add(envPattern(item.path("path").path("property").asText()));
            for (JsonNode other : item.path("additionalPaths")) {
                names.add(envPattern(other.path("property").asText()));
            }
        }
    }

    private static void mappingProperties(Path classes, List<Pattern> names) {
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, Thread.currentThread().getContextClassLoader());
                if (type.isAnnotationPresent(ConfigMapping.class)) {
                    ConfigMappings.getProperties(ConfigClass.configClass(type)).keySet()
                            .forEach(property -> names.add(envPattern(property)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void injectedProperties(List<Pattern> names) {
        for (Bean<?> bean : Arc.container().beanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
            for (Class<?> type = bean.getBeanClass(); type != null && type != Object.class;
                    type = type.getSuperclass()) {
                List<AnnotatedElement> points = new ArrayList<>(List.of(type.getDeclaredFields()));
                for (Executable executable : Stream.concat(Stream.of(type.getDeclaredConstructors()),
                        Stream.of(type.getDeclaredMethods())).toList()) {
                    points.addAll(List.<Parameter>of(executable.getParameters()));
                }
                for (AnnotatedElement point : points) {
                    ConfigProperty property = point.getAnnotation(ConfigProperty.class);
                    if (property != null && !property.name().isEmpty()) {
                        names.add(envPattern(property.name()));
                    }
                }
            }
        }
    }

    private static void applicationProperties(Path file, List<Pattern> names) {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String key : properties.stringPropertyNames()) {
            names.add(envPattern(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key));
            Matcher placeholder = PLACEHOLDER.matcher(properties.getProperty(key));
            while (placeholder.find()) {
                names.add(envPattern(placeholder.group(1)));
            }
        }
    }
}
