package io.careerdata.datahealth;

import io.careerdata.backup.BackupConfig;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.scheduler.Trigger;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Backups: the newest successful backup, passing verification and passing drill (a dry-run
 * restore counts as one), from the job history that every replica shares; the next scheduled
 * runs; free space of the backup storage. DEGRADED when one of them is missing or too old, or the
 * storage is nearly full. A schedule that is off is not a fault in itself (backups may be started
 * from outside through the API); their age is what counts.
 */
@ApplicationScoped
public class BackupsPart implements DataPart {

    private static final String NEWEST = "SELECT CASE WHEN kind = 'dry-run' THEN 'drill' ELSE kind END AS what,"
            + " max(finished_at) AS at FROM backup_jobs WHERE state = 'succeeded'"
            + " AND kind IN ('backup', 'verify', 'drill', 'dry-run') GROUP BY 1";
    private static final List<String> SCHEDULES = List.of("backup-daily", "backup-weekly", "backup-monthly",
            "backup-verify", "backup-drill");

    @Inject
    Pool pool;

    @Inject
    Scheduler scheduler;

    @Inject
    BackupConfig backups;

    @Inject
    DataHealthConfig config;

    private final OneAtATime<StorageSpace> space = new OneAtATime<>(() -> StorageSpace.of(Path.of(backups.directory())));

    @Override
    public String name() {
        return "backups";
    }

    @Override
    public Uni<PartReport> check() {
        Uni<Map<String, Instant>> newest = pool.query(NEWEST).execute().map(rows -> {
            Map<String, Instant> at = new HashMap<>();
            for (Row row : rows) {
                at.put(row.getString("what"), row.getOffsetDateTime("at").toInstant());
            }
            return at;
        });
        return Uni.combine().all().unis(newest, space.get()).with(this::judge);
    }

    private PartReport judge(Map<String, Instant> newest, StorageSpace storage) {
        Instant now = Instant.now();
        List<String> problems = new ArrayList<>();
        Map<String, Object> facts = new LinkedHashMap<>();
        age("backup", "successful backup", newest.get("backup"), config.backupMaxAge(), now, facts, problems);
        age("verification", "passing verification", newest.get("verify"), config.verificationMaxAge(), now, facts, problems);
        age("drill", "passing restore drill", newest.get("drill"), config.drillMaxAge(), now, facts, problems);
        Map<String, Object> next = new LinkedHashMap<>();
        for (String identity : SCHEDULES) {
            Trigger trigger = scheduler.getScheduledJob(identity);
            next.put(identity.substring("backup-".length()),
                    trigger == null || trigger.getNextFireTime() == null ? "off" : trigger.getNextFireTime().toString());
        }
        facts.put("nextScheduledRuns", next);
        facts.put("storage", storage.facts());
        String full = storage.problem("the backup storage", config.minFreeShare());
        if (full != null) {
            problems.add(full);
        }
        return problems.isEmpty() ? PartReport.of(PartStatus.UP, "recent backup, verification and drill", facts)
                : PartReport.of(PartStatus.DEGRADED, String.join("; ", problems), facts);
    }

    private static void age(String key, String what, Instant at, Duration max, Instant now, Map<String, Object> facts,
            List<String> problems) {
        facts.put(key + "At", at == null ? null : at.toString());
        Long seconds = at == null ? null : Duration.between(at, now).toSeconds();
        facts.put(key + "AgeSeconds", seconds);
        if (at == null) {
            problems.add("no " + what + " in the job history");
        } else if (seconds > max.toSeconds()) {
            problems.add("the newest " + what + " is " + Duration.ofSeconds(seconds).toHours() + " h old, over "
                    + max.toHours() + " h");
        }
    }
}
