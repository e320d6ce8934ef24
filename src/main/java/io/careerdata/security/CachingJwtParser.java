package io.careerdata.security;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Puts {@link VerifiedTokenCache} in front of smallrye-jwt's parser, the one Quarkus' bearer-token
 * validator calls for every request. Everything after the parser (the {@code SecurityIdentity} with
 * the token's groups as roles, {@code JsonWebToken} injection) is smallrye's and Quarkus' own code,
 * unchanged; only {@link #parse(String)} with the configured keys is cached, the other methods (own
 * keys, decryption, parse without verification) go straight through.
 */
@Decorator
@Priority(10)
public abstract class CachingJwtParser implements JWTParser {

    @Inject
    @Any
    @Delegate
    JWTParser delegate;

    @Inject
    VerifiedTokenCache cache;

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        if (!cache.accepts(token)) {
            return delegate.parse(token);
        }
        return cache.verified(token, delegate::parse);
    }
}
