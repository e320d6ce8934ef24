package io.careerdata.cache;

import io.careerdata.common.ProblemException;
import io.careerdata.security.AuditLog;
import io.careerdata.security.Caller;
import io.careerdata.security.Roles;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

/** Operating the cache: figures, clearing, invalidation, warming, health. Admin operations are audited. */
@Path("/api/v1/data-management/cache")
@Tag(name = "Cache")
public class CacheResource {

    /** What to invalidate: an event (with the ids it needs), one category's scope, or all of a user's data. */
    @RegisterForReflection
    public record InvalidationRequest(String event, String category, UUID userId, @Size(max = 200) String entityId) {
    }

    @RegisterForReflection
    public record Invalidated(List<String> categories, boolean wholeUser) {
    }

    /** Users to warm; without them, the {@code limit} most recently active users. */
    @RegisterForReflection
    public record WarmupRequest(@Size(max = 1000) List<UUID> userIds, @Min(1) @Max(10_000) Integer limit) {
    }

    @RegisterForReflection
    public record Cleared(String category, long keysRemoved) {
    }

    /** The constant answer of {@link #ping()}. */
    @RegisterForReflection
    public record Pong(String status) {
    }

    private static final Pong PONG = new Pong("ok");
    private static final String REDIS_DOWN = "Service Unavailable: Redis is unreachable";

    @Inject
    CacheLayer cache;

    @Inject
    CacheRemoval removal;

    @Inject
    CacheInvalidator invalidator;

    @Inject
    CacheWarmer warmer;

    @Inject
    CacheReports reports;

    @Inject
    CacheConfig config;

    @Inject
    AuditLog audit;

    @Inject
    Caller caller;

    /**
     * A constant answer through the same HTTP, token and JSON stack as the cached reads, without
     * touching Redis or PostgreSQL: the benchmark's ceiling (see bench/cache).
     */
    @GET
    @Path("ping")
    @RolesAllowed({Roles.USER, Roles.ADMIN})
    @Operation(operationId = "pingCache", summary = "A constant answer for any signed-in caller (the benchmark's HTTP ceiling)")
    public Uni<Pong> ping() {
        return Uni.createFrom().item(PONG);
    }

    @GET
    @Path("stats")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "getCacheStats", summary = "Per category hits, misses, puts, evictions; Redis memory and keys")
    public Uni<CacheReports.Stats> stats() {
        return reports.stats();
    }

    @GET
    @Path("health")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "getCacheHealth", summary = "Redis reachable, latency, degraded, circuit state")
    public Uni<CacheReports.Health> health() {
        return reports.health();
    }

    @DELETE
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "clearCache", summary = "Clear the cache, or one category of it")
    @APIResponseSchema(value = Cleared.class, responseDescription = "What was cleared")
    @APIResponse(responseCode = "503", description = REDIS_DOWN)
    public Uni<Cleared> clear(@Parameter(description = "A cache category (see the README); all of them without it") @RestQuery String category) {
        CacheCategory chosen = category == null || category.isBlank() ? null : category(category, "category");
        String name = chosen == null ? "all" : chosen.label;
        return removal.clear(chosen)
                .onFailure().transform(failure -> unavailable("cleared"))
                .call(removed -> audited("cache.clear", name, null, Map.of("keysRemoved", removed)))
                .map(removed -> new Cleared(name, removed));
    }

    @DELETE
    @Path("users/{userId}")
    @RolesAllowed({Roles.USER, Roles.ADMIN})
    @Operation(operationId = "evictUserCache", summary = "Drop one user's cached entries")
    @APIResponse(responseCode = "204", description = "Dropped")
    @APIResponse(responseCode = "503", description = REDIS_DOWN)
    public Uni<Void> dropUser(@RestPath UUID userId) {
        caller.requireAccessTo(userId);
        return removal.evictUser(userId)
                .onFailure().transform(failure -> unavailable("dropped"))
                .call(() -> caller.isAdmin() ? audited("cache.drop-user", userId.toString(), userId, Map.of())
                        : Uni.createFrom().voidItem());
    }

    @POST
    @Path("invalidations")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "invalidateCache", summary = "Invalidate by event, category, entity or user")
    public Uni<Invalidated> invalidate(@Valid InvalidationRequest request) {
        if (request == null) {
            throw ProblemException.badRequest("event", "give an event, a category or a userId");
        }
        Uni<Invalidated> done;
        if (request.event() != null) {
            CacheEvent event = CacheEvent.byLabel(request.event())
                    .orElseThrow(() -> ProblemException.badRequest("event", "must be one of " + labels(CacheEvent.values())));
            require(!event.needsUser() || request.userId() != null, "userId", "is needed for " + event.label);
            require(!event.needsEntity() || request.entityId() != null, "entityId", "is needed for " + event.label);
            done = invalidator.changed(event, request.userId(), request.entityId())
                    .replaceWith(new Invalidated(event.drops.stream().map(c -> c.label).toList(), event.wholeUser));
        } else if (request.category() != null) {
            CacheCategory category = category(request.category(), "category");
            require(category.owner != CacheCategory.Owner.USER || request.userId() != null, "userId",
                    "is needed for " + category.label);
            require(category.owner != CacheCategory.Owner.ENTITY || request.entityId() != null, "entityId",
                    "is needed for " + category.label);
            done = cache.invalidate(List.of(InvalidationScope.of(category, request.userId(), request.entityId())))
                    .replaceWith(new Invalidated(List.of(category.label), false));
        } else if (request.userId() != null) {
            done = invalidator.userChanged(request.userId()).replaceWith(new Invalidated(List.of(), true));
        } else {
            throw ProblemException.badRequest("event", "give an event, a category or a userId");
        }
        Map<String, Object> details = new HashMap<>();
        if (request.event() != null) {
            details.put("event", request.event());
        }
        if (request.category() != null) {
            details.put("category", request.category());
        }
        if (request.entityId() != null) {
            details.put("entityId", request.entityId());
        }
        String target = request.event() != null ? request.event() : request.category() != null ? request.category() : "user";
        return done.call(() -> audited("cache.invalidate", target, request.userId(), details));
    }

    @POST
    @Path("warmups")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "warmCache", summary = "Warm the cache for some users, or the most recently active")
    public Uni<CacheWarmer.Report> warm(@Valid WarmupRequest request) {
        Uni<CacheWarmer.Report> run = request != null && request.userIds() != null && !request.userIds().isEmpty()
                ? warmer.warm(request.userIds())
                : warmer.warmMostRecentlyActive(request != null && request.limit() != null ? request.limit()
                        : config.warming().users());
        return run.call(report -> audited("cache.warm", "cache", null,
                Map.of("users", report.users(), "entriesWritten", report.entriesWritten())));
    }

    private Uni<Void> audited(String action, String target, UUID subject, Map<String, Object> details) {
        return Panache.withTransaction(() -> audit.record(action, "cache", target, subject, details));
    }

    private static CacheCategory category(String label, String field) {
        return CacheCategory.byLabel(label)
                .orElseThrow(() -> ProblemException.badRequest(field, "must be one of " + labels(CacheCategory.values())));
    }

    private static String labels(Object[] values) {
        return String.join(", ", java.util.Arrays.stream(values).map(Object::toString)
                .map(v -> v.toLowerCase().replace('_', '-')).toList());
    }

    private static void require(boolean condition, String field, String message) {
        if (!condition) {
            throw ProblemException.badRequest(field, message);
        }
    }

    private static ProblemException unavailable(String what) {
        return new ProblemException(503, "Service Unavailable", "Redis is unreachable; the cache could not be " + what);
    }
}
