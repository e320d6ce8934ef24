package io.careerdata.backup;

import io.careerdata.backup.SchemaCatalog.Table;
import io.careerdata.backup.storage.BackupNames;
import io.careerdata.backup.storage.BackupStorage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Writes one backup: every table read with COPY inside one REPEATABLE READ, READ ONLY transaction,
 * so the files together hold a state the database really had, streamed row by row into the
 * storage. Blocking: runs on a worker thread with its own JDBC connection, to the primary or to a
 * read replica that has replayed everything the primary held when the backup started (a hot
 * standby's snapshot is one the primary had); deletions are tracked on the primary beforehand.
 *
 * <p>An incremental backup finds the rows changed since its base by their {@code xmin}, the
 * transaction that wrote them: a row written by a transaction at or after the base snapshot's
 * xmin may be unknown to the base and is carried (a few rows the base did see may be carried too,
 * which restores the same values). Deleted rows come from the tombstones of the base's unseen
 * transactions. The whole table is still read, to record its row count and digest.
 */
@ApplicationScoped
public class BackupWriter {

    @Inject
    BackupStorage storage;

    @Inject
    BackupFiles files;

    @Inject
    BackupEncryption encryption;

    @Inject
    ManifestCodec codec;

    @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown")
    String applicationVersion;

    /** The session settings every COPY of the service runs with, so rows read back compare byte for byte. */
    static void fixTextFormats(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("SET LOCAL TimeZone = 'UTC'; SET LOCAL DateStyle = 'ISO, YMD'; SET LOCAL IntervalStyle = 'postgres';"
                    + " SET LOCAL extra_float_digits = 1; SET LOCAL bytea_output = 'hex'");
        }
    }

    /**
     * @param connection reads the data; {@link SchemaCatalog#trackDeletions} has run on the primary
     * @param base the newest backup of the current lineage and schema, for an incremental; null for a full
     */
    public Manifest write(Connection connection, Manifest base, Progress progress) throws SQLException, IOException {
        Instant createdAt = Instant.now();
        String id = BackupNames.newBackupId(createdAt, base == null);
        progress.writing(id);
        connection.setAutoCommit(false);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        connection.setReadOnly(true);
        try (BackupStorage.Draft draft = storage.create(id)) {
            fixTextFormats(connection);
            String snapshot;
            long nextXid;
            try (Statement st = connection.createStatement();
                    ResultSet rs = st.executeQuery("SELECT pg_current_snapshot()::text,"
                            + " pg_snapshot_xmax(pg_current_snapshot())::text::bigint")) {
                rs.next();
                snapshot = rs.getString(1);
                nextXid = rs.getLong(2);
            }
            String schemaVersion = SchemaCatalog.schemaVersion(connection);
            UUID lineage = SchemaCatalog.lineage(connection);
            List<Table> tables = SchemaCatalog.tables(connection);
            progress.started(tables.size(), estimatedRows(connection));

            List<Manifest.TableEntry> entries = new ArrayList<>();
            int n = 0;
            for (Table table : tables) {
                Manifest.TableEntry previous = base == null ? null : base.table(table.name());
                boolean changesOnly = previous != null && previous.deletionsTracked() && table.deletionsTracked()
                        && previous.columns().equals(table.columns());
                String file = String.format(Locale.ROOT, "%03d-%s%s", ++n, fileStem(table.name()), files.extension());
                entries.add(changesOnly
                        ? writeChanges(connection, draft, id, file, table, xminOf(base.snapshot()), nextXid)
                        : writeComplete(connection, draft, id, file, table));
                progress.tableDone(entries.get(entries.size() - 1).tableRows());
            }
            Manifest.FileEntry deletions = base == null ? null : writeDeletions(connection, draft, id, base.snapshot());
            connection.commit();

            Manifest manifest = new Manifest(Manifest.FORMAT, id, base == null ? BackupType.FULL : BackupType.INCREMENTAL,
                    base == null ? null : base.id(), base == null ? null : base.createdAt(), createdAt, schemaVersion,
                    applicationVersion, lineage, snapshot, "gzip",
                    encryption.manifestEntry().orElse(null),
                    entries, deletions, null);
            try (OutputStream out = draft.write(ManifestCodec.FILE)) {
                out.write(codec.seal(manifest));
            }
            draft.publish();
            return manifest;
        } finally {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            connection.setReadOnly(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            connection.setAutoCommit(true);
        }
    }

    private Manifest.TableEntry writeComplete(Connection connection, BackupStorage.Draft draft, String id, String name,
            Table table) throws SQLException, IOException {
        RowDigest digest = new RowDigest();
        BackupFiles.Writer writer = files.create(draft, id, name);
        OutputStream out = writer.rows();
        CopyOut copy = copyOut(connection, copyTableSql(table.quoted(), table.partitioned(), table.columns()));
        byte[] row;
        while ((row = copy.readFromCopy()) != null) {
            digest.add(row, 0, row.length - 1); // without the newline
            out.write(row);
        }
        Manifest.FileEntry file = writer.finish(digest.rows());
        return new Manifest.TableEntry(table.name(), Manifest.TableEntry.COMPLETE, table.columns(), table.primaryKey(),
                table.deletionsTracked(), file, digest.rows(), digest.value());
    }

    /** Reads every row with its xmin appended; writes those the base may not know, digests all. */
    private Manifest.TableEntry writeChanges(Connection connection, BackupStorage.Draft draft, String id, String name,
            Table table, long baseXmin, long nextXid) throws SQLException, IOException {
        String sql = "COPY (SELECT " + SchemaCatalog.columnList(table.columns()) + ", xmin FROM " + table.quoted()
                + ") TO STDOUT";
        RowDigest digest = new RowDigest();
        BackupFiles.Writer writer = files.create(draft, id, name);
        OutputStream out = writer.rows();
        CopyOut copy = copyOut(connection, sql);
        long changed = 0;
        byte[] row;
        while ((row = copy.readFromCopy()) != null) {
            int tab = lastTab(row);
            digest.add(row, 0, tab);
            if (fullXid(parseXid(row, tab + 1, row.length - 1), nextXid) >= baseXmin) {
                out.write(row, 0, tab);
                out.write('\n');
                changed++;
            }
        }
        Manifest.FileEntry file = writer.finish(changed);
        return new Manifest.TableEntry(table.name(), Manifest.TableEntry.CHANGES, table.columns(), table.primaryKey(),
                table.deletionsTracked(), file, digest.rows(), digest.value());
    }

    private Manifest.FileEntry writeDeletions(Connection connection, BackupStorage.Draft draft, String id,
            String baseSnapshot) throws SQLException, IOException {
        String sql = "COPY (SELECT table_name, row_key FROM backup_deletions WHERE NOT pg_visible_in_snapshot(xid, "
                + SchemaCatalog.literal(baseSnapshot) + "::pg_snapshot) ORDER BY id) TO STDOUT";
        BackupFiles.Writer writer = files.create(draft, id, "deletions" + files.extension());
        OutputStream out = writer.rows();
        CopyOut copy = copyOut(connection, sql);
        long rows = 0;
        byte[] row;
        while ((row = copy.readFromCopy()) != null) {
            out.write(row);
            rows++;
        }
        return writer.finish(rows);
    }

    /** COPY of a plain table reads the heap directly, faster than COPY of a query; partitioned tables need the query. */
    static String copyTableSql(String table, boolean partitioned, List<String> columns) {
        String list = SchemaCatalog.columnList(columns);
        return partitioned ? "COPY (SELECT " + list + " FROM " + table + ") TO STDOUT"
                : "COPY " + table + " (" + list + ") TO STDOUT";
    }

    static CopyOut copyOut(Connection connection, String sql) throws SQLException {
        return connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
    }

    private static long estimatedRows(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
                ResultSet rs = st.executeQuery("SELECT coalesce(sum(greatest(reltuples, 0)), 0)::bigint FROM pg_class"
                        + " WHERE relnamespace = current_schema()::regnamespace AND relkind = 'r'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The xmin of a pg_snapshot text {@code xmin:xmax:xip,...}. */
    static long xminOf(String snapshot) {
        return Long.parseLong(snapshot.substring(0, snapshot.indexOf(':')));
    }

    /** Widens a 32-bit xid to the 64-bit one within 2^32 below {@code nextXid} (no row is newer than that). */
    static long fullXid(long xid32, long nextXid) {
        long full = (nextXid & ~0xFFFFFFFFL) | xid32;
        return full > nextXid ? full - (1L << 32) : full;
    }

    private static int lastTab(byte[] row) {
        for (int i = row.length - 1; i >= 0; i--) {
            if (row[i] == '\t') {
                return i;
            }
        }
        throw new IllegalStateException("COPY row without the xmin column");
    }

    private static long parseXid(byte[] row, int from, int to) {
        long value = 0;
        for (int i = from; i < to; i++) {
            value = value * 10 + (row[i] - '0');
        }
        return value;
    }

    private static String fileStem(String table) {
        String stem = table.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return stem.isEmpty() ? "table" : stem.substring(0, Math.min(stem.length(), 50));
    }

    /** Where a long run reports how far it is. */
    public interface Progress {
        /** The id of the backup about to be written (its draft carries it). */
        default void writing(String backupId) {
        }

        void started(int tables, long rows);

        void tableDone(long rows);
    }
}
