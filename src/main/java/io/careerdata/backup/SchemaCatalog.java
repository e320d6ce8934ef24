package io.careerdata.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * What the database says about the data to back up: the tables of the service's schema (all of
 * them but Flyway's history and the backup bookkeeping, so tables added by later migrations are
 * covered without code), their columns, keys and foreign-key order. Plain JDBC on the caller's
 * connection; blocking.
 */
final class SchemaCatalog {

    private static final Logger LOG = Logger.getLogger(SchemaCatalog.class);
    static final String FLYWAY_HISTORY = "flyway_schema_history";
    private static final String DELETE_TRIGGER = "backup_track_deletes";
    private static final String TRUNCATE_TRIGGER = "backup_track_truncate";

    /**
     * One table to back up.
     *
     * @param sequences column to the sequence that feeds it (identity or serial), reset after a restore
     */
    record Table(String name, boolean partitioned, List<String> columns, List<String> primaryKey,
            Set<String> references, Map<String, String> sequences, boolean deletionsTracked) {

        String quoted() {
            return quote(name);
        }
    }

    private SchemaCatalog() {
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    static String columnList(List<String> columns) {
        return String.join(", ", columns.stream().map(SchemaCatalog::quote).toList());
    }

    /** The tables to back up, parents before the tables that refer to them. */
    static List<Table> tables(Connection connection) throws SQLException {
        Map<String, Boolean> partitioned = new LinkedHashMap<>();
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("""
                        SELECT c.relname, c.relkind = 'p'
                        FROM pg_class c
                        WHERE c.relnamespace = current_schema()::regnamespace
                          AND c.relkind IN ('r', 'p') AND NOT c.relispartition
                          AND c.relname <> '%s' AND c.relname NOT LIKE 'backup\\_%%'
                        ORDER BY c.relname""".formatted(FLYWAY_HISTORY))) {
            while (rs.next()) {
                partitioned.put(rs.getString(1), rs.getBoolean(2));
            }
        }
        Map<String, List<String>> columns = multimap(connection, """
                SELECT c.relname, a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                WHERE c.relnamespace = current_schema()::regnamespace AND a.attnum > 0
                  AND NOT a.attisdropped AND a.attgenerated = ''
                ORDER BY c.relname, a.attnum""");
        Map<String, List<String>> keys = multimap(connection, """
                SELECT c.relname, a.attname
                FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
                CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY k(attnum, ord)
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                WHERE i.indisprimary AND c.relnamespace = current_schema()::regnamespace
                ORDER BY c.relname, k.ord""");
        Map<String, List<String>> references = multimap(connection, """
                SELECT c.relname, p.relname FROM pg_constraint f
                JOIN pg_class c ON c.oid = f.conrelid JOIN pg_class p ON p.oid = f.confrelid
                WHERE f.contype = 'f' AND c.relnamespace = current_schema()::regnamespace
                ORDER BY 1, 2""");
        Map<String, List<String>> sequences = multimap(connection, """
                SELECT c.relname, a.attname || '=' || s
                FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                CROSS JOIN LATERAL pg_get_serial_sequence(quote_ident(c.relname), a.attname) s
                WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
                  AND a.attnum > 0 AND NOT a.attisdropped AND s IS NOT NULL
                ORDER BY 1, 2""");
        Map<String, List<String>> triggers = multimap(connection, """
                SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
                WHERE NOT t.tgisinternal AND t.tgname IN ('%s', '%s')
                  AND c.relnamespace = current_schema()::regnamespace
                ORDER BY 1, 2""".formatted(DELETE_TRIGGER, TRUNCATE_TRIGGER));

        List<Table> tables = new ArrayList<>();
        for (String name : partitioned.keySet()) {
            Map<String, String> seqs = new LinkedHashMap<>();
            for (String entry : sequences.getOrDefault(name, List.of())) {
                int eq = entry.indexOf('=');
                seqs.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
            List<String> pk = keys.getOrDefault(name, List.of());
            Set<String> refs = new TreeSet<>(references.getOrDefault(name, List.of()));
            refs.remove(name); // a self-reference does not order tables
            refs.retainAll(partitioned.keySet());
            boolean tracked = !pk.isEmpty() && triggers.getOrDefault(name, List.of()).size() == 2;
            tables.add(new Table(name, partitioned.get(name), columns.getOrDefault(name, List.of()), pk, refs,
                    seqs, tracked));
        }
        return foreignKeyOrder(tables);
    }

    /** Kahn's sort: a table comes after every table it refers to; ties (and cycles) by name. */
    static List<Table> foreignKeyOrder(List<Table> tables) {
        Map<String, Table> pending = new LinkedHashMap<>();
        tables.stream().sorted(Comparator.comparing(Table::name)).forEach(t -> pending.put(t.name(), t));
        List<Table> ordered = new ArrayList<>();
        while (!pending.isEmpty()) {
            Optional<Table> ready = pending.values().stream()
                    .filter(t -> t.references().stream().noneMatch(pending::containsKey))
                    .findFirst();
            Table next = ready.orElse(pending.values().iterator().next()); // a cycle: FKs are dropped during loads anyway
            ordered.add(next);
            pending.remove(next.name());
        }
        return ordered;
    }

    /**
     * Puts the deletion-tracking triggers on every table with a primary key that lacks them. Runs
     * before each backup, in its own transaction, so a table created by a later migration is
     * tracked from its first backup on. Tables it cannot track are backed up whole every time.
     */
    static void trackDeletions(Connection connection) throws SQLException {
        for (Table table : tables(connection)) {
            if (table.deletionsTracked() || table.primaryKey().isEmpty()) {
                continue;
            }
            String args = String.join(", ", table.primaryKey().stream().map(SchemaCatalog::literal).toList());
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (Statement st = connection.createStatement()) {
                st.execute("DROP TRIGGER IF EXISTS " + DELETE_TRIGGER + " ON " + table.quoted());
                st.execute("DROP TRIGGER IF EXISTS " + TRUNCATE_TRIGGER + " ON " + table.quoted());
                st.execute("CREATE TRIGGER " + DELETE_TRIGGER + " AFTER DELETE ON " + table.quoted()
                        + " REFERENCING OLD TABLE AS backup_deleted_rows FOR EACH STATEMENT"
                        + " EXECUTE FUNCTION backup_record_deletions(" + args + ")");
                st.execute("CREATE TRIGGER " + TRUNCATE_TRIGGER + " AFTER TRUNCATE ON " + table.quoted()
                        + " FOR EACH STATEMENT EXECUTE FUNCTION backup_record_deletions()");
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                LOG.warnf("Deletions of table %s cannot be tracked (%s); its incremental backups will hold it whole",
                        table.name(), e.getMessage());
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        }
    }

    /** The Flyway version of the schema: the highest successfully applied version. */
    static String schemaVersion(Connection connection) throws SQLException {
        String highest = "0";
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT version FROM " + FLYWAY_HISTORY
                        + " WHERE success AND version IS NOT NULL")) {
            while (rs.next()) {
                if (compareVersions(rs.getString(1), highest) > 0) {
                    highest = rs.getString(1);
                }
            }
        }
        return highest;
    }

    /** Compares Flyway versions part by part as numbers: 10 > 9, 1.10 > 1.9. */
    static int compareVersions(String a, String b) {
        long[] x = Arrays.stream(a.split("[._]")).mapToLong(SchemaCatalog::number).toArray();
        long[] y = Arrays.stream(b.split("[._]")).mapToLong(SchemaCatalog::number).toArray();
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Long.compare(i < x.length ? x[i] : 0, i < y.length ? y[i] : 0);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static long number(String part) {
        try {
            return Long.parseLong(part);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static UUID lineage(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT lineage FROM backup_state")) {
            rs.next();
            return (UUID) rs.getObject(1);
        }
    }

    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static Map<String, List<String>> multimap(Connection connection, String sql) throws SQLException {
        Map<String, List<String>> map = new HashMap<>();
        try (PreparedStatement st = connection.prepareStatement(sql); ResultSet rs = st.executeQuery()) {
            while (rs.next()) {
                map.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        return map;
    }
}
