package io.careerdata.backup;

import static io.careerdata.backup.SchemaCatalog.literal;
import static io.careerdata.backup.SchemaCatalog.quote;

import io.careerdata.backup.SchemaCatalog.Table;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The live tables, for a restore: locked, their keys, foreign keys and secondary indexes dropped,
 * emptied, loaded, and built again, all in the restoring transaction. One bulk check after the
 * load is much faster than one per row, as pg_restore also knows. The merge tables keep their rows.
 */
final class LiveTables extends LoadTarget {

    private final Set<String> mergeTables;

    LiveTables(Connection connection, Set<String> mergeTables) throws SQLException {
        super(connection);
        this.mergeTables = Set.copyOf(mergeTables);
    }

    @Override
    String table(String name) {
        return liveTable(name);
    }

    @Override
    Set<String> mergeTables() {
        return mergeTables;
    }

    /**
     * Locks the live tables, keeps the DDL of their keys, foreign keys and secondary indexes, drops
     * them and empties the tables. CHECK and NOT NULL constraints stay and check every row.
     */
    @Override
    Rebuild prepare(List<Manifest> chain) throws SQLException {
        String all = current.keySet().stream().map(this::liveTable).collect(Collectors.joining(", "));
        List<String> replacedTables = current.keySet().stream().filter(t -> !mergeTables.contains(t)).toList();
        String replaced = replacedTables.stream().map(this::liveTable).collect(Collectors.joining(", "));
        List<String> dropKeys = new ArrayList<>();
        List<String> dropForeignKeys = new ArrayList<>();
        List<String> dropIndexes = new ArrayList<>();
        List<String> indexes = new ArrayList<>();
        List<String> foreignKeys = new ArrayList<>();
        try (Statement st = connection.createStatement()) {
            st.execute("SET LOCAL careerdata.restoring = 'on'");
            st.execute("LOCK TABLE " + all + " IN ACCESS EXCLUSIVE MODE");
            String oids = regclasses(replacedTables);
            String allOids = regclasses(List.copyOf(current.keySet()));
            try (ResultSet rs = st.executeQuery("""
                    SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
                    FROM pg_index i
                    WHERE i.indrelid = ANY (%s)
                      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
                    ORDER BY 1""".formatted(oids))) {
                while (rs.next()) {
                    dropIndexes.add("DROP INDEX " + rs.getString(1));
                    indexes.add(rs.getString(2));
                }
            }
            try (ResultSet rs = st.executeQuery("""
                    SELECT conrelid::regclass::text, quote_ident(conname), pg_get_constraintdef(oid), contype
                    FROM pg_constraint
                    WHERE (contype = 'f' AND conrelid = ANY (%s)) OR (contype IN ('p', 'u', 'x') AND conrelid = ANY (%s))
                    ORDER BY 1, 2""".formatted(allOids, oids))) {
                while (rs.next()) {
                    String table = rs.getString(1);
                    String name = rs.getString(2);
                    boolean foreign = "f".equals(rs.getString(4));
                    (foreign ? dropForeignKeys : dropKeys).add("ALTER TABLE " + table + " DROP CONSTRAINT " + name);
                    (foreign ? foreignKeys : indexes).add("ALTER TABLE " + table + " ADD CONSTRAINT " + name + " "
                            + rs.getString(3));
                }
            }
            List<String> drop = new ArrayList<>(dropForeignKeys); // they depend on the keys
            drop.addAll(dropKeys);
            drop.addAll(dropIndexes);
            execute(drop);
            st.execute("TRUNCATE " + replaced);
        }
        return new Rebuild(indexes, foreignKeys);
    }

    private String regclasses(List<String> tables) {
        return tables.stream().map(t -> literal(liveTable(t)) + "::regclass")
                .collect(Collectors.joining(", ", "ARRAY[", "]::regclass[]"));
    }

    /** The tables were emptied in this transaction: COPY may write the rows frozen (not partitioned ones). */
    @Override
    String copyOptions(Table table) {
        return table.partitioned() ? "" : " WITH (FREEZE)";
    }

    @Override
    Map<String, Step> afterLoad() {
        return Map.of("sequences", this::resetSequences);
    }

    /** Identity and serial columns continue after the highest restored value. */
    private void resetSequences() throws SQLException {
        List<String> statements = new ArrayList<>();
        for (Table table : current.values()) {
            table.sequences().forEach((column, sequence) -> statements.add(
                    "SELECT CASE WHEN max(" + quote(column) + ") IS NULL THEN setval(" + literal(sequence)
                            + ", s.seqstart, false) ELSE setval(" + literal(sequence) + ", max(" + quote(column)
                            + "), true) END FROM " + table(table.name()) + ", pg_sequence s WHERE s.seqrelid = "
                            + literal(sequence) + "::regclass GROUP BY s.seqstart"));
        }
        execute(statements);
    }

    /** After a restore a table the backup does not know must be empty (unless it is merged into). */
    @Override
    List<String> strayRows(Manifest last) throws SQLException {
        List<String> problems = new ArrayList<>();
        for (String table : current.keySet()) {
            if (last.table(table) == null && !mergeTables.contains(table) && count(table(table)) != 0) {
                problems.add("table " + table + " is not in the backup but holds rows");
            }
        }
        return problems;
    }
}
