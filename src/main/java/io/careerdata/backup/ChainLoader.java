package io.careerdata.backup;

import static io.careerdata.backup.SchemaCatalog.columnList;
import static io.careerdata.backup.SchemaCatalog.literal;
import static io.careerdata.backup.SchemaCatalog.quote;

import io.careerdata.backup.SchemaCatalog.Table;
import io.careerdata.backup.storage.BackupStorage;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyOut;

/**
 * Loads a chain (a full backup and the incrementals after it, oldest first) inside the caller's
 * open transaction, either over the live tables (a restore) or into temporary copies of them (a
 * rehearsal: dry run or drill). Every check fails with an exception; the caller then rolls back
 * and the database is as it was. Blocking.
 *
 * <p>A restore drops the foreign keys and secondary indexes of the tables, loads them, and builds
 * them again (all in the same transaction): one bulk check is much faster than one per row, as
 * pg_restore also knows.
 */
final class ChainLoader {

    /** Called after each table is loaded: progress reporting, and where tests inject failures. */
    interface Listener {
        void tableLoaded(String table, long rows);
    }

    private final Connection connection;
    private final BackupStorage storage;
    private final BackupFiles files;
    private final boolean live;
    private final Set<String> mergeTables;
    private final String schema;
    private final Map<String, Table> current = new LinkedHashMap<>();
    private final Map<String, Long> phases = new LinkedHashMap<>();

