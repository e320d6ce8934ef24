package io.careerdata.user;

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
import io.careerdata.security.AuditLog;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Users; the profile is read through the cache, and writes invalidate it after they commit. */
@ApplicationScoped
public class UserService implements WarmupReads {

    @Inject
    AuditLog audit;

    @Inject
    CacheLayer cache;

    @Inject
    CacheInvalidator invalidator;

    @WithSession
    public Uni<Page<User>> list(PageRequest request) {
        int page = request.page();
        int size = request.size();
        var query = User.<User>findAll(Sort.descending("createdAt").and("id"));
        return query.page(page, size).list()
                .chain(items -> query.count().map(total -> new Page<>(items, page, size, total)));
    }

    public Uni<User> get(UUID id) {
        return cache.get(profileRead(id));
    }

    private static CachedRead<User> profileRead(UUID id) {
        return CachedRead.of(CacheKey.ofUser(CacheCategory.PROFILE, id), User.class,
                () -> Panache.withSession(() -> User.<User>findById(id)));
    }

    @Override
    public List<CachedRead<?>> warmupReads(UUID userId) {
        return List.of(profileRead(userId));
    }

    public Uni<User> create(UserRequest request) {
        return Panache.withTransaction(() -> requireFreeEmail(request.email(), null).chain(() -> {
            User user = new User();
            request.applyTo(user, true);
            return user.<User>persist()
                    .call(created -> audit.record("user.create", "user", created.id, created.id, Map.of()));
        })).call(created -> invalidator.changed(CacheEvent.USER_CREATED, created.id, null));
    }

    /** The updated user, or null when there is none with that id. */
    public Uni<User> update(UUID id, UserRequest request, boolean byAdmin) {
        return Panache.withTransaction(() -> User.<User>findById(id).onItem().ifNotNull().transformToUni(user ->
                requireFreeEmail(request.email(), id)
                        .invoke(() -> request.applyTo(user, byAdmin))
                        .call(() -> byAdmin ? audit.record("user.update", "user", id, id, Map.of())
                                : Uni.createFrom().voidItem())
                        .call(Panache::flush)
                        .replaceWith(user)))
                .call(user -> user == null ? Uni.createFrom().voidItem()
                        : invalidator.changed(CacheEvent.PROFILE_UPDATED, id, null));
    }

    /** A clear 409 for the common case; the unique index still decides when two requests race. */
    private static Uni<Void> requireFreeEmail(String email, UUID self) {
        Uni<Long> sameEmail = self == null
                ? User.count("lower(email) = lower(?1)", email.trim())
                : User.count("lower(email) = lower(?1) and id <> ?2", email.trim(), self);
        return sameEmail
                .invoke(taken -> {
                    if (taken > 0) {
                        throw ProblemException.conflict("A user with this email exists already");
                    }
                })
                .replaceWithVoid();
    }
}
