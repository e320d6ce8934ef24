package io.careerdata.maintenance;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs EXPLAIN of a catalogue statement on a connection of its own, inside a READ ONLY transaction
 * with a statement timeout, and always rolls it back: with ANALYZE the statement really runs, and
 * neither a write nor a runaway query may come of it.
 */
@ApplicationScoped
public class ExplainRunner {

    @Inject
    Pool pool;

    @Inject
    MaintenanceConfig config;

    @Inject
    ObjectMapper mapper;

    /** The plan and what an operator looks at first. */
    @RegisterForReflection
    public record Explained(String name, String description, boolean analyzed, Summary summary, JsonNode plan) {
    }

    /**
     * @param totalTimeMs execution time, when analyzed
     * @param indexesUsed the indexes any node of the plan scans
     */
    @RegisterForReflection
    public record Summary(Double totalTimeMs, Double planningTimeMs, boolean indexUsed, List<String> indexesUsed,
            String topNode, double estimatedRows, Double actualRows) {
    }

    Uni<Explained> explain(ExplainCatalogue.Entry entry, boolean analyze, boolean buffers) {
        String sql = "EXPLAIN (FORMAT JSON, ANALYZE " + analyze + ", BUFFERS " + buffers + ") " + entry.sql();
        long timeoutMs = config.explainTimeout().toMillis();
        return pool.withConnection(connection -> connection.query("BEGIN READ ONLY").execute()
                .chain(() -> connection.query("SET LOCAL statement_timeout = " + timeoutMs).execute())
                .chain(() -> connection.preparedQuery(sql).execute(entry.parameters()))
                .map(rows -> rows.iterator().next().getValue(0))
                .onTermination().call(() -> rollback(connection)))
                .map(value -> explained(entry, analyze, parse(value)));
    }

    private static Uni<Void> rollback(SqlConnection connection) {
        // a broken connection ends its transaction anyway; the pool drops it
        return connection.query("ROLLBACK").execute().replaceWithVoid().onFailure().recoverWithNull();
    }

    private JsonNode parse(Object value) {
        try {
            return mapper.readTree(value instanceof String text ? text : io.vertx.core.json.Json.encode(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("EXPLAIN did not answer JSON", e);
        }
    }

    private static Explained explained(ExplainCatalogue.Entry entry, boolean analyzed, JsonNode plan) {
        JsonNode root = plan.path(0);
        JsonNode top = root.path("Plan");
        List<String> indexes = new ArrayList<>();
        collectIndexes(top, indexes);
        Summary summary = new Summary(number(root, "Execution Time"), number(root, "Planning Time"), !indexes.isEmpty(),
                indexes, top.path("Node Type").asText(null), top.path("Plan Rows").asDouble(),
                number(top, "Actual Rows"));
        return new Explained(entry.name(), entry.description(), analyzed, summary, plan);
    }

    private static void collectIndexes(JsonNode node, List<String> into) {
        String index = node.path("Index Name").asText(null);
        if (index != null && !into.contains(index)) {
            into.add(index);
        }
        node.path("Plans").forEach(child -> collectIndexes(child, into));
    }

    private static Double number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isNumber() ? null : value.asDouble();
    }
}
