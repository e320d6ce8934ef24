package io.careerdata.maintenance;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.jboss.logging.Logger;

/**
 * The indexes the migrations declare, read once at start-up from the migration scripts themselves:
 * the database can lose an index (dropped by hand, a failed concurrent build), the scripts cannot.
 * Flyway names the scripts, so this works the same from a directory, a jar or a native image.
 */
@ApplicationScoped
public class DeclaredIndexes {

    private static final Logger LOG = Logger.getLogger(DeclaredIndexes.class);
    static final String LOCATION = "db/migration/";

    @Inject
    Flyway flyway;

    private volatile Map<String, DeclaredIndex> declared = Map.of();

    void onStart(@Observes StartupEvent event) {
        Map<String, DeclaredIndex> found = new LinkedHashMap<>();
        for (MigrationInfo migration : flyway.info().all()) {
            String script = migration.getScript();
            if (script == null || !script.endsWith(".sql")) {
                continue;
            }
            read(script).ifPresent(sql -> MigrationIndexParser.apply(sql, found));
        }
        declared = Collections.unmodifiableMap(found);
        LOG.debugf("%d indexes declared by the migrations", found.size());
    }

    /** Declared indexes by name, in the order the migrations create them. */
    public Map<String, DeclaredIndex> all() {
        return declared;
    }

    public Optional<DeclaredIndex> find(String name) {
        return Optional.ofNullable(declared.get(name));
    }

    private static Optional<String> read(String script) {
        String name = script.substring(script.lastIndexOf('/') + 1);
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(LOCATION + name)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("could not read migration " + name, e);
        }
    }
}
