package io.careerdata.user;

import io.careerdata.common.Page;
import io.careerdata.common.PageRequest;
import io.careerdata.common.ProblemException;
import io.careerdata.security.AuditLog;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class UserService {

    @Inject
    AuditLog audit;

    @WithSession
    public Uni<Page<User>> list(PageRequest request) {
        int page = request.page();
        int size = request.size();
        var query = User.<User>findAll(Sort.descending("createdAt").and("id"));
        return query.page(page, size).list()
                .chain(items -> query.count().map(total -> new Page<>(items, page, size, total)));
    }

    @WithSession
    public Uni<User> get(UUID id) {
        return User.findById(id);
    }

    @WithTransaction
    public Uni<User> create(UserRequest request) {
        return requireFreeEmail(request.email(), null).chain(() -> {
            User user = new User();
            request.applyTo(user, true);
            return user.<User>persist()
                    .call(created -> audit.record("user.create", "user", created.id, created.id, Map.of()));
        });
    }

    /** The updated user, or null when there is none with that id. */
    @WithTransaction
    public Uni<User> update(UUID id, UserRequest request, boolean byAdmin) {
        return User.<User>findById(id).onItem().ifNotNull().transformToUni(user -> requireFreeEmail(request.email(), id)
                .invoke(() -> request.applyTo(user, byAdmin))
                .call(() -> byAdmin ? audit.record("user.update", "user", id, id, Map.of()) : Uni.createFrom().voidItem())
                .call(Panache::flush)
                .replaceWith(user));
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