    ChainLoader(Connection connection, BackupStorage storage, BackupFiles files, boolean live, Set<String> mergeTables)
            throws SQLException {
        this.connection = connection;
        this.storage = storage;
        this.files = files;
        this.live = live;
        this.mergeTables = live ? Set.copyOf(mergeTables) : Set.of(); // stand-ins start empty: a plain load
        for (Table table : SchemaCatalog.tables(connection)) {
            current.put(table.name(), table);
        }
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT current_schema()")) {
            rs.next();
            this.schema = rs.getString(1);
        }
    }

    /** Where the rows of a table go: the table itself, or its temporary stand-in. */
    String target(String table) {
        return (live ? quote(schema) : "pg_temp") + "." + quote(table);
    }

    String liveTable(String table) {
        return quote(schema) + "." + quote(table);
    }

    /** Problems that make the chain unfit for this database, whose schema may be newer than the backup's. */
    List<String> incompatibilities(List<Manifest> chain) {
        List<String> problems = new ArrayList<>();
        for (Manifest manifest : chain) {
            for (Manifest.TableEntry entry : manifest.tables()) {
                Table table = current.get(entry.name());
                if (table == null) {
                    problems.add("table " + entry.name() + " of backup " + manifest.id() + " does not exist here");
                } else if (!table.columns().containsAll(entry.columns())) {
                    List<String> missing = new ArrayList<>(entry.columns());
                    missing.removeAll(table.columns());
                    problems.add("table " + entry.name() + " has no column " + String.join(", ", missing));
                } else if (!entry.complete() && !table.primaryKey().equals(entry.primaryKey())) {
                    problems.add("the primary key of table " + entry.name() + " has changed");
                }
            }
        }
        return problems;
    }

    void load(List<Manifest> chain, Listener listener) throws SQLException, IOException {
        List<String> problems = incompatibilities(chain);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join("; ", problems));
        }
        BackupWriter.fixTextFormats(connection);
        Rebuild rebuild = timed("prepare", () -> live ? clearLiveTables() : createStandIns(chain));
        Manifest full = chain.get(0);
        timed("load", () -> {
            for (Manifest.TableEntry entry : full.tables()) {
                Table table = current.get(entry.name());
                String freeze = live && !table.partitioned() ? " WITH (FREEZE)" : "";
                long rows = mergeTables.contains(entry.name()) ? merge(full, entry)
                        : copyIn(full, entry.file(), "COPY " + target(entry.name()) + " ("
                                + columnList(entry.columns()) + ") FROM STDIN" + freeze);
                listener.tableLoaded(entry.name(), rows);
            }
            return null;
        });
        timed("indexes", () -> execute(rebuild.indexes()));
        timed("incrementals", () -> {
            for (Manifest incremental : chain.subList(1, chain.size())) {
                applyIncremental(incremental, listener);
            }
            return null;
        });
        timed("foreignKeys", () -> execute(rebuild.foreignKeys()));
        if (live) {
            timed("sequences", () -> resetSequences());
        }
    }

    /** What a restore dropped and builds again: indexes and keys first, foreign keys last. */
    private record Rebuild(List<String> indexes, List<String> foreignKeys) {
    }

    /**
     * Locks the live tables, keeps the DDL of their keys, foreign keys and secondary indexes, drops
     * them and empties the tables: a bulk build after the load is much faster than row-by-row
     * maintenance, as pg_restore also knows. CHECK and NOT NULL constraints stay and check every row.
     */
    private Rebuild clearLiveTables() throws SQLException {
        String all = current.keySet().stream().map(this::liveTable).collect(Collectors.joining(", "));
        String replaced = current.keySet().stream().filter(t -> !mergeTables.contains(t)).map(this::liveTable)
                .collect(Collectors.joining(", "));
        List<String> dropKeys = new ArrayList<>();
        List<String> dropForeignKeys = new ArrayList<>();
        List<String> dropIndexes = new ArrayList<>();
        List<String> indexes = new ArrayList<>();
        List<String> foreignKeys = new ArrayList<>();
        try (Statement st = connection.createStatement()) {
            st.execute("SET LOCAL careerdata.restoring = 'on'");
            st.execute("LOCK TABLE " + all + " IN ACCESS EXCLUSIVE MODE");
            String oids = regclasses(current.keySet().stream().filter(t -> !mergeTables.contains(t)).toList());
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

    /** Temporary tables shaped like the live ones, gone at the end of the transaction. */
    private Rebuild createStandIns(List<Manifest> chain) throws SQLException {
        List<String> ddl = chain.stream().flatMap(m -> m.tables().stream()).map(Manifest.TableEntry::name).distinct()
                .map(name -> "CREATE TEMP TABLE " + quote(name) + " (LIKE " + liveTable(name)
                        + " INCLUDING DEFAULTS) ON COMMIT DROP")
                .toList();
        execute(ddl);
        return new Rebuild(List.of(), List.of());
    }

    private void applyIncremental(Manifest incremental, Listener listener) throws SQLException, IOException {
        if (incremental.deletions() != null) {
            execute(List.of("CREATE TEMP TABLE IF NOT EXISTS backup_tombstones (table_name text, row_key jsonb)"
                    + " ON COMMIT DROP", "TRUNCATE pg_temp.backup_tombstones"));
            copyIn(incremental, incremental.deletions(), "COPY pg_temp.backup_tombstones FROM STDIN");
            for (Manifest.TableEntry entry : incremental.tables()) {
                if (!entry.complete() && !mergeTables.contains(entry.name())) {
                    deleteTombstoned(entry);
                }
            }
        }
        for (Manifest.TableEntry entry : incremental.tables()) {
            String target = target(entry.name());
            String columns = columnList(entry.columns());
            long rows;
            if (mergeTables.contains(entry.name())) {
                rows = merge(incremental, entry);
            } else if (entry.complete()) {
                execute(List.of("DELETE FROM " + target));
                rows = copyIn(incremental, entry.file(), "COPY " + target + " (" + columns + ") FROM STDIN");
            } else {
                execute(List.of("CREATE TEMP TABLE backup_changes (LIKE " + target + " INCLUDING DEFAULTS) ON COMMIT DROP"));
                rows = copyIn(incremental, entry.file(), "COPY pg_temp.backup_changes (" + columns + ") FROM STDIN");
                execute(List.of(
                        "DELETE FROM " + target + " t USING pg_temp.backup_changes c WHERE " + keyMatch(entry, "t", "c"),
                        "INSERT INTO " + target + " (" + columns + ") OVERRIDING SYSTEM VALUE SELECT " + columns
                                + " FROM pg_temp.backup_changes",
                        "DROP TABLE pg_temp.backup_changes"));
            }
            listener.tableLoaded(entry.name(), rows);
        }
    }

    /** Adds the rows of a file that the table does not hold yet (by its keys), keeping the others. */
    private long merge(Manifest manifest, Manifest.TableEntry entry) throws SQLException, IOException {
        String target = target(entry.name());
        String columns = columnList(entry.columns());
        execute(List.of("CREATE TEMP TABLE backup_changes (LIKE " + target + " INCLUDING DEFAULTS) ON COMMIT DROP"));
        long rows = copyIn(manifest, entry.file(), "COPY pg_temp.backup_changes (" + columns + ") FROM STDIN");
        execute(List.of("INSERT INTO " + target + " (" + columns + ") OVERRIDING SYSTEM VALUE SELECT " + columns
                + " FROM pg_temp.backup_changes ON CONFLICT DO NOTHING", "DROP TABLE pg_temp.backup_changes"));
        return rows;
    }

    private void deleteTombstoned(Manifest.TableEntry entry) throws SQLException {
        String target = target(entry.name());
        String name = literal(entry.name());
        execute(List.of(
                // a TRUNCATE since the base: every row that exists now is among the changed rows
                "DELETE FROM " + target + " WHERE EXISTS (SELECT 1 FROM pg_temp.backup_tombstones WHERE table_name = "
                        + name + " AND row_key IS NULL)",
                "DELETE FROM " + target + " t USING (SELECT (jsonb_populate_record(NULL::" + target + ", row_key)).*"
                        + " FROM pg_temp.backup_tombstones WHERE table_name = " + name + " AND row_key IS NOT NULL) d"
                        + " WHERE " + keyMatch(entry, "t", "d")));
    }

    private static String keyMatch(Manifest.TableEntry entry, String a, String b) {
        return entry.primaryKey().stream().map(c -> a + "." + quote(c) + " = " + b + "." + quote(c))
                .collect(Collectors.joining(" AND "));
    }

    /** Streams one file into a COPY; its SHA-256 is checked before the statement counts as done. */
    private long copyIn(Manifest manifest, Manifest.FileEntry file, String sql) throws SQLException, IOException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            try (InputStream rows = files.open(storage, manifest, file)) {
                byte[] buffer = new byte[1 << 16];
                int n;
                while ((n = rows.read(buffer)) > 0) {
                    copy.writeToCopy(buffer, 0, n);
                }
            }
            long loaded = copy.endCopy();
            if (loaded != file.rows()) {
                throw new IllegalStateException(file.name() + ": loaded " + loaded + " rows, the manifest says " + file.rows());
            }
            return loaded;
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** Identity and serial columns continue after the highest restored value. */
    private Void resetSequences() throws SQLException {
        List<String> statements = new ArrayList<>();
        for (Table table : current.values()) {
            table.sequences().forEach((column, sequence) -> statements.add(
                    "SELECT CASE WHEN max(" + quote(column) + ") IS NULL THEN setval(" + literal(sequence)
                            + ", s.seqstart, false) ELSE setval(" + literal(sequence) + ", max(" + quote(column)
                            + "), true) END FROM " + target(table.name()) + ", pg_sequence s WHERE s.seqrelid = "
                            + literal(sequence) + "::regclass GROUP BY s.seqstart"));
        }
        return execute(statements);
    }

    /**
     * Compares the loaded tables with the state the newest manifest recorded: row counts, and with
     * {@code digests} the rows themselves. Tables the backup does not know must be empty.
     */
    List<String> differences(Manifest last, boolean digests) throws SQLException {
        List<String> problems = new ArrayList<>();
        for (Manifest.TableEntry entry : last.tables()) {
            if (mergeTables.contains(entry.name())) {
                continue; // holds its own rows as well as the backup's
            }
            String target = target(entry.name());
            if (digests) {
                RowDigest digest = digest(target, entry.columns());
                if (digest.rows() != entry.tableRows() || !digest.value().equals(entry.tableDigest())) {
                    problems.add("table " + entry.name() + ": " + digest.rows() + " rows restored, "
                            + entry.tableRows() + " backed up" + (digest.rows() == entry.tableRows() ? ", other content" : ""));
                }
            } else if (count(target) != entry.tableRows()) {
                problems.add("table " + entry.name() + ": " + count(target) + " rows restored, " + entry.tableRows()
                        + " backed up");
            }
        }
        if (live) {
            for (String table : current.keySet()) {
                if (last.table(table) == null && !mergeTables.contains(table) && count(target(table)) != 0) {
                    problems.add("table " + table + " is not in the backup but holds rows");
                }
            }
        }
        return problems;
    }

    RowDigest digest(String table, List<String> columns) throws SQLException {
        RowDigest digest = new RowDigest();
        CopyOut copy = BackupWriter.copyOut(connection, BackupWriter.copyTableSql(table, false, columns));
        byte[] row;
        while ((row = copy.readFromCopy()) != null) {
            digest.add(row, 0, row.length - 1);
        }
        return digest;
    }

    long count(String table) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    Map<String, Table> currentTables() {
        return current;
    }

    private Void execute(List<String> statements) throws SQLException {
        try (Statement st = connection.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
        return null;
    }

    /** Milliseconds spent in each phase of the load, for the job's result and for tuning. */
    Map<String, Long> phases() {
        return phases;
    }

    @FunctionalInterface
    private interface Phase<T> {
        T run() throws SQLException, IOException;
    }

    private <T> T timed(String phase, Phase<T> work) throws SQLException, IOException {
        long start = System.nanoTime();
        try {
            return work.run();
        } finally {
            phases.merge(phase, (System.nanoTime() - start) / 1_000_000, Long::sum);
        }
    }
}
