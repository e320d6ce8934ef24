package io.careerdata.backup;

import static io.careerdata.backup.SchemaCatalog.quote;

import io.careerdata.backup.SchemaCatalog.Table;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Temporary tables shaped like the live ones, gone at the end of the transaction: a rehearsal
 * (dry run, drill) loads the chain there and leaves the live data alone. They start empty, so
 * nothing is merged; they have no indexes or sequences to rebuild.
 */
final class StandInTables extends LoadTarget {

    StandInTables(Connection connection) throws SQLException {
        super(connection);
    }

    @Override
    String table(String name) {
        return "pg_temp." + quote(name);
    }

    @Override
    Set<String> mergeTables() {
        return Set.of();
    }

    @Override
    Rebuild prepare(List<Manifest> chain) throws SQLException {
        execute(chain.stream().flatMap(m -> m.tables().stream()).map(Manifest.TableEntry::name).distinct()
                .map(name -> "CREATE TEMP TABLE " + quote(name) + " (LIKE " + liveTable(name)
                        + " INCLUDING DEFAULTS) ON COMMIT DROP")
                .toList());
        return Rebuild.NOTHING;
    }

    @Override
    String copyOptions(Table table) {
        return "";
    }

    @Override
    Map<String, Step> afterLoad() {
        return Map.of();
    }

    @Override
    List<String> strayRows(Manifest last) {
        return List.of(); // only the backup's tables have stand-ins
    }
}
