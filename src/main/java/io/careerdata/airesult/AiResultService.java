package io.careerdata.airesult;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.careerdata.cache.CacheKey;
import io.careerdata.cache.CacheLayer;
import io.careerdata.cache.InvalidationScope;
import io.careerdata.cache.CachedRead;
import io.careerdata.common.ProblemException;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Content-addressed AI results: a read goes to Redis, then PostgreSQL (refilling Redis), then 404
 * (remembered briefly). A write stores the durable copy, then drops the cached one.
 */
@ApplicationScoped
public class AiResultService {

    private static final Logger LOG = Logger.getLogger(AiResultService.class);

    @Inject
    Pool database;

    @Inject
    CacheLayer cache;

    @Inject
    ObjectMapper mapper;

    @Inject
    AiResultsConfig config;

    /** The result, or null when none is stored. */
    public Uni<AiResult> get(AiNamespace namespace, String hash) {
        return cache.get(CachedRead.of(CacheKey.ofEntity(namespace.category, hash), AiResult.class,
                () -> load(namespace, hash)));
    }

    public Uni<AiResult> put(AiNamespace namespace, String hash, AiResultRequest request) {
        Float[] embedding = namespace == AiNamespace.EMBEDDING ? floats(request.value()) : null;
        String content = embedding == null ? json(request.value()) : null;
        return database.preparedQuery("insert into ai_results (namespace, hash, embedding, content, model, stored_at)"
                        + " values ($1, $2, $3::real[], $4::text::jsonb, $5, now())"
                        + " on conflict (namespace, hash) do update set embedding = excluded.embedding,"
                        + " content = excluded.content, model = excluded.model, stored_at = excluded.stored_at"
                        + " returning stored_at")
                .execute(Tuple.of(namespace.label, hash, embedding, content, request.model()))
                .map(rows -> new AiResult(namespace.label, hash, request.model(),
                        embedding == null ? request.value() : array(embedding),
                        rows.iterator().next().getOffsetDateTime("stored_at").toInstant()))
                // after the durable write: a reader that loaded the old copy cannot cache it any more
                .call(() -> cache.invalidate(List.of(InvalidationScope.of(namespace.category, null, hash))));
    }

    /** Deletes durable results stored before the configured age; answers how many went. */
    public Uni<Integer> cleanup() {
        OffsetDateTime cutoff = OffsetDateTime.now(ZoneOffset.UTC).minus(config.maxAge());
        return database.preparedQuery("delete from ai_results where stored_at < $1")
                .execute(Tuple.of(cutoff))
                .map(rows -> rows.rowCount());
    }

    @Scheduled(identity = "ai-results-cleanup", every = "${ai-results.cleanup-every:6h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> cleanupOnSchedule() {
        return cleanup()
                .invoke(count -> LOG.infof("AI result cleanup: %d entries older than %s deleted", count, config.maxAge()))
                .onFailure().invoke(failure -> LOG.warnf("AI result cleanup failed: %s", failure.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private Uni<AiResult> load(AiNamespace namespace, String hash) {
        return database.preparedQuery("select embedding, content::text as content, model, stored_at from ai_results"
                        + " where namespace = $1 and hash = $2")
                .execute(Tuple.of(namespace.label, hash))
                .map(rows -> rows.size() == 0 ? null : toResult(namespace, hash, rows.iterator().next()));
    }

    private AiResult toResult(AiNamespace namespace, String hash, Row row) {
        JsonNode value;
        if (namespace == AiNamespace.EMBEDDING) {
            value = array(row.getArrayOfFloats("embedding"));
        } else {
            try {
                value = mapper.readTree(row.getString("content"));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored AI result is not JSON", e);
            }
        }
        return new AiResult(namespace.label, hash, row.getString("model"), value,
                row.getOffsetDateTime("stored_at").toInstant());
    }

    private static Float[] floats(JsonNode value) {
        if (value == null || !value.isArray() || value.isEmpty()) {
            throw ProblemException.badRequest("value", "an embedding must be a non-empty array of numbers");
        }
        Float[] floats = new Float[value.size()];
        for (int i = 0; i < floats.length; i++) {
            JsonNode element = value.get(i);
            if (!element.isNumber() || !Float.isFinite(element.floatValue())) {
                throw ProblemException.badRequest("value[" + i + "]", "must be a finite number");
            }
            floats[i] = element.floatValue();
        }
        return floats;
    }

    private String json(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            throw ProblemException.badRequest("value", "must not be empty");
        }
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw ProblemException.badRequest("value", "is not valid JSON");
        }
    }

    private static ArrayNode array(Float[] floats) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode(floats.length);
        for (Float f : floats) {
            array.add(f);
        }
        return array;
    }
}
