package io.careerdata.maintenance;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/** What {@code GET /indexes} answers: the schema's indexes and what looks wrong with them. */
@RegisterForReflection
public record IndexReport(Instant statsSince, List<Index> indexes, List<Missing> missing, List<Redundant> redundant,
        List<UnindexedForeignKey> unindexedForeignKeys, int invalidCount) {

    /**
     * One index as the database has it.
     *
     * @param unused no scan since the statistics were reset (unique and primary keys never count as unused)
     * @param declared whether a migration creates it
     */
    @RegisterForReflection
    public record Index(String name, String table, boolean valid, boolean unique, boolean primary, String method,
            List<String> columns, String predicate, long sizeBytes, long scans, boolean unused, boolean declared,
            String definition) {
    }

    /** A declared index that the database does not have. */
    @RegisterForReflection
    public record Missing(String name, String table, String statement) {
    }

    /** {@code index} is covered by {@code coveredBy}: same table, method and predicate, its columns a leading prefix. */
    @RegisterForReflection
    public record Redundant(String index, String coveredBy, String table, long sizeBytes) {
    }

    /** A foreign key whose referencing columns lead no index: deletes of the referenced rows scan the table. */
    @RegisterForReflection
    public record UnindexedForeignKey(String constraint, String table, List<String> columns, String referencedTable) {
    }
}
