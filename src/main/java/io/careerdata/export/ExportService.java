package io.careerdata.export;

import io.careerdata.common.Page;
import io.careerdata.common.PageRequest;
import io.careerdata.common.ProblemException;
import io.careerdata.jobs.InstanceId;
import io.careerdata.security.AuditEntry;
import io.careerdata.security.AuditLog;
import io.careerdata.security.Caller;
import io.careerdata.user.User;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/**
 * Export requests, listing, download and deletion, for the caller. A user reaches their own
 * exports only; another user's answer exactly like a missing one (404). Every request, download
 * and deletion is written to the audit log in the transaction of the change.
 */
@ApplicationScoped
public class ExportService {

    static final String REQUESTED = "export.request";
    private static final String ONE_ACTIVE_INDEX = "export_jobs_one_active_uq";

    /** A file ready to be sent. */
    public record Download(Path file, String fileName, String mediaType) {
    }

    @Inject
    Caller caller;

    @Inject
    AuditLog audit;

    @Inject
    ExportConfig config;

    @Inject
    ExportRunner runner;

    @Inject
    ExportStorage storage;

    @Inject
    ExportMetrics metrics;

    @Inject
    Vertx vertx;

    @Inject
    InstanceId instance;

    /** Records the job and starts making its file once the record is committed. */
    public Uni<ExportJob> request(ExportRequest request) {
        UUID subject = request.userId() != null ? request.userId() : caller.requireUserId();
        caller.requireAccessTo(subject);
        return Panache.withTransaction(() -> create(subject, request))
                .invoke(runner::start)
                .invoke(job -> metrics.requested(job.format, "accepted"))
                .onFailure(TooManyRequests.class)
                .invoke(e -> metrics.requested(request.format(), e instanceof Busy ? "busy" : "rate_limited"));
    }

    @WithSession
    public Uni<Page<ExportJob>> list(UUID userId, PageRequest request) {
        UUID subject = userId != null ? userId : caller.requireUserId();
        caller.requireAccessTo(subject);
        int page = request.page();
        int size = request.size();
        var query = ExportJob.<ExportJob>find("userId", Sort.descending("createdAt").and("id"), subject);
        return query.page(page, size).list()
                .chain(items -> query.count().map(total -> new Page<>(items, page, size, total)));
    }

    /** The export, or null when there is none the caller may see. */
    @WithSession
    public Uni<ExportJob> get(UUID id) {
        return visible(id);
    }

    /**
     * The file of a finished, unexpired export the caller may see (404 otherwise, 409 while it is
     * being made, 410 once it has expired or failed), with the download written to the audit log.
     */
    @WithTransaction
    public Uni<Download> download(UUID id) {
        return visible(id).onItem().ifNull().failWith(() -> notFound(id)).chain(job -> {
            if (job.state == ExportState.pending || job.state == ExportState.running) {
                throw ProblemException.conflict("Export " + id + " is still being made (" + job.progress + "%)");
            }
            Path file = storage.file(job.userId, job.id, job.format);
            if (job.state == ExportState.failed || job.expiresAt.isBefore(Instant.now())) {
                throw gone(id);
            }
            return vertx.fileSystem().exists(file.toString())
                    .invoke(exists -> {
                        if (!exists) {
                            throw gone(id);
                        }
                    })
                    .call(() -> audit.record("export.download", "export", id, job.userId,
                            Map.of("format", job.format.name())))
                    .invoke(() -> metrics.downloaded(job.format))
                    .map(exists -> new Download(file, fileName(job), job.format.mediaType()));
        });
    }

    /** True when the export existed for the caller and is gone now, file included. */
    public Uni<Boolean> delete(UUID id) {
        return Panache.withTransaction(() -> visible(id).onItem().ifNotNull().call(job -> job.delete()
                        .call(() -> audit.record("export.delete", "export", id, job.userId, Map.of()))))
                .onItem().ifNotNull().call(job -> storage.deleteExport(job.userId, job.id))
                .map(job -> job != null);
    }

