package io.careerdata.maintenance;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Database gauges, read from PostgreSQL on a schedule (about once a minute) rather than at each
 * scrape: {@code database.table.dead.ratio{table}}, {@code database.table.size.bytes{table}},
 * {@code database.indexes.invalid}, {@code database.slow.queries}. Tags are table names only; a
 * dropped table's gauges are removed at the next refresh. NaN until the first refresh, and slow
 * queries stay NaN while pg_stat_statements is unavailable.
 */
@ApplicationScoped
public class DatabaseGauges {

    private static final Logger LOG = Logger.getLogger(DatabaseGauges.class);

    @Inject
    MeterRegistry registry;

    @Inject
    TableInspector tables;

    @Inject
    IndexInspector indexes;

    @Inject
    SlowQueries slowQueries;

    @Inject
    MaintenanceConfig config;

    private final AtomicReference<Double> invalid = new AtomicReference<>(Double.NaN);
    private final AtomicReference<Double> slow = new AtomicReference<>(Double.NaN);
    private final Map<String, TableGauges> perTable = new ConcurrentHashMap<>();

    private record TableGauges(AtomicReference<Double> deadRatio, AtomicReference<Double> sizeBytes, List<Gauge> meters) {
    }

    void register(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent event) {
        Gauge.builder("database.indexes.invalid", invalid, AtomicReference::get)
                .description("Invalid indexes of the service's schema").register(registry);
        Gauge.builder("database.slow.queries", slow, AtomicReference::get)
                .description("Statements whose mean execution time is over maintenance.slow-query-threshold")
                .register(registry);
    }

    @Scheduled(identity = "database-gauges", every = "${maintenance.metrics-every:60s}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refreshOnSchedule() {
        return refresh().onFailure().invoke(e -> LOG.debugf("Database gauges not refreshed: %s", e.getMessage()))
                .onFailure().recoverWithNull();
    }

    /** Reads every gauge's value from the database now. */
    public Uni<Void> refresh() {
        return tables.tables().invoke(this::update)
                .chain(() -> indexes.invalidCount()).invoke(count -> invalid.set(count.doubleValue()))
                .chain(() -> slowQueries.slowCount(config.slowQueryThreshold().toNanos() / 1e6))
                .invoke(count -> slow.set(count == null ? Double.NaN : count.doubleValue()))
                .replaceWithVoid();
    }

    private void update(List<TableReport> reports) {
        Set<String> seen = new HashSet<>();
        for (TableReport report : reports) {
            seen.add(report.name());
            TableGauges gauges = perTable.computeIfAbsent(report.name(), this::registerTable);
            gauges.deadRatio().set(report.deadRatio());
            gauges.sizeBytes().set((double) report.totalBytes());
        }
        perTable.keySet().removeIf(table -> {
            if (seen.contains(table)) {
                return false;
            }
            perTable.get(table).meters().forEach(registry::remove);
            return true;
        });
    }

    private TableGauges registerTable(String table) {
        AtomicReference<Double> dead = new AtomicReference<>(Double.NaN);
        AtomicReference<Double> size = new AtomicReference<>(Double.NaN);
        List<Gauge> meters = List.of(
                Gauge.builder("database.table.dead.ratio", dead, AtomicReference::get).tag("table", table)
                        .description("Dead tuples of the table, as a fraction of its tuples").register(registry),
                Gauge.builder("database.table.size.bytes", size, AtomicReference::get).tag("table", table)
                        .description("Table, TOAST and index bytes").baseUnit("bytes").register(registry));
        return new TableGauges(dead, size, meters);
    }
}
