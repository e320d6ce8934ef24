package io.careerdata.export;

import io.careerdata.export.ExportCatalog.Category;
import io.careerdata.export.ExportCatalog.Column;
import io.careerdata.jobs.JobControl;
import io.careerdata.jobs.JobsConfig;
import io.careerdata.replica.ReadReplica;
import io.micrometer.core.instrument.LongTaskTimer;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.unchecked.Unchecked;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.jboss.logging.Logger;

/**
 * Makes export files. Each job runs on a worker of its own pool (never on an event loop): it reads
 * the person's rows over JDBC with a server-side cursor, {@code export.fetch-size} rows at a time,
 * in one read-only REPEATABLE READ transaction (one consistent snapshot), and hands each row to the
 * format's writer, which writes it to disk at once. Memory does not grow with the data. The rows
 * come from the read replica when it may serve them ({@link ReadReplica}), else from the primary.
 * The job's row is updated with the reactive client as it goes.
 */
@ApplicationScoped
public class ExportRunner {

    private static final Logger LOG = Logger.getLogger(ExportRunner.class);
    private static final String FAILED_TEXT = "The export could not be made; ask for a new one";

    /** What a job is to make; taken from its row when it was committed. */
    record Task(UUID id, UUID userId, ExportFormat format, ExportScope scope, Instant expiresAt) {
        static Task of(ExportJob job) {
            return new Task(job.id, job.userId, job.format, job.scope, job.expiresAt);
        }
    }

    /** A finished file. */
    record Made(Path file, long bytes, String sha256, long rows) {
    }

    @Inject
    ReadReplica replica;

    @Inject
    Pool pool;

    @Inject
    ExportStorage storage;

    @Inject
    ExportConfig config;

    @Inject
    ExportMetrics metrics;

    @Inject
    RunningExports running;

    @Inject
    JobsConfig jobs;

    private ExecutorService workers;

