package io.careerdata.privacy;

import io.careerdata.common.ProblemException;
import io.careerdata.security.Caller;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.All;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The right to erasure (GDPR Art. 17). Erasing a person deletes, in one transaction, their user row
 * (every table that holds their data refers to it with ON DELETE CASCADE, export jobs included)
 * and the audit entries about them; remembers their id in {@code erased_users}; and leaves one
 * audit entry saying that an erasure happened (who asked, which id, when, nothing else). Once that
 * has committed, every {@link UserDataEvictor} deletes the copies it keeps (export files, cached
 * entries).
 *
 * <p>Written with the plain SQL client rather than Panache: {@link #reapplyErasures()} is called
 * by a backup restore, outside any request.
 */
@ApplicationScoped
public class ErasureService {

    private static final Logger LOG = Logger.getLogger(ErasureService.class);
    private static final String ERASE = "user.erase";
    private static final String ERASED_BEFORE = "IN (SELECT user_id FROM erased_users)";

    /**
     * What {@link #reapplyErasures()} runs, for a restore that wants no window at all: run these in
     * its own JDBC transaction (erased_users must keep its current rows, not the backup's), then call
     * {@link #reapplyErasures()} after the commit for the files and cached entries.
     */
    public static final List<String> REAPPLY_SQL = List.of(deleteAboutSql(ERASED_BEFORE), deleteUsersSql(ERASED_BEFORE));

    @Inject
    Pool pool;

    @Inject
    Caller caller;

    @Inject
    @All
    List<UserDataEvictor> evictors;

    private final Counter erasures;

    ErasureService(MeterRegistry registry) {
        erasures = Counter.builder("erasure.completed").description("People whose data was erased").register(registry);
    }

    /**
     * Erases the person. 404 when there is no such user and never was; for an id erased before,
     * repeats the deletion of files and cached entries, so a request that failed half way can be
     * sent again.
     */
    public Uni<Void> erase(UUID userId) {
        String actor = caller.actor();
        return pool.withTransaction(db -> deleteRows(db, "= $1", Tuple.of(userId)).chain(erased -> erased.isEmpty()
                        ? requireErasedBefore(db, userId).replaceWith(false)
                        : db.preparedQuery("INSERT INTO erased_users (user_id) VALUES ($1) ON CONFLICT DO NOTHING")
                                .execute(Tuple.of(userId))
                                .chain(() -> recordErasure(db, actor, userId.toString()))
                                .replaceWith(true)))
                .call(() -> deleteCopies(userId))
                .invoke(newlyErased -> {
                    if (newlyErased) {
                        erasures.increment();
                    }
                })
                .replaceWithVoid();
    }

    /**
     * Erases again everyone whose id is in {@code erased_users} but who has rows once more: call it
     * after a backup restore (a backup taken before an erasure still holds the person). Answers how
     * many people were erased again.
     */
    public Uni<Integer> reapplyErasures() {
        return pool.withTransaction(db -> deleteRows(db, ERASED_BEFORE, Tuple.tuple())
                        .call(erased -> erased.isEmpty() ? Uni.createFrom().voidItem()
                                : recordErasure(db, "system", "reapplied to " + erased.size() + " after a restore")))
                .call(erased -> Multi.createFrom().iterable(erased)
                        .onItem().transformToUniAndConcatenate(this::deleteCopies)
                        .collect().last())
                .invoke(erased -> {
                    if (!erased.isEmpty()) {
                        LOG.infof("Erased %d people again whose rows a restore brought back", erased.size());
                        erasures.increment(erased.size());
                    }
                })
                .map(List::size);
    }

    /** Deletes the rows of the users {@code which} selects (an SQL condition on an id); answers their ids. */
    private static Uni<List<UUID>> deleteRows(SqlConnection db, String which, Tuple params) {
        return db.preparedQuery(deleteAboutSql(which)).execute(params)
                .chain(() -> db.preparedQuery(deleteUsersSql(which) + " RETURNING id").execute(params))
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    for (Row row : rows) {
                        ids.add(row.getUUID("id"));
                    }
                    return ids;
                });
    }

    private static String deleteAboutSql(String which) {
        return "DELETE FROM audit_log WHERE subject_user_id " + which;
    }

    /** Every user-owned table refers to users with ON DELETE CASCADE: deleting the user deletes their rows. */
    private static String deleteUsersSql(String which) {
        return "DELETE FROM users WHERE id " + which;
    }

    private static Uni<Void> requireErasedBefore(SqlConnection db, UUID userId) {
        return db.preparedQuery("SELECT 1 FROM erased_users WHERE user_id = $1").execute(Tuple.of(userId))
                .invoke(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.notFound("User " + userId);
                    }
                })
                .replaceWithVoid();
    }

    /** The one audit entry an erasure leaves: not about the person (no subject), so nothing erases it. */
    private static Uni<Void> recordErasure(SqlConnection db, String actor, String target) {
        return db.preparedQuery("INSERT INTO audit_log (actor, action, target_type, target_id) VALUES ($1, $2, 'user', $3)")
                .execute(Tuple.of(actor, ERASE, target))
                .replaceWithVoid();
    }

    private Uni<Void> deleteCopies(UUID userId) {
        return Multi.createFrom().iterable(evictors)
                .onItem().transformToUniAndConcatenate(evictor -> evictor.evictUser(userId))
                .collect().last()
                .replaceWithVoid()
                .onFailure().transform(e -> {
                    LOG.errorf(e, "Erasure of %s: rows are gone, but files or cached entries remain", userId);
                    return new ProblemException(503, "Service Unavailable",
                            "The records are erased, but copies could not all be deleted yet; send the request again");
                });
    }
}
