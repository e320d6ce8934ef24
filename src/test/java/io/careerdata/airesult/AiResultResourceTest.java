package io.careerdata.airesult;

import static io.careerdata.testing.Api.anonymous;
import static io.careerdata.testing.Api.asAdmin;
import static io.careerdata.testing.Api.asUser;
import static io.careerdata.testing.Api.newUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.careerdata.cache.CacheCategory;
import io.careerdata.cache.CacheKey;
import io.careerdata.cache.RedisKeys;
import io.careerdata.cache.CacheMetrics;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class AiResultResourceTest {

    private static final String RESULTS = "/api/v1/ai-results/{ns}/{hash}";

    @Inject
    CacheMetrics metrics;

    @Inject
    RedisKeys keys;

    @Inject
    RedisDataSource redis;

    @Inject
    Pool database;

    @Inject
    AiResultService service;

    @Test
    void embedding_storedAsFloats_readFromPostgresThenRedis() {
        String hash = newHash();
        asAdmin().body(Map.of("value", List.of(0.25, -1.5, 3.0), "model", "text-embedding-3-small"))
                .put(RESULTS, "embedding", hash).then().statusCode(200)
                .body("value", hasSize(3)).body("model", equalTo("text-embedding-3-small"));
        long hits = hits(CacheCategory.AI_EMBEDDING);
        long misses = misses(CacheCategory.AI_EMBEDDING);

        UUID user = newUser();
        asUser(user).get(RESULTS, "embedding", hash).then().statusCode(200)
                .body("value[1]", equalTo(-1.5f)).body("namespace", equalTo("embedding"));
        asUser(user).get(RESULTS, "embedding", hash).then().statusCode(200).body("value[2]", equalTo(3.0f));

        assertThat(hits(CacheCategory.AI_EMBEDDING) - hits).isEqualTo(1);
        assertThat(misses(CacheCategory.AI_EMBEDDING) - misses).isEqualTo(1);
        Row row = database.preparedQuery("select pg_typeof(embedding)::text as type, array_length(embedding, 1) as size,"
                        + " content is null as no_content from ai_results where namespace = 'embedding' and hash = $1")
                .execute(Tuple.of(hash)).await().atMost(Duration.ofSeconds(10)).iterator().next();
        assertThat(row.getString("type")).isEqualTo("real[]");
        assertThat(row.getInteger("size")).isEqualTo(3);
        assertThat(row.getBoolean("no_content")).isTrue();
        long ttl = redis.key().ttl(keys.entry(CacheKey.ofEntity(CacheCategory.AI_EMBEDDING, hash)));
        assertThat(ttl).isBetween(Duration.ofHours(24).toSeconds() - 5, (long) (Duration.ofHours(24).toSeconds() * 1.1));
    }

    @Test
    void document_missingThen404Cached_putDropsTheAbsence_durableWithoutRedisCopy() {
        String hash = newHash();
        long misses = misses(CacheCategory.AI_CHAT);
        long hits = hits(CacheCategory.AI_CHAT);
        asAdmin().get(RESULTS, "chat", hash).then().statusCode(404).contentType("application/problem+json");
        asAdmin().get(RESULTS, "chat", hash).then().statusCode(404);
        assertThat(hits(CacheCategory.AI_CHAT) - hits).isEqualTo(1);

        asAdmin().body(Map.of("value", Map.of("answer", "Use generations", "tokens", 42)))
                .put(RESULTS, "chat", hash.toUpperCase()).then().statusCode(200).body("hash", equalTo(hash));
        asAdmin().get(RESULTS, "chat", hash).then().statusCode(200).body("value.answer", equalTo("Use generations"));
        asAdmin().get(RESULTS, "chat", hash).then().statusCode(200).body("value.tokens", equalTo(42));
        assertThat(misses(CacheCategory.AI_CHAT) - misses).isEqualTo(2);
        assertThat(hits(CacheCategory.AI_CHAT) - hits).isEqualTo(2);

        // the hot copy goes; the durable one answers and fills Redis again
        redis.key().del(keys.entry(CacheKey.ofEntity(CacheCategory.AI_CHAT, hash)));
        asAdmin().get(RESULTS, "chat", hash).then().statusCode(200).body("value.tokens", equalTo(42));
        assertThat(misses(CacheCategory.AI_CHAT) - misses).isEqualTo(3);
        long ttl = redis.key().ttl(keys.entry(CacheKey.ofEntity(CacheCategory.AI_CHAT, hash)));
        assertThat(ttl).isBetween(3600L - 5, 3960L);
    }

    @Test
    void invalidRequests_areRefusedWithProblems() {
        String hash = newHash();
        asAdmin().body(Map.of("value", "x")).put(RESULTS, "embedding", hash.substring(1)).then().statusCode(400)
                .body("errors[0].field", equalTo("hash"));
        asAdmin().body(Map.of("value", "x")).put(RESULTS, "chat", hash.replace(hash.charAt(0), 'g')).then()
                .statusCode(400);
        asAdmin().body(Map.of("value", "x")).put(RESULTS, "images", hash).then().statusCode(400)
                .body("errors[0].field", equalTo("namespace"));
        asAdmin().body(Map.of("value", List.of("a", "b"))).put(RESULTS, "embedding", hash).then().statusCode(400)
                .body("errors[0].field", equalTo("value[0]"));
        asAdmin().body(Map.of("model", "m")).put(RESULTS, "rag", hash).then().statusCode(400)
                .body("errors[0].field", equalTo("value"));
        asAdmin().body(Map.of("value", "y".repeat(1_100_000))).put(RESULTS, "rag", hash).then().statusCode(413)
                .contentType("application/problem+json");
        asAdmin().body("{\"value\": ").put(RESULTS, "rag", hash).then().statusCode(400);
    }

    @Test
    void onlyAdminsStore_signedInCallersRead() {
        String hash = newHash();
        UUID user = newUser();
        asUser(user).body(Map.of("value", "planted")).put(RESULTS, "ai-response", hash).then().statusCode(403);
        anonymous().get(RESULTS, "ai-response", hash).then().statusCode(401);
        asAdmin().body(Map.of("value", "real")).put(RESULTS, "ai-response", hash).then().statusCode(200);
        asUser(user).get(RESULTS, "ai-response", hash).then().statusCode(200).body("value", equalTo("real"));
        long ttl = redis.key().ttl(keys.entry(CacheKey.ofEntity(CacheCategory.AI_RESPONSE, hash)));
        assertThat(ttl).isGreaterThan(Duration.ofDays(29).toSeconds());
    }

    @Test
    void cleanup_deletesDurableEntriesOlderThanTheMaximumAge() {
        String old = newHash();
        String fresh = newHash();
        asAdmin().body(Map.of("value", "old")).put(RESULTS, "rag", old).then().statusCode(200);
        asAdmin().body(Map.of("value", "fresh")).put(RESULTS, "rag", fresh).then().statusCode(200);
        database.preparedQuery("update ai_results set stored_at = now() - interval '91 days' where hash = $1")
                .execute(Tuple.of(old)).await().atMost(Duration.ofSeconds(10));

        int deleted = service.cleanup().await().atMost(Duration.ofSeconds(10));

        assertThat(deleted).isGreaterThanOrEqualTo(1);
        assertThat(count(old)).isZero();
        assertThat(count(fresh)).isEqualTo(1);
    }

    private long count(String hash) {
        return database.preparedQuery("select count(*) from ai_results where hash = $1").execute(Tuple.of(hash))
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }

    private long hits(CacheCategory category) {
        return metrics.counts(category).hits();
    }

    private long misses(CacheCategory category) {
        return metrics.counts(category).misses();
    }

    private static String newHash() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
