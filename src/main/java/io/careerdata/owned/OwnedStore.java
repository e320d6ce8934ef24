package io.careerdata.owned;

import io.careerdata.cache.CacheCategory;
import io.careerdata.cache.CacheEvent;
import io.careerdata.cache.CacheInvalidator;
import io.careerdata.cache.CacheKey;
import io.careerdata.cache.CacheLayer;
import io.careerdata.cache.WarmupReads;
import io.careerdata.cache.CachedRead;
import io.careerdata.common.Page;
import io.careerdata.common.PageRequest;
import io.careerdata.common.ProblemException;
import io.careerdata.user.User;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.quarkus.arc.All;
import java.util.List;
import java.util.UUID;
import org.hibernate.LockMode;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Reads and writes user-owned records of any kind, always scoped to one user: a record of another
 * user is treated as absent. Operations on one session run one after another, never at once.
 * Reads go through the cache (under the collection's category); a write invalidates
 * after its transaction has committed, before it answers.
 */
@ApplicationScoped
public class OwnedStore implements WarmupReads {

    @Inject
    CacheLayer cache;

    @Inject
    CacheInvalidator invalidator;

    /** Every collection the service serves (each resource produces its own), for warming. */
    @Inject
    @All
    List<OwnedCollection<?>> collections;

    /** What a collection does after its record is written, inside the same transaction (resume versions). */
    @FunctionalInterface
    public interface AfterWrite<E extends OwnedEntity, R> {
        Uni<Void> apply(Mutiny.Session session, E entity, R request, boolean created);
    }

    public <E extends OwnedEntity> Uni<Page<E>> list(OwnedCollection<E> collection, UUID userId, PageRequest request) {
        return cache.get(listRead(collection, userId, request.page(), request.size()));
    }

    private <E extends OwnedEntity> CachedRead<Page<E>> listRead(OwnedCollection<E> collection, UUID userId, int page,
            int size) {
        return CachedRead.page(CacheKey.ofUser(collection.category(), userId, "list", page, size), collection.type(),
                () -> Panache.withSession(() -> loadList(collection.type(), userId, page, size)));
    }

    private static <E extends OwnedEntity> Uni<Page<E>> loadList(Class<E> type, UUID userId, int page, int size) {
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

    /** The record, or null when it does not exist or belongs to someone else (both cached). */
    public <E extends OwnedEntity> Uni<E> get(OwnedCollection<E> collection, UUID userId, UUID id) {
        return cache.get(CachedRead.of(CacheKey.ofUser(collection.category(), userId, id), collection.type(),
                () -> Panache.withSession(() -> Panache.getSession()
                        .chain(session -> find(session, collection.type(), userId, id)))));
    }

    /** The first page of every collection of the user, for the cache warming job. */
    @Override
    public List<CachedRead<?>> warmupReads(UUID userId) {
        return collections.stream()
                .<CachedRead<?>>map(collection -> listRead(collection, userId, 0, PageRequest.DEFAULT_SIZE))
                .toList();
    }

    public <E extends OwnedEntity, R extends OwnedRequest<E>> Uni<E> create(OwnedCollection<E> collection, UUID userId,
            R request, AfterWrite<E, R> afterWrite) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session.find(User.class, userId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("User " + userId))
                .chain(() -> checkReferences(session, userId, request))
                .chain(() -> {
                    E entity = collection.factory().get();
                    entity.userId = userId;
                    request.applyTo(entity);
                    return session.persist(entity)
                            .chain(() -> afterWrite.apply(session, entity, request, true))
                            .replaceWith(entity);
                })))
                .call(() -> changed(collection, userId));
    }

    /** The updated record, or null when it does not exist or belongs to someone else. */
    public <E extends OwnedEntity, R extends OwnedRequest<E>> Uni<E> update(OwnedCollection<E> collection, UUID userId,
            UUID id, R request, AfterWrite<E, R> afterWrite) {
        // the row lock makes concurrent updates of one record take turns: each sees the one before
        // (a resume's next version number, an application's current status)
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                .find(collection.type(), id, LockMode.PESSIMISTIC_WRITE)
                .map(entity -> ownedBy(entity, userId))
                .onItem().ifNotNull().transformToUni(entity -> checkReferences(session, userId, request)
                        .invoke(() -> request.applyTo(entity))
                        .chain(() -> afterWrite.apply(session, entity, request, false))
                        // flush now so updatedAt is set in the answer
                        .chain(session::flush)
                        .replaceWith(entity))))
                .call(updated -> updated == null ? Uni.createFrom().voidItem() : changed(collection, userId));
    }

    /** True when the record existed (and belonged to the user) and is gone now. */
    public <E extends OwnedEntity> Uni<Boolean> delete(OwnedCollection<E> collection, UUID userId, UUID id) {
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> find(session, collection.type(), userId, id)
                .onItem().ifNotNull().transformToUni(entity -> session.remove(entity).replaceWith(true))
                .replaceIfNullWith(false)))
                .call(deleted -> deleted ? changed(collection, userId) : Uni.createFrom().voidItem());
    }

    /** Runs after the commit: the invalidation must not be undone by a reader that loaded before it. */
    private Uni<Void> changed(OwnedCollection<?> collection, UUID userId) {
        CacheCategory category = collection.category();
        CacheEvent event = CacheEvent.forCollection(category)
                .orElseThrow(() -> new IllegalStateException("no change event for " + category));
        return invalidator.changed(event, userId, null);
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
