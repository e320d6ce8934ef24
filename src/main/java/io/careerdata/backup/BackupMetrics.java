package io.careerdata.backup;

import io.careerdata.common.ProblemException;
import io.careerdata.jobs.JobControl;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Meters of backups, verifications, restores and drills, tagged by {@code operation} (and
 * {@code stage} for failures): a handful of fixed values, never an id.
 * <ul>
 * <li>{@code backup.last.success.timestamp} (seconds since the epoch): alert when it is too old</li>
 * <li>{@code backup.duration} (timer, {@code outcome=success|failure})</li>
 * <li>{@code backup.last.bytes}, {@code backup.last.rows}: of the last successful run</li>
 * <li>{@code backup.failures} (counter, {@code stage})</li>
 * <li>{@code backup.active} (long-task timer): runs in progress and how long the oldest has run, so a
 * run past its stale limit shows while it runs</li>
 * </ul>
 */
@Startup // the gauges exist from start-up, so a replica that never ran a backup still reports them
@ApplicationScoped
public class BackupMetrics {

    /** What ran. */
    public enum Operation {
        BACKUP, VERIFY, RESTORE, DRILL;

        String tag() {
            return name().toLowerCase();
        }
    }

    /** Where a run failed. */
    public enum Stage {
        /** reading from or writing to PostgreSQL */
        DATABASE,
        /** reading or writing the backup storage */
        STORAGE,
        /** a backup did not pass its checks */
        VERIFICATION,
        /** clearing the cache after a restore */
        CACHE,
        /** anything else */
        INTERNAL;

        String tag() {
            return name().toLowerCase();
        }
    }

    private record Last(AtomicLong successEpochSeconds, AtomicLong bytes, AtomicLong rows) {
    }

    private final MeterRegistry registry;
    private final Map<Operation, Last> last = new ConcurrentHashMap<>();
    private final Map<Operation, LongTaskTimer> active = new ConcurrentHashMap<>();

    @Inject
    public BackupMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Operation operation : Operation.values()) {
            Last values = new Last(new AtomicLong(), new AtomicLong(), new AtomicLong());
            last.put(operation, values);
            Gauge.builder("backup.last.success.timestamp", values.successEpochSeconds(), AtomicLong::get)
                    .baseUnit("seconds").description("When the last successful run ended (0: none since start-up)")
                    .tag("operation", operation.tag()).register(registry);
            Gauge.builder("backup.last.bytes", values.bytes(), AtomicLong::get).baseUnit("bytes")
                    .description("Bytes of the last successful run").tag("operation", operation.tag()).register(registry);
            Gauge.builder("backup.last.rows", values.rows(), AtomicLong::get)
                    .description("Rows of the last successful run").tag("operation", operation.tag()).register(registry);
            active.put(operation, LongTaskTimer.builder("backup.active").description("Runs in progress")
                    .tag("operation", operation.tag()).register(registry));
        }
    }

    public void succeeded(Operation operation, Duration took, long bytes, long rows) {
        Last values = last.get(operation);
        values.successEpochSeconds().set(Instant.now().getEpochSecond());
        values.bytes().set(bytes);
        values.rows().set(rows);
        timer(operation, "success").record(took);
    }

    public void failed(Operation operation, Stage stage, Duration took) {
        timer(operation, "failure").record(took);
        Counter.builder("backup.failures").description("Failed runs by stage")
                .tag("operation", operation.tag()).tag("stage", stage.tag()).register(registry).increment();
    }

    /** Runs an operation and records its duration, size or failure stage. Skips (Busy) are not failures. */
    <T> T measured(Operation operation, Supplier<T> run, ToLongFunction<T> bytes, ToLongFunction<T> rows) {
        long start = System.nanoTime();
        LongTaskTimer.Sample running = active.get(operation).start();
        try {
            T result = run.get();
            succeeded(operation, Duration.ofNanos(System.nanoTime() - start), bytes.applyAsLong(result),
                    rows.applyAsLong(result));
            return result;
        } catch (BackupLock.Busy | ProblemException e) {
            throw e;
        } catch (BackupFailure e) {
            failed(operation, e.stage, Duration.ofNanos(System.nanoTime() - start));
            throw e;
        } catch (JobControl.Stopped e) {
            failed(operation, Stage.INTERNAL, Duration.ofNanos(System.nanoTime() - start)); // the job records why
            throw e;
        } catch (RuntimeException e) {
            failed(operation, Stage.INTERNAL, Duration.ofNanos(System.nanoTime() - start));
            throw new BackupFailure(Stage.INTERNAL, BackupFailure.message(e), e);
        } finally {
            running.stop();
        }
    }

    /**
     * A success this replica did not see happen (before its start, or on another replica): the
     * gauge an alert watches must not drop to 0 on a restart or lag on a replica that was skipped.
     * Never moves the gauge back.
     */
    void knownSuccess(Operation operation, Instant at) {
        last.get(operation).successEpochSeconds().accumulateAndGet(at.getEpochSecond(), Math::max);
    }

    private Timer timer(Operation operation, String outcome) {
        return Timer.builder("backup.duration").description("Duration of runs")
                .tag("operation", operation.tag()).tag("outcome", outcome).register(registry);
    }
}
