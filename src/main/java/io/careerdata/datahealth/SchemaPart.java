package io.careerdata.datahealth;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;

/**
 * The schema as Flyway sees it: the version applied, migrations this replica ships that are not
 * applied (pending), failed ones, and ones the database has that this replica does not know (a
 * newer replica migrated it: normal during a rolling update). DEGRADED with pending or failed
 * migrations. Flyway works over JDBC: on a worker, one run at a time; it waits for a JDBC
 * connection when running backups and exports hold them all, and is then UNKNOWN ("timed out").
 */
@ApplicationScoped
public class SchemaPart implements DataPart {

    @Inject
    Flyway flyway;

    private final OneAtATime<PartReport> info = new OneAtATime<>(this::read);

    @Override
    public String name() {
        return "schema";
    }

    @Override
    public Uni<PartReport> check() {
        return info.get();
    }

    private PartReport read() {
        MigrationInfoService service = flyway.info();
        MigrationInfo current = service.current();
        List<String> pending = Arrays.stream(service.pending()).map(SchemaPart::label).toList();
        List<String> failed = Arrays.stream(service.all()).filter(m -> m.getState().isFailed())
                .map(SchemaPart::label).toList();
        long future = Arrays.stream(service.all()).filter(m -> !m.getState().isResolved() && m.getState().isApplied()).count();
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("version", current == null || current.getVersion() == null ? null : current.getVersion().getVersion());
        facts.put("description", current == null ? null : current.getDescription());
        facts.put("applied", service.applied().length);
        facts.put("pending", pending);
        facts.put("failed", failed);
        facts.put("unknownToThisReplica", future);
        if (!failed.isEmpty()) {
            return PartReport.of(PartStatus.DEGRADED, "failed migrations: " + String.join(", ", failed), facts);
        }
        if (!pending.isEmpty()) {
            return PartReport.of(PartStatus.DEGRADED, "pending migrations: " + String.join(", ", pending), facts);
        }
        return PartReport.of(PartStatus.UP, "at version " + facts.get("version") + ", nothing pending", facts);
    }

    /** A versioned migration by its version, a repeatable one by its description. */
    private static String label(MigrationInfo migration) {
        return migration.getVersion() == null ? migration.getDescription() : migration.getVersion().getVersion();
    }
}
