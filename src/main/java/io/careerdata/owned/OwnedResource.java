package io.careerdata.owned;

import io.careerdata.common.Created;
import io.careerdata.common.Page;
import io.careerdata.common.PageRequest;
import io.careerdata.common.ProblemException;
import io.careerdata.security.Caller;
import io.careerdata.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * List, create, get, update and delete of one kind of user-owned record, under
 * {@code /users/{userId}/<collection>}. A subclass names the path, the entity and the request.
 */
@RolesAllowed({Roles.USER, Roles.ADMIN})
public abstract class OwnedResource<E extends OwnedEntity, R extends OwnedRequest<E>> {

    @Inject
    protected OwnedStore store;

    @Inject
    protected Caller caller;

    private final OwnedCollection<E> collection;

    protected OwnedResource(OwnedCollection<E> collection) {
        this.collection = collection;
    }

    /** Runs after a create or update, in its transaction; nothing by default. */
    protected Uni<Void> afterWrite(Mutiny.Session session, E entity, R request, boolean created) {
        return Uni.createFrom().voidItem();
    }

    @GET
    public Uni<Page<E>> list(@RestPath UUID userId, @BeanParam PageRequest page) {
        caller.requireAccessTo(userId);
        return store.list(collection, userId, page);
    }

    @POST
    public Uni<RestResponse<E>> create(@RestPath UUID userId, @Valid @NotNull R request, UriInfo uri) {
        caller.requireAccessTo(userId);
        return store.create(collection, userId, request, this::afterWrite)
                .map(created -> Created.at(uri, created.id, created));
    }

    @GET
    @Path("{id}")
    public Uni<E> get(@RestPath UUID userId, @RestPath UUID id) {
        caller.requireAccessTo(userId);
        return store.get(collection, userId, id).onItem().ifNull().failWith(() -> notFound(id));
    }

    @PUT
    @Path("{id}")
    public Uni<E> update(@RestPath UUID userId, @RestPath UUID id, @Valid @NotNull R request) {
        caller.requireAccessTo(userId);
        return store.update(collection, userId, id, request, this::afterWrite).onItem().ifNull().failWith(() -> notFound(id));
    }

    @DELETE
    @Path("{id}")
    public Uni<Void> delete(@RestPath UUID userId, @RestPath UUID id) {
        caller.requireAccessTo(userId);
        return store.delete(collection, userId, id).invoke(deleted -> {
            if (!deleted) {
                throw notFound(id);
            }
        }).replaceWithVoid();
    }

    protected ProblemException notFound(UUID id) {
        return ProblemException.notFound(collection.label() + " " + id);
    }
}
