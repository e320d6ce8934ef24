package io.careerdata.dev;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.build.Jwt;
import jakarta.annotation.security.PermitAll;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Dev mode only: tokens for the demo admin and the demo user (see db/demo), printed at start-up
 * and served at {@code /dev/tokens}. Signed with a key pair made for this JVM. Not in prod builds.
 */
@IfBuildProfile("dev")
@Path("/dev/tokens")
public class DevTokens {

    static final UUID DEMO_ADMIN = UUID.fromString("0a0a0a0a-0000-4000-8000-000000000001");
    static final UUID DEMO_USER = UUID.fromString("0b0b0b0b-0000-4000-8000-000000000002");
    private static final Logger LOG = Logger.getLogger(DevTokens.class);

    @ConfigProperty(name = "quarkus.http.port")
    int port;

    void print(@Observes StartupEvent event) {
        Map<String, String> tokens = tokens();
        LOG.infof("""

                Demo tokens (dev mode only, valid 12 hours; also at GET http://localhost:%d/dev/tokens):
                  admin (%s):
                    export ADMIN_TOKEN=%s
                  user  (%s):
                    export USER_TOKEN=%s
                  try: curl -H "Authorization: Bearer $USER_TOKEN" http://localhost:%d/api/v1/users/me
                """, port, DEMO_ADMIN, tokens.get("admin"), DEMO_USER, tokens.get("user"), port);
    }

    @GET
    @PermitAll
    public Map<String, String> tokens() {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("adminId", DEMO_ADMIN.toString());
        tokens.put("admin", sign(DEMO_ADMIN, "admin"));
        tokens.put("userId", DEMO_USER.toString());
        tokens.put("user", sign(DEMO_USER, "user"));
        return tokens;
    }

    private static String sign(UUID subject, String role) {
        return Jwt.subject(subject.toString()).groups(Set.of(role)).expiresIn(Duration.ofHours(12)).sign();
    }
}
