package io.careerdata.security;

import io.careerdata.common.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, and what of the data they may reach. A user reaches their own data only;
 * someone else's is answered exactly like missing data (404), so ids cannot be probed.
 */
@RequestScoped
public class Caller {

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    public boolean isAdmin() {
        return identity.hasRole(Roles.ADMIN);
    }

    /** The caller's user id: the token's subject, when it is a UUID. */
    public Optional<UUID> userId() {
        String subject = token.getSubject();
        if (subject == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(subject));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The caller's user id, for the routes that act on "me". */
    public UUID requireUserId() {
        return userId().orElseThrow(() -> new ProblemException(403, "Forbidden",
                "The token's subject is not a user id of this service"));
    }

    /** A short name of the caller for the audit log: the subject, never a name or an email. */
    public String actor() {
        String subject = token.getSubject();
        return subject != null ? subject : "anonymous";
    }

    /** Passes when the caller may reach {@code userId}'s data; otherwise answers 404. */
    public void requireAccessTo(UUID userId) {
        if (!isAdmin() && !userId().map(userId::equals).orElse(false)) {
            throw ProblemException.notFound("User " + userId);
        }
    }
}
