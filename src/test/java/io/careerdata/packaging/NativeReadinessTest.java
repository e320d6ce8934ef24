package io.careerdata.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.Indexer;
import org.junit.jupiter.api.Test;

/**
 * What a native image cannot do on its own, checked on the main code: reflection that no one
 * registered, and classes that reflection creates. A new use of a reflective API fails here until
 * it is registered (or shown not to need it) and listed below with the reason.
 */
class NativeReadinessTest {

    private static final Path MAIN = Path.of("src", "main", "java");
    private static final Path CLASSES = Path.of("target", "classes");

    /**
     * Reflective calls and class-path look-ups a native image answers only for what was registered or included
     * ({@code getMethod()} without arguments is an HTTP request's method, not reflection).
     */
    private static final Pattern REFLECTIVE = Pattern.compile("\\.getAnnotation\\(|\\.isAnnotationPresent\\(|"
            + "Class\\.forName\\(|\\.getDeclaredFields?\\(|\\.getDeclaredMethods?\\(|\\.getDeclaredConstructors?\\(|"
            + "\\.getMethods\\(|\\.getMethod\\((?!\\))|\\.newInstance\\(|MethodHandles\\.|ServiceLoader\\.load|"
            + "getResourceAsStream\\(|"
            + "\\.getResource\\(|Proxy\\.newProxyInstance|XMLOutputFactory\\.newFactory|XMLInputFactory\\.newFactory|"
            + "DocumentBuilderFactory\\.newInstance");

    /** Each reflective use of the main code, and why it holds in a native image. */
    private static final Map<String, String> KNOWN = Map.of(
            "common/ServerSettings.java:Class.forName(",
            "asks whether the build classes are present; in the binary they are not, and the answer is meant to be no",
            "common/ServerSettings.java:ServiceLoader.load",
            "finds the embedded servers, which the native build leaves out: the binary finds none and needs real servers",
            "maintenance/DeclaredIndexes.java:getResourceAsStream(",
            "reads db/migration/*.sql, included by quarkus.native.resources.includes (and by the Flyway extension)");

    @Test
    void everyReflectiveUseOfTheMainCodeIsKnownAndRegistered() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String name = MAIN.resolve("io/careerdata").relativize(file).toString().replace('\\', '/');
                for (String line : Files.readAllLines(file)) {
                    if (line.trim().startsWith("*") || line.trim().startsWith("//")) {
                        continue;
                    }
                    Matcher m = REFLECTIVE.matcher(line);
                    while (m.find()) {
                        found.add(name + ":" + m.group().replaceFirst("^\\.", ""));
                    }
                }
            }
        }
        assertThat(found).as("reflective uses; register each and list it in KNOWN with the reason")
                .containsExactlyInAnyOrderElementsOf(KNOWN.keySet());
        assertThat(Files.readString(Path.of("src/main/resources/application.properties")))
                .contains("quarkus.native.resources.includes=db/migration/*.sql");
    }

    @Test
    void everyAttributeConverterIsRegisteredForItsConstructor() throws IOException {
        Index index = indexOfMainClasses();
        DotName converter = DotName.createSimple("jakarta.persistence.AttributeConverter");
        DotName registered = DotName.createSimple("io.quarkus.runtime.annotations.RegisterForReflection");
        List<ClassInfo> concrete = new ArrayList<>();
        for (ClassInfo implementor : index.getAllKnownImplementors(converter)) {
            if (!java.lang.reflect.Modifier.isAbstract(implementor.flags())) {
                concrete.add(implementor);
            }
        }
        assertThat(concrete).extracting(c -> c.name().toString())
                .contains("io.careerdata.common.JsonArrayConverter$Strings",
                        "io.careerdata.roadmap.CareerRoadmap$MilestonesConverter");
        assertThat(concrete).allSatisfy(c -> assertThat(c.declaredAnnotation(registered))
                .as("%s: Hibernate creates converters by reflection", c.name()).isNotNull());
    }

    private static Index indexOfMainClasses() throws IOException {
        Indexer indexer = new Indexer();
        try (Stream<Path> files = Files.walk(CLASSES.resolve("io/careerdata"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    indexer.index(in);
                }
            }
        }
        return indexer.complete();
    }
}
