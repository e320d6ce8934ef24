package io.careerdata.owned;

import io.careerdata.common.Page;
import io.careerdata.common.PageRequest;
import io.careerdata.common.ProblemException;
import io.careerdata.user.User;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.function.Supplier;
import org.hibernate.LockMode;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Reads and writes user-owned records of any kind, always scoped to one user: a record of another
 * user is treated as absent. Operations on one session run one after another, never at once.
 */
@ApplicationScoped
public class OwnedStore {

    /** What a collection does after its record is written, inside the same transaction (resume versions). */
    @FunctionalInterface
    public interface AfterWrite<E extends OwnedEntity, R> {
        Uni<Void> apply(Mutiny.Session session, E entity, R request, boolean created);
    }

    @WithSession
    public <E extends OwnedEntity> Uni<Page<E>> list(Class<E> type, UUID userId, PageRequest request) {
        int page = request.page();
        int size = request.size();
        String entity = type.getSimpleName();
        return Panache.getSession().chain(session -> session
                .createSelectionQuery("from " + entity + " where userId = :user order by createdAt desc, id", type)
                .setParameter("user", userId)
                .setFirstResult(page * size)
                .setMaxResults(size)
                .getResultList()
                .chain(items -> session
                        .createSelectionQuery("select count(*) from " + entity + " where userId = :user", Long.class)
                        .setParameter("user", userId)
                        .getSingleResult()
                        .map(total -> new Page<>(items, page, size, total))));
    }

    /** The record, or null when it does not exist or belongs to someone else. */
    @WithSession
    public <E extends OwnedEntity> Uni<E> get(Class<E> type, UUID userId, UUID id) {
        return Panache.getSession().chain(session -> find(session, type, userId, id));
    }

    @WithTransaction
    public <E extends OwnedEntity, R extends OwnedRequest<E>> Uni<E> create(Class<E> type, Supplier<E> factory,
            UUID userId, R request, AfterWrite<E, R> afterWrite) {
        return Panache.getSession().chain(session -> session.find(User.class, userId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("User " + userId))
                .chain(() -> checkReferences(session, userId, request))
                .chain(() -> {
                    E entity = factory.get();
                    entity.userId = userId;
                    request.applyTo(entity);
                    return session.persist(entity)
                            .chain(() -> afterWrite.apply(session, entity, request, true))
                            .replaceWith(entity);
                }));
    }

    /** The updated record, or null when it does not exist or belongs to someone else. */
    @WithTransaction
    public <E extends OwnedEntity, R extends OwnedRequest<E>> Uni<E> update(Class<E> type, UUID userId, UUID id,
            R request, AfterWrite<E, R> afterWrite) {
        // the row lock makes concurrent updates of one record take turns: each sees the one before
        // (a resume's next version number, an application's current status)
        return Panache.getSession().chain(session -> session.find(type, id, LockMode.PESSIMISTIC_WRITE)
                .map(entity -> ownedBy(entity, userId))
                .onItem().ifNotNull().transformToUni(entity -> checkReferences(session, userId, request)
                        .invoke(() -> request.applyTo(entity))
                        .chain(() -> afterWrite.apply(session, entity, request, false))
                        // flush now so updatedAt is set in the answer
                        .chain(session::flush)
                        .replaceWith(entity)));
    }

    /** True when the record existed (and belonged to the user) and is gone now. */
    @WithTransaction
    public <E extends OwnedEntity> Uni<Boolean> delete(Class<E> type, UUID userId, UUID id) {
        return Panache.getSession().chain(session -> find(session, type, userId, id)
                .onItem().ifNotNull().transformToUni(entity -> session.remove(entity).replaceWith(true))
                .replaceIfNullWith(false));
    }

    private static <E extends OwnedEntity> Uni<E> find(Mutiny.Session session, Class<E> type, UUID userId, UUID id) {
        return session.find(type, id).map(entity -> ownedBy(entity, userId));
    }

    private static <E extends OwnedEntity> E ownedBy(E entity, UUID userId) {
        return entity != null && entity.userId.equals(userId) ? entity : null;
    }

    private static Uni<Void> checkReferences(Mutiny.Session session, UUID userId, OwnedRequest<?> request) {
        return Multi.createFrom().iterable(request.references())
                .filter(reference -> reference.id() != null)
                .onItem().transformToUniAndConcatenate(reference -> session.find(reference.type(), reference.id())
                        .invoke(found -> {
                            boolean usable = found != null
                                    && (!(found instanceof OwnedEntity owned) || owned.userId.equals(userId));
                            if (!usable) {
                                throw ProblemException.badRequest(reference.field(), "refers to no record of this user");
                            }
                        }))
                .collect().last()
                .replaceWithVoid();
    }
}
