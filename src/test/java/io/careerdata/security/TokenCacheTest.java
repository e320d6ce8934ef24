package io.careerdata.security;

import static io.careerdata.testing.Api.as;
import static io.careerdata.testing.Api.newUser;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.careerdata.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.inject.Inject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The verified-token cache over HTTP: a token is verified once and then served from the cache with
 * the same subject and roles; nothing the verifier would refuse (expired, not yet valid, changed,
 * signed by another key) is ever accepted, even right after the same or the original token was.
 * Counted by the cache's own statistics and by {@code /q/metrics}.
 */
@QuarkusTest
class TokenCacheTest {

    private static final String PING = "/api/v1/data-management/cache/ping";
    private static final String ME = "/api/v1/users/me";
    private static final String ADMIN_ONLY = "/api/v1/users";

    @Inject
    VerifiedTokenCache cache;

    @Inject
    TokenCacheConfig config;

    private long hits;
    private long misses;

    @BeforeEach
    void snapshot() {
        hits = cache.stats().hitCount();
        misses = cache.stats().missCount();
    }

    @Test
    void shouldVerifyOnceThenServeSubjectAndRolesFromTheCache() {
        UUID userId = newUser();
        String token = TestTokens.user(userId);
        snapshot();

        as(token).get(ME).then().statusCode(200).body("id", equalTo(userId.toString()));
        assertCounts(0, 1);
        as(token).get(ME).then().statusCode(200).body("id", equalTo(userId.toString()));
        as(token).get(ADMIN_ONLY).then().statusCode(403);
        assertCounts(2, 1);

        String admin = TestTokens.admin();
        as(admin).get(ADMIN_ONLY).then().statusCode(200);
        as(admin).get(ADMIN_ONLY).then().statusCode(200);
        assertCounts(3, 2);
    }

    @Test
    void shouldReportHitsAndMissesInMetrics() {
        String token = TestTokens.user(UUID.randomUUID());
        as(token).get(PING).then().statusCode(200);
        as(token).get(PING).then().statusCode(200);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metric(metrics, "cache_gets_total", "result=\"hit\"")).isEqualTo(cache.stats().hitCount());
        assertThat(metric(metrics, "cache_gets_total", "result=\"miss\"")).isEqualTo(cache.stats().missCount());
        assertThat(metric(metrics, "cache_puts_total", null)).isEqualTo(cache.stats().loadSuccessCount());
        assertThat(metric(metrics, "cache_size", null)).isPositive();
        assertThat(cache.stats().hitCount()).isGreaterThan(hits);
    }

    @Test
    void shouldRefuseAnExpiredTokenThatWasAcceptedBefore() throws InterruptedException {
        long exp = Instant.now().getEpochSecond() + 2;
        String token = sign(claims().expiresAt(exp), testKey());

        as(token).get(PING).then().statusCode(200);
        as(token).get(PING).then().statusCode(200);
        assertCounts(1, 1);

        // smallrye refuses from exp + clock skew (1 s in the tests) on
        long refusedFrom = (exp + 1) * 1000;
        Thread.sleep(Math.max(0, refusedFrom - System.currentTimeMillis()) + 50);
        as(token).get(PING).then().statusCode(401);
        as(token).get(PING).then().statusCode(401);
    }

    @Test
    void shouldRefuseATokenNotYetValidAndNeverCacheIt() {
        long failures = cache.stats().loadFailureCount();
        String token = sign(claims().claim("nbf", Instant.now().getEpochSecond() + 120), testKey());

        as(token).get(PING).then().statusCode(401);
        as(token).get(PING).then().statusCode(401);

        assertCounts(0, 2);
        assertThat(cache.stats().loadFailureCount()).isEqualTo(failures + 2);
    }

    @Test
    void shouldRefuseATamperedTokenRightAfterTheOriginalWasCached() {
        UUID userId = UUID.randomUUID();
        String token = TestTokens.user(userId);
        as(token).get(PING).then().statusCode(200);
        as(token).get(PING).then().statusCode(200);
        assertCounts(1, 1);
        String[] parts = token.split("\\.");

        // one character of the signature changed
        int at = parts[2].length() / 2;
        String signature = parts[2].substring(0, at) + (parts[2].charAt(at) == 'A' ? 'B' : 'A')
                + parts[2].substring(at + 1);
        as(parts[0] + "." + parts[1] + "." + signature).get(PING).then().statusCode(401);

        // the payload changed to claim the admin role, under the original signature
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"user\"", "\"admin\"");
        assertThat(payload).contains("\"admin\"");
        String escalated = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        as(escalated).get(ADMIN_ONLY).then().statusCode(401);

        // one character of the payload changed
        at = parts[1].length() / 2;
        String changed = parts[1].substring(0, at) + (parts[1].charAt(at) == 'A' ? 'B' : 'A')
                + parts[1].substring(at + 1);
        as(parts[0] + "." + changed + "." + parts[2]).get(PING).then().statusCode(401);

        assertCounts(1, 4);
        as(token).get(PING).then().statusCode(200);
        assertCounts(2, 4);
    }

    @Test
    void shouldRefuseATokenSignedByAnotherKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String token = sign(claims(), generator.generateKeyPair().getPrivate());

        as(token).get(PING).then().statusCode(401);
        as(token).get(PING).then().statusCode(401);
        assertCounts(0, 2);
    }

    @Test
    void shouldEvictBeyondTheMaximumSize() {
        long evictions = cache.stats().evictionCount();
        int tokens = config.maxSize() + 20;
        for (int i = 0; i < tokens; i++) {
            as(TestTokens.user(UUID.randomUUID())).get(PING).then().statusCode(200);
        }

        assertThat(cache.size()).isLessThanOrEqualTo(config.maxSize());
        assertThat(cache.stats().evictionCount() - evictions).isGreaterThanOrEqualTo(20);
        assertCounts(0, tokens);
    }

    private void assertCounts(long newHits, long newMisses) {
        assertThat(cache.stats().hitCount() - hits).as("hits").isEqualTo(newHits);
        assertThat(cache.stats().missCount() - misses).as("misses").isEqualTo(newMisses);
    }

    private static JwtClaimsBuilder claims() {
        return Jwt.subject(UUID.randomUUID().toString()).groups(Set.of(Roles.USER)).issuer(TestTokens.ISSUER)
                .issuedAt(Instant.now()).expiresAt(Instant.now().getEpochSecond() + 600);
    }

    private static String sign(JwtClaimsBuilder claims, PrivateKey key) {
        return claims.sign(key);
    }

    private static PrivateKey testKey() {
        try (InputStream in = TokenCacheTest.class.getClassLoader().getResourceAsStream("jwt/test-private.pem")) {
            return KeyUtils.decodePrivateKey(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The value of one verified-tokens series in the Prometheus text. */
    private static long metric(String metrics, String name, String tag) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{([^}]*)\\} ([0-9.E+-]+)$").matcher(metrics);
        while (m.find()) {
            String tags = m.group(1);
            if (tags.contains("cache=\"" + VerifiedTokenCache.NAME + "\"") && (tag == null || tags.contains(tag))) {
                return (long) Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError(name + " for " + VerifiedTokenCache.NAME + " is missing from /q/metrics");
    }
}
