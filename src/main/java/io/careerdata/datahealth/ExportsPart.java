package io.careerdata.datahealth;

import io.careerdata.export.ExportConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GDPR exports: queued, running, failed in the last 24 hours, stuck (active for longer than
 * {@code export.stale-after}), and free space of the export storage. DEGRADED when a job is stuck,
 * when failures reach the daily threshold (a single one, say an export cut by a restart, is
 * reported but does not degrade), or when the storage is nearly full.
 */
@ApplicationScoped
public class ExportsPart implements DataPart {

    // only active and recently failed jobs are read: finished ones are cleaned up after export.expiry
    private static final String COUNTS = """
            SELECT count(*) FILTER (WHERE state = 'pending') AS queued,
                   count(*) FILTER (WHERE state = 'running') AS running,
                   count(*) FILTER (WHERE state = 'failed') AS failed,
                   count(*) FILTER (WHERE state IN ('pending', 'running')
                                    AND created_at < now() - make_interval(secs => $1)) AS stuck
            FROM export_jobs
            WHERE state IN ('pending', 'running') OR (state = 'failed' AND completed_at > now() - interval '24 hours')""";

    @Inject
    Pool pool;

    @Inject
    ExportConfig exports;

    @Inject
    DataHealthConfig config;

    private final OneAtATime<StorageSpace> space = new OneAtATime<>(() -> StorageSpace.of(exports.storageDir()));

    @Override
    public String name() {
        return "exports";
    }

    @Override
    public Uni<PartReport> check() {
        Uni<Row> counts = pool.preparedQuery(COUNTS).execute(Tuple.of((double) exports.staleAfter().toSeconds()))
                .map(rows -> rows.iterator().next());
        return Uni.combine().all().unis(counts, space.get()).with(this::judge);
    }

    private PartReport judge(Row row, StorageSpace storage) {
        long failed = row.getLong("failed");
        long stuck = row.getLong("stuck");
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("queued", row.getLong("queued"));
        facts.put("running", row.getLong("running"));
        facts.put("failedLast24h", failed);
        facts.put("stuck", stuck);
        facts.put("storage", storage.facts());
        List<String> problems = new ArrayList<>();
        if (stuck > 0) {
            problems.add(stuck + " export(s) active for longer than " + exports.staleAfter().toMinutes() + " min");
        }
        if (failed >= config.exportFailuresPerDay()) {
            problems.add(failed + " exports failed in the last 24 h");
        }
        String full = storage.problem("the export storage", config.minFreeShare());
        if (full != null) {
            problems.add(full);
        }
        return problems.isEmpty() ? PartReport.of(PartStatus.UP, failed == 0 ? "no failures in the last 24 h"
                : failed + " failure(s) in the last 24 h, under " + config.exportFailuresPerDay(), facts)
                : PartReport.of(PartStatus.DEGRADED, String.join("; ", problems), facts);
    }
}
