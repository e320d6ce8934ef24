package io.careerdata.backup;

import static io.careerdata.backup.SchemaCatalog.quote;

import io.careerdata.backup.SchemaCatalog.Table;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where {@link ChainLoader} puts the rows of a chain, inside the caller's open transaction: the
 * live tables ({@link LiveTables}, a restore) or temporary stand-ins of them ({@link StandInTables},
 * a dry run or drill). Each knows how to get its tables ready and what to do once they are loaded.
 */
abstract sealed class LoadTarget permits LiveTables, StandInTables {

    /** What a restore dropped and builds again: indexes and keys first, foreign keys last. */
    record Rebuild(List<String> indexes, List<String> foreignKeys) {
        static final Rebuild NOTHING = new Rebuild(List.of(), List.of());
    }

    /** A step after the load, timed as a phase of its own. */
    @FunctionalInterface
    interface Step {
        void run() throws SQLException;
    }

    final Connection connection;
    final Map<String, Table> current = new LinkedHashMap<>();
    private final String schema;

    LoadTarget(Connection connection) throws SQLException {
        this.connection = connection;
        for (Table table : SchemaCatalog.tables(connection)) {
            current.put(table.name(), table);
        }
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT current_schema()")) {
            rs.next();
            this.schema = rs.getString(1);
        }
    }

    /** Where the rows of a table go. */
    abstract String table(String name);

    /** Tables whose rows are added to rather than replaced (their own rows are kept). */
    abstract Set<String> mergeTables();

    /** Makes the tables ready to receive the chain; answers what to build again after the load. */
    abstract Rebuild prepare(List<Manifest> chain) throws SQLException;

    /** The options of the COPY that loads a full backup's file into {@code table}. */
    abstract String copyOptions(Table table);

    /** Steps after the load, by phase name, in order. */
    abstract Map<String, Step> afterLoad();

    /** Problems with tables the backup does not know. */
    abstract List<String> strayRows(Manifest last) throws SQLException;

    final String liveTable(String table) {
        return quote(schema) + "." + quote(table);
    }

    final long count(String table) throws SQLException {
        try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    final void execute(List<String> statements) throws SQLException {
        try (Statement st = connection.createStatement()) {
            for (String sql : statements) {
                st.execute(sql);
            }
        }
    }
}