    private Uni<ExportJob> create(UUID subject, ExportRequest request) {
        return User.<User>findById(subject)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("User " + subject))
                .chain(() -> caller.isAdmin() ? Uni.createFrom().voidItem() : requireDailyAllowance(subject))
                .chain(() -> ExportJob.count("userId = ?1 and state in ?2", subject, ExportState.ACTIVE))
                .chain(active -> {
                    if (active > 0) {
                        throw new Busy(config.busyRetryAfter());
                    }
                    ExportJob job = new ExportJob();
                    job.id = UUID.randomUUID();
                    job.userId = subject;
                    job.format = request.format();
                    job.scope = request.scopeOrDefault();
                    job.state = ExportState.pending;
                    job.createdAt = Instant.now();
                    job.expiresAt = job.createdAt.plus(config.expiry());
                    job.instanceId = instance.value(); // this replica makes it, from the commit on
                    job.heartbeatAt = job.createdAt;
                    return job.<ExportJob>persist()
                            .call(Panache::flush)
                            // two requests that raced past the check above: the unique index decides
                            .onFailure(ExportService::isSecondActiveJob)
                            .transform(e -> new Busy(config.busyRetryAfter()));
                })
                .call(job -> audit.record(REQUESTED, "export", job.id, subject,
                        Map.of("format", job.format.name(), "scope", job.scope.name())));
    }

    /**
     * The daily limit counts the person's own requests in the audit log: deleting an export does
     * not give a request back, and requests made for them by an admin do not count.
     */
    private Uni<Void> requireDailyAllowance(UUID subject) {
        Instant since = Instant.now().minus(config.rateWindow());
        return AuditEntry.<AuditEntry>find("action = ?1 and subjectUserId = ?2 and actor = ?3 and occurredAt > ?4",
                        Sort.ascending("occurredAt"), REQUESTED, subject, caller.actor(), since)
                .list()
                .invoke(requests -> {
                    int limit = config.dailyLimit();
                    if (requests.size() >= limit) {
                        // a request is possible again once enough of the oldest leave the window
                        Instant freed = requests.get(requests.size() - limit).occurredAt.plus(config.rateWindow());
                        throw new TooManyRequests("At most " + limit + " exports per " + describe(config.rateWindow())
                                + " may be requested", Duration.between(Instant.now(), freed));
                    }
                })
                .replaceWithVoid();
    }

    private Uni<ExportJob> visible(UUID id) {
        return ExportJob.<ExportJob>findById(id).map(job -> job != null
                && (caller.isAdmin() || caller.userId().map(job.userId::equals).orElse(false)) ? job : null);
    }

    /** A name made from the export's own data only: {@code career-data-export-2024-05-01-1a2b3c4d.zip}. */
    static String fileName(ExportJob job) {
        return "career-data-export-" + job.createdAt.truncatedTo(ChronoUnit.DAYS).toString().substring(0, 10)
                + "-" + job.id.toString().substring(0, 8) + "." + job.format.extension();
    }

    static ProblemException notFound(UUID id) {
        return ProblemException.notFound("Export " + id);
    }

    private static ProblemException gone(UUID id) {
        return new ProblemException(410, "Gone", "Export " + id + " has expired or failed; ask for a new one");
    }

    private static String describe(Duration window) {
        return window.equals(Duration.ofDays(1)) ? "day" : window.toString();
    }

    private static boolean isSecondActiveJob(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().contains(ONE_ACTIVE_INDEX)) {
                return true;
            }
        }
        return false;
    }

    /** 429 with the seconds to wait, which the resource sends as Retry-After. */
    public static class TooManyRequests extends ProblemException {

        private final long retryAfterSeconds;

        TooManyRequests(String detail, Duration retryAfter) {
            super(429, "Too Many Requests", detail);
            this.retryAfterSeconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** The person has an export that is not finished yet. */
    static final class Busy extends TooManyRequests {
        Busy(Duration retryAfter) {
            super("An export of this person's data is being made; one at a time", retryAfter);
        }
    }
}
