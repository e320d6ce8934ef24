package io.careerdata.backup;

import static io.careerdata.backup.SchemaCatalog.columnList;
import static io.careerdata.backup.SchemaCatalog.literal;
import static io.careerdata.backup.SchemaCatalog.quote;

import io.careerdata.backup.SchemaCatalog.Table;
import io.careerdata.backup.storage.BackupStorage;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
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
 * open transaction into a {@link LoadTarget}: the live tables (a restore) or temporary copies of
 * them (a rehearsal: dry run or drill). Every check fails with an exception; the caller then rolls
 * back and the database is as it was. Blocking.
 */
final class ChainLoader {

    /** Called after each table is loaded: progress reporting, and where tests inject failures. */
    interface Listener {
        void tableLoaded(String table, long rows);
    }

    private final LoadTarget target;
    private final Connection connection;
    private final BackupStorage storage;
    private final BackupFiles files;
    private final Set<String> mergeTables;
    private final Map<String, Table> current;
    private final Map<String, Long> phases = new LinkedHashMap<>();

    ChainLoader(LoadTarget target, BackupStorage storage, BackupFiles files) {
        this.target = target;
        this.connection = target.connection;
        this.storage = storage;
        this.files = files;
        this.mergeTables = target.mergeTables();
        this.current = target.current;
    }

    /** Where the rows of a table go: the table itself, or its temporary stand-in. */
    String target(String table) {
        return target.table(table);
    }

    String liveTable(String table) {
        return target.liveTable(table);
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
        LoadTarget.Rebuild rebuild = timed("prepare", () -> target.prepare(chain));
        Manifest full = chain.get(0);
        timed("load", () -> {
            for (Manifest.TableEntry entry : full.tables()) {
                Table table = current.get(entry.name());
                long rows = mergeTables.contains(entry.name()) ? merge(full, entry)
                        : copyIn(full, entry.file(), "COPY " + target(entry.name()) + " ("
                                + columnList(entry.columns()) + ") FROM STDIN" + target.copyOptions(table));
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
        for (Map.Entry<String, LoadTarget.Step> step : target.afterLoad().entrySet()) {
            timed(step.getKey(), () -> {
                step.getValue().run();
                return null;
            });
        }
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

    /**
     * Compares the loaded tables with the state the newest manifest recorded, by their rows'
     * digests. Tables the target should not hold rows of must be empty.
     */
    List<String> digestDifferences(Manifest last) throws SQLException {
        List<String> problems = new ArrayList<>();
        for (Manifest.TableEntry entry : comparable(last)) {
            RowDigest digest = digest(target(entry.name()), entry.columns());
            if (digest.rows() != entry.tableRows() || !digest.value().equals(entry.tableDigest())) {
                problems.add("table " + entry.name() + ": " + digest.rows() + " rows restored, "
                        + entry.tableRows() + " backed up" + (digest.rows() == entry.tableRows() ? ", other content" : ""));
            }
        }
        problems.addAll(target.strayRows(last));
        return problems;
    }

    /** As {@link #digestDifferences}, by row counts only (reads each table's count, not its rows). */
    List<String> countDifferences(Manifest last) throws SQLException {
        List<String> problems = new ArrayList<>();
        for (Manifest.TableEntry entry : comparable(last)) {
            long rows = count(target(entry.name()));
            if (rows != entry.tableRows()) {
                problems.add("table " + entry.name() + ": " + rows + " rows restored, " + entry.tableRows() + " backed up");
            }
        }
        problems.addAll(target.strayRows(last));
        return problems;
    }

    /** The tables of the manifest that must match it: a merge table holds its own rows as well as the backup's. */
    private List<Manifest.TableEntry> comparable(Manifest last) {
        return last.tables().stream().filter(entry -> !mergeTables.contains(entry.name())).toList();
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
        return target.count(table);
    }

    Map<String, Table> currentTables() {
        return current;
    }

    private Void execute(List<String> statements) throws SQLException {
        target.execute(statements);
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
