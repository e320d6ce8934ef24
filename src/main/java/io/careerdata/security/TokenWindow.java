package io.careerdata.security;

import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The seconds (since the epoch) in which smallrye-jwt accepts a token: from {@code nbf} minus the
 * clock skew, up to (excluding) {@code exp} plus the clock skew, and no later than {@code iat} plus
 * {@code mp.jwt.verify.token.age} when that is set. The bounds are the ones smallrye applies (the
 * skew is {@code smallrye.jwt.expiration.grace} when set, else {@code mp.jwt.verify.clock.skew}), so
 * a cached token is refused at the very second smallrye would refuse it. Whole seconds, as JWT
 * dates and smallrye's checks are.
 */
record TokenWindow(long notBefore, long deadline) {

    /** Whether smallrye would accept the token at {@code nowSeconds}. */
    boolean contains(long nowSeconds) {
        return nowSeconds >= notBefore && nowSeconds < deadline;
    }

    /** Milliseconds from {@code nowMillis} until the token is refused (0 when it already is). */
    long millisLeft(long nowMillis) {
        return Math.max(0, Math.multiplyExact(deadline, 1000L) - nowMillis);
    }

    static TokenWindow of(JsonWebToken token, JWTAuthContextInfo rules) {
        long skew = skew(rules);
        long deadline = saturatedAdd(token.getExpirationTime(), skew);
        Long tokenAge = rules.getTokenAge();
        if (tokenAge != null) {
            // smallrye refuses once now - iat > token age
            deadline = Math.min(deadline, saturatedAdd(token.getIssuedAtTime(), tokenAge + 1));
        }
        long notBefore = Long.MIN_VALUE;
        if (token.getClaim(Claims.nbf.name()) instanceof Number nbf) {
            notBefore = nbf.longValue() - skew;
        }
        return new TokenWindow(notBefore, deadline);
    }

    /** The leeway smallrye gives {@code exp} and {@code nbf}, chosen as in its DefaultJWTTokenParser. */
    static long skew(JWTAuthContextInfo rules) {
        if (rules.getExpGracePeriodSecs() > 0) {
            return rules.getExpGracePeriodSecs();
        }
        return Math.max(0, rules.getClockSkew());
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
