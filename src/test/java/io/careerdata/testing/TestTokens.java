package io.careerdata.testing;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** Bearer tokens for the tests, signed with a key that exists only in the test sources. */
public final class TestTokens {

    public static final String ISSUER = "career-data-service";
    private static final PrivateKey KEY = load();

    private TestTokens() {
    }

    public static String user(UUID userId) {
        return sign(userId.toString(), Set.of("user"), ISSUER);
    }

    public static String admin() {
        return sign(UUID.randomUUID().toString(), Set.of("admin"), ISSUER);
    }

    public static String sign(String subject, Set<String> groups, String issuer) {
        return Jwt.subject(subject).groups(groups).issuer(issuer).expiresIn(Duration.ofHours(2)).sign(KEY);
    }

    /** A user's token that expired two hours ago. */
    public static String expired(UUID userId) {
        Instant issued = Instant.now().minus(Duration.ofHours(3));
        return Jwt.subject(userId.toString()).groups(Set.of("user")).issuer(ISSUER)
                .issuedAt(issued).expiresAt(issued.plus(Duration.ofHours(1))).sign(KEY);
    }

    private static PrivateKey load() {
        try {
            return KeyUtils.decodePrivateKey(EmbeddedServersResource.classpathText("jwt/test-private.pem"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
