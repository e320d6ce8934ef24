package io.careerdata.datahealth;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks every part at once, each within its own timeout (past it: UNKNOWN, "timed out"), and
 * decides the overall status:
 * <ul>
 * <li>DOWN when PostgreSQL is DOWN: nothing can be served;</li>
 * <li>DEGRADED when any other part is not UP (Redis down: reads go to PostgreSQL; a part UNKNOWN;
 * old backups, failing exports, pending migrations...);</li>
 * <li>UP when every part is UP.</li>
 * </ul>
 * A PostgreSQL that does not answer in time is UNKNOWN, so DEGRADED: readiness, not this answer,
 * takes a pod out of service.
 */
@ApplicationScoped
public class DataHealthService {

    /** The whole answer: overall status and reason, and each part by name, in a fixed order. */
    @RegisterForReflection
    public record DataHealth(PartStatus status, String reason, Instant checkedAt, long tookMillis,
            Map<String, PartReport> parts) {
    }

    @Inject
    DataHealthConfig config;

    @Inject
    PostgresPart postgres;

    @Inject
    RedisPart redis;

    @Inject
    CachePart cache;

    @Inject
    BackupsPart backups;

    @Inject
    ExportsPart exports;

    @Inject
    SchemaPart schema;

    public Uni<DataHealth> check() {
        long start = System.nanoTime();
        DataHealthConfig.Timeouts t = config.timeout();
        List<DataPart> parts = List.of(postgres, redis, cache, backups, exports, schema);
        List<Duration> timeouts = List.of(t.postgres(), t.redis(), t.cache(), t.backups(), t.exports(), t.schema());
        List<Uni<PartReport>> checks = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            checks.add(bounded(parts.get(i), timeouts.get(i)));
        }
        return Uni.combine().all().unis(checks).with(PartReport.class, reports -> {
            Map<String, PartReport> byName = new LinkedHashMap<>();
            for (int i = 0; i < parts.size(); i++) {
                byName.put(parts.get(i).name(), reports.get(i));
            }
            return overall(byName, (System.nanoTime() - start) / 1_000_000);
        });
    }

    private static Uni<PartReport> bounded(DataPart part, Duration timeout) {
        long start = System.nanoTime();
        return Uni.createFrom().deferred(part::check)
                .ifNoItem().after(timeout).recoverWithItem(() -> PartReport.unknown("timed out after " + timeout.toMillis() + " ms"))
                .onFailure().recoverWithItem(failure -> PartReport.unknown("could not be checked: " + Reasons.of(failure)))
                .map(report -> report.took((System.nanoTime() - start) / 1_000_000));
    }

    static DataHealth overall(Map<String, PartReport> parts, long tookMillis) {
        PartReport database = parts.get("postgres");
        if (database.status() == PartStatus.DOWN) {
            return new DataHealth(PartStatus.DOWN, "postgres is DOWN: " + database.reason(), Instant.now(), tookMillis, parts);
        }
        List<String> notUp = new ArrayList<>();
        parts.forEach((name, report) -> {
            if (report.status() != PartStatus.UP) {
                notUp.add(name + " is " + report.status() + ": " + report.reason());
            }
        });
        return notUp.isEmpty() ? new DataHealth(PartStatus.UP, "every part is UP", Instant.now(), tookMillis, parts)
                : new DataHealth(PartStatus.DEGRADED, String.join("; ", notUp), Instant.now(), tookMillis, parts);
    }
}
