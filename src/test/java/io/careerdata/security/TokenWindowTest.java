package io.careerdata.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

/** The validity bounds a cached token is held to: smallrye's, second for second. */
class TokenWindowTest {

    private static final long IAT = 1_800_000_000L;
    private static final long EXP = IAT + 600;

    @Test
    void shouldRefuseAtExpPlusClockSkew() {
        TokenWindow window = TokenWindow.of(token(null), rules(60, 0, null));

        assertThat(window.contains(EXP + 59)).isTrue();
        assertThat(window.contains(EXP + 60)).isFalse();
        assertThat(window.millisLeft((EXP + 59) * 1000 + 400)).isEqualTo(600);
        assertThat(window.millisLeft((EXP + 61) * 1000)).isZero();
    }

    @Test
    void shouldRefuseAtExpWithoutClockSkew() {
        TokenWindow window = TokenWindow.of(token(null), rules(0, 0, null));

        assertThat(window.contains(EXP - 1)).isTrue();
        assertThat(window.contains(EXP)).isFalse();
    }

    @Test
    void shouldPreferTheExpirationGraceToTheClockSkew() {
        TokenWindow window = TokenWindow.of(token(null), rules(60, 5, null));

        assertThat(window.contains(EXP + 4)).isTrue();
        assertThat(window.contains(EXP + 5)).isFalse();
    }

    @Test
    void shouldRefuseBeforeNotBeforeMinusClockSkew() {
        TokenWindow window = TokenWindow.of(token(IAT + 100), rules(10, 0, null));

        assertThat(window.contains(IAT + 89)).isFalse();
        assertThat(window.contains(IAT + 90)).isTrue();
    }

    @Test
    void shouldRefuseOnceOlderThanTheTokenAge() {
        TokenWindow window = TokenWindow.of(token(null), rules(60, 0, 300L));

        assertThat(window.contains(IAT + 300)).isTrue();
        assertThat(window.contains(IAT + 301)).isFalse();
    }

    private static JsonWebToken token(Long notBefore) {
        JwtClaims claims = new JwtClaims();
        claims.setSubject("someone");
        claims.setIssuedAt(NumericDate.fromSeconds(IAT));
        claims.setExpirationTime(NumericDate.fromSeconds(EXP));
        if (notBefore != null) {
            claims.setNotBefore(NumericDate.fromSeconds(notBefore));
        }
        return new DefaultJWTCallerPrincipal(claims);
    }

    private static JWTAuthContextInfo rules(int clockSkew, int grace, Long tokenAge) {
        JWTAuthContextInfo rules = new JWTAuthContextInfo();
        rules.setClockSkew(clockSkew);
        rules.setExpGracePeriodSecs(grace);
        rules.setTokenAge(tokenAge);
        return rules;
    }
}
