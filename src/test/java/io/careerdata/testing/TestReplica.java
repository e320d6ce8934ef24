package io.careerdata.testing;

import io.careerdata.embedded.EmbeddedServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A real streaming replica of the run's embedded PostgreSQL. The zonky binaries have no
 * pg_basebackup, so the base copy is made by hand: pg_backup_start on the primary, a copy of its
 * data directory (without postmaster.pid, postmaster.opts and the WAL), pg_backup_stop's label
 * as backup_label, standby.signal and primary_conninfo. The port is chosen before the service
 * starts (a test profile names it), the server is started by the test.
 */
public final class TestReplica {

    private static final String PORT = "careerdata.test.replica.port";
    private static final Set<String> LEFT_OUT = Set.of("postmaster.pid", "postmaster.opts");

    private static Path data;

    private TestReplica() {
    }

    /** The replica's port, the same for the whole test run. */
    public static synchronized int port() {
        String port = System.getProperty(PORT);
        if (port == null) {
            port = String.valueOf(EmbeddedServers.freePort());
            System.setProperty(PORT, port);
        }
        return Integer.parseInt(port);
    }

    /** Copies the primary and starts the copy as a hot standby streaming from it; returns when it streams. */
    public static synchronized void start() {
        Path primaryData = TestServers.postgresData();
        data = primaryData.resolveSibling(primaryData.getFileName() + "-replica-" + UUID.randomUUID());
        try (Connection primary = primary(); Statement st = primary.createStatement()) {
            allowReplication(st, primaryData);
            st.execute("SELECT pg_backup_start('replica', true)");
            copy(primaryData, data);
            try (ResultSet rs = st.executeQuery("SELECT labelfile FROM pg_backup_stop(false)")) {
                rs.next();
                Files.writeString(data.resolve("backup_label"), rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not copy the primary", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Files.createFile(data.resolve("standby.signal"));
            Files.writeString(data.resolve("postgresql.auto.conf"), "\nprimary_conninfo = 'host=127.0.0.1 port="
                    + TestServers.postgresPort() + " user=" + EmbeddedServers.USER + " application_name=replica'\n",
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        resume();
    }

    /** Starts the standby again (after {@link #stop()}); returns when it streams from the primary. */
    public static synchronized void resume() {
        List<String> options = TestServers.startOptions(TestServers.postgresData());
        options.set(options.indexOf("-p") + 1, String.valueOf(port()));
        TestServers.pgCtl(TestServers.postgresData(), data, "-o", String.join(" ", options), "-w", "start");
        TestServers.awaitListening(port(), true);
        Eventually.within(Duration.ofSeconds(30), () -> {
            try (Connection replica = connection(); Statement st = replica.createStatement();
                    ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_wal_receiver WHERE status = 'streaming'")) {
                rs.next();
                if (rs.getLong(1) != 1) {
                    throw new AssertionError("the replica does not stream yet");
                }
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
        });
    }

    public static synchronized void stop() {
        if (data != null && EmbeddedServers.listening(port())) {
            TestServers.pgCtl(TestServers.postgresData(), data, "-m", "fast", "-w", "stop");
            TestServers.awaitListening(port(), false);
        }
    }

    /** A new JDBC connection to the replica (the caller closes it). */
    public static Connection connection() throws SQLException {
        return DriverManager.getConnection(EmbeddedServers.jdbcUrl(port()), EmbeddedServers.USER, "");
    }

    /** The replica as a data source, a new connection each time (for {@link Sql}). */
    public static DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(EmbeddedServers.jdbcUrl(port()));
        dataSource.setUser(EmbeddedServers.USER);
        return dataSource;
    }

    private static Connection primary() throws SQLException {
        return DriverManager.getConnection(EmbeddedServers.jdbcUrl(TestServers.postgresPort()), EmbeddedServers.USER, "");
    }

    /** wal_level replica and wal senders are PostgreSQL's defaults; the loopback replication line may be missing. */
    private static void allowReplication(Statement st, Path primaryData) throws SQLException, IOException {
        try (ResultSet rs = st.executeQuery("SELECT current_setting('wal_level'), current_setting('max_wal_senders')::int")) {
            rs.next();
            if (rs.getString(1).equals("minimal") || rs.getInt(2) < 1) {
                throw new IllegalStateException("the primary cannot stream: wal_level " + rs.getString(1));
            }
        }
        Path hba = primaryData.resolve("pg_hba.conf");
        String line = "host replication all 127.0.0.1/32 trust";
        if (Files.readAllLines(hba).stream().noneMatch(l -> l.trim().replaceAll("\\s+", " ").equals(line))) {
            Files.writeString(hba, "\n" + line + "\n", StandardOpenOption.APPEND);
            st.execute("SELECT pg_reload_conf()");
        }
    }

    /** Copies a running data directory; files that vanish meanwhile are left out (the WAL replays them). */
    private static void copy(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(dir).toString());
                Files.createDirectories(target);
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
                return from.relativize(dir).toString().equals("pg_wal") ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!(file.getParent().equals(from) && LEFT_OUT.contains(file.getFileName().toString()))) {
                    try {
                        Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                    } catch (NoSuchFileException vanished) {
                        // dropped while copying: recovery does not need it
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
    }
}
