package io.careerdata.backup;

import io.careerdata.backup.BackupMetrics.Operation;
import io.careerdata.backup.BackupMetrics.Stage;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** The scheduled restore drill: the newest chain restored into temporary tables and compared with its manifest. */
@ApplicationScoped
public class RestoreDrill {

    @Inject
    Rehearsal rehearsal;

    @Inject
    BackupRepository repository;

    @Inject
    BackupMetrics metrics;

    @RegisterForReflection
    public record DrillResult(String backupId, List<String> chain, boolean ok, int tables, long rows,
            List<String> problems) {
    }

    public DrillResult drill() {
        return metrics.measured(Operation.DRILL, () -> rehearsal.run(() -> repository.all().stream().findFirst()
                .orElseThrow(() -> new BackupFailure(Stage.VERIFICATION, "there is no backup to drill", null)),
                (table, rows) -> {
                }, id -> "drill of " + id + " found: ", (connection, loader, chain) -> {
                    Manifest last = chain.get(chain.size() - 1);
                    return new DrillResult(last.id(), chain.stream().map(Manifest::id).toList(), true,
                            last.tables().size(), last.tables().stream().mapToLong(Manifest.TableEntry::tableRows).sum(),
                            List.of());
                }), r -> 0L, DrillResult::rows);
    }
}