    @PostConstruct
    void startWorkers() {
        AtomicInteger count = new AtomicInteger();
        workers = Executors.newFixedThreadPool(config.workers(), runnable -> {
            Thread thread = new Thread(runnable, "export-worker-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stopWorkers() {
        // JobShutdown has stopped and recorded the running jobs by now
        workers.shutdownNow();
    }

    /** Starts making the file of a job whose row is committed; returns at once. */
    void start(ExportJob job) {
        run(Task.of(job)).subscribe().with(
                done -> { },
                failure -> LOG.errorf(failure, "Export %s: its outcome could not be recorded", job.id));
    }

    /** Makes the file and records the outcome in the job's row. */
    Uni<Void> run(Task task) {
        long started = System.nanoTime();
        JobControl control = running.begin(task.id(), task.userId());
        LongTaskTimer.Sample active = metrics.activeExport();
        return Uni.createFrom().item(Unchecked.supplier(() -> make(task, control)))
                .runSubscriptionOn(workers)
                .onItemOrFailure().transformToUni((made, failure) -> failure == null
                        ? succeeded(task, made, Duration.ofNanos(System.nanoTime() - started))
                        : failed(task, failure, Duration.ofNanos(System.nanoTime() - started)))
                .eventually(() -> {
                    active.stop();
                    running.end(task.id());
                });
    }

    private Made make(Task task, JobControl control) throws IOException, SQLException {
        update("UPDATE export_jobs SET state = 'running', started_at = now() WHERE id = $1 AND state = 'pending'",
                Tuple.of(task.id()));
        Path work = Files.createDirectories(storage.workDir(task.userId(), task.id()));
        try {
            ExportManifest manifest = new ExportManifest(task.id(), task.userId(), task.format(), task.scope(),
                    Instant.now(), task.expiresAt());
            Map<String, Long> rowCounts = writeData(task, manifest, work, control);
            Path file = storage.file(task.userId(), task.id(), task.format());
            control.check(); // an erased person's file is not even moved into place
            Files.move(ExportPacker.pack(manifest, rowCounts, work), file, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            long rows = rowCounts.values().stream().mapToLong(Long::longValue).sum();
            return new Made(file, Files.size(file), ExportPacker.sha256(file), rows);
        } finally {
            ExportStorage.deleteTree(work);
        }
    }

    private Map<String, Long> writeData(Task task, ExportManifest manifest, Path work, JobControl control)
            throws IOException, SQLException {
        List<Category> categories = ExportCatalog.categories(task.scope());
        Map<String, Long> rowCounts = new LinkedHashMap<>();
        // the replica's when it may serve: it must have replayed every commit made before the job started
        try (Connection db = replica.connection(ReadReplica.Work.EXPORT, true); ExportWriter out = writers(task.format(), work)) {
            db.setAutoCommit(false); // the driver uses a cursor (fetch size) only inside a transaction
            db.setReadOnly(true);
            db.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ); // all categories from one snapshot
            out.begin(manifest);
            long total = 0;
            for (int i = 0; i < categories.size(); i++) {
                Category category = categories.get(i);
                out.startCategory(category);
                long rows = stream(db, category, task.userId(), out, control);
                out.endCategory();
                rowCounts.put(category.name(), rows);
                total += rows;
                // also marks it running: the updates are sent without waiting and may arrive in any order
                update("UPDATE export_jobs SET state = 'running', started_at = coalesce(started_at, now()),"
                        + " progress = GREATEST(progress, $2), rows_written = GREATEST(rows_written, $3)"
                        + " WHERE id = $1 AND state IN ('pending', 'running')",
                        Tuple.of(task.id(), (i + 1) * 99 / categories.size(), total));
                control.step(jobs.pace());
            }
            out.finish(rowCounts);
            db.rollback(); // nothing was written; ends the snapshot
        }
        return rowCounts;
    }

    private long stream(Connection db, Category category, UUID userId, ExportWriter out, JobControl control)
            throws SQLException, IOException {
        try (PreparedStatement query = db.prepareStatement(category.sql(), ResultSet.TYPE_FORWARD_ONLY,
                ResultSet.CONCUR_READ_ONLY)) {
            query.setFetchSize(config.fetchSize());
            query.setObject(1, userId);
            try (ResultSet rows = query.executeQuery()) {
                List<Column> columns = category.columns();
                Object[] values = new Object[columns.size()]; // reused: writers do not keep rows
                long count = 0;
                while (rows.next()) {
                    control.check();
                    for (int i = 0; i < values.length; i++) {
                        values[i] = columns.get(i).read(rows, i + 1, userId);
                    }
                    out.row(values);
                    count++;
                }
                return count;
            }
        }
    }

    private static ExportWriter writers(ExportFormat format, Path work) throws IOException {
        return switch (format) {
            case json -> new JsonExportWriter(ExportPacker.output(work.resolve("export.json")));
            case xml -> new XmlExportWriter(ExportPacker.output(work.resolve("export.xml")));
            case csv -> new CsvExportWriter(work.resolve("csv"));
            case zip -> ExportWriter.all(List.of(
                    new JsonExportWriter(ExportPacker.output(work.resolve("export.json"))),
                    new XmlExportWriter(ExportPacker.output(work.resolve("export.xml"))),
                    new CsvExportWriter(work.resolve("csv"))));
        };
    }

    private Uni<Void> succeeded(Task task, Made made, Duration took) {
        metrics.made(task.format(), true, took, made.bytes());
        return pool.preparedQuery("UPDATE export_jobs SET state = 'ready', progress = 100, rows_written = $2,"
                        + " size_bytes = $3, sha256 = $4, completed_at = now()"
                        + " WHERE id = $1 AND state IN ('pending', 'running')")
                .execute(Tuple.of(task.id(), made.rows(), made.bytes(), made.sha256()))
                .chain(updated -> updated.rowCount() == 1 ? Uni.createFrom().voidItem()
                        // deleted, or its person erased, while it was made: the file must not stay
                        : storage.deleteExport(task.userId(), task.id()));
    }

    private Uni<Void> failed(Task task, Throwable failure, Duration took) {
        boolean stopped = failure instanceof JobControl.Stopped;
        if (stopped) {
            LOG.warnf("Export %s (%s) stopped: %s", task.id(), task.format(), failure.getMessage());
        } else {
            LOG.errorf(failure, "Export %s (%s) failed", task.id(), task.format());
        }
        metrics.made(task.format(), false, took, 0);
        return pool.preparedQuery("UPDATE export_jobs SET state = 'failed', error = $2, retryable = $3,"
                        + " completed_at = now() WHERE id = $1 AND state IN ('pending', 'running')")
                .execute(Tuple.of(task.id(), stopped ? failure.getMessage() : FAILED_TEXT,
                        stopped && ((JobControl.Stopped) failure).retryable()))
                .chain(() -> storage.deleteExport(task.userId(), task.id()));
    }

    /** Progress is advisory: sent without waiting, and each update only moves forward. */
    private void update(String sql, Tuple params) {
        pool.preparedQuery(sql).execute(params).subscribe().with(
                done -> { },
                failure -> LOG.debugf(failure, "Export progress not recorded"));
    }

}
