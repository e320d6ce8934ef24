package io.careerdata.maintenance;

import io.careerdata.common.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Checks every name a request brings against a catalogue (declared indexes, the schema's tables,
 * the EXPLAIN catalogue) before it reaches SQL, and builds the maintenance statements from the
 * catalogue's own spelling.
 */
@ApplicationScoped
public class MaintenanceService {

    @Inject
    DeclaredIndexes declared;

    @Inject
    IndexInspector indexes;

    @Inject
    TableInspector tables;

    @Inject
    MaintenanceJobs jobs;

    @Inject
    ExplainRunner explainer;

    /**
     * Rebuilds a declared index: REINDEX CONCURRENTLY when the database has it (invalid, or valid and
     * bloated), the migration's CREATE INDEX with CONCURRENTLY when it is missing.
     */
    public Uni<MaintenanceJob> rebuild(String name, String actor) {
        DeclaredIndex index = declared.find(name)
                .orElseThrow(() -> ProblemException.notFound("Declared index " + name));
        return indexes.find(index.name()).map(present -> {
            String statement = present == null ? index.concurrentStatement()
                    : "REINDEX INDEX CONCURRENTLY " + quote(index.name());
            String kind = present == null ? "create-index" : "reindex";
            return jobs.start(kind, index.name(), actor, statement,
                    connection -> connection.query(statement).execute()
                            .map(ignored -> Map.<String, Object>of("index", index.name(), "action", kind)));
        });
    }

    /** VACUUM (ANALYZE), or ANALYZE only, of one table of the schema or of all of them. */
    public Uni<MaintenanceJob> vacuum(String table, boolean analyzeOnly, String actor) {
        return tables.names().map(names -> {
            List<String> targets = table == null ? names : names.stream().filter(table::equals).toList();
            if (targets.isEmpty()) {
                throw ProblemException.notFound("Table " + table);
            }
            String statement = (analyzeOnly ? "ANALYZE " : "VACUUM (ANALYZE) ")
                    + targets.stream().map(MaintenanceService::quote).collect(Collectors.joining(", "));
            return jobs.start(analyzeOnly ? "analyze" : "vacuum", table == null ? "*" : table, actor, statement,
                    connection -> connection.query(statement).execute()
                            .map(ignored -> Map.<String, Object>of("tables", targets.size())));
        });
    }

    public MaintenanceJob job(UUID id) {
        return jobs.find(id).orElseThrow(() -> ProblemException.notFound("Job " + id));
    }

    public Uni<ExplainRunner.Explained> explain(String name, boolean analyze, boolean buffers) {
        ExplainCatalogue.Entry entry = ExplainCatalogue.find(name)
                .orElseThrow(() -> ProblemException.notFound("Catalogue query " + name));
        return explainer.explain(entry, analyze, buffers);
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
