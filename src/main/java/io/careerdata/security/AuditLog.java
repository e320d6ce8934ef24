package io.careerdata.security;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Writes audit entries. Call it inside the transaction of the change it records, so the change and
 * its audit line commit, or fail, together.
 */
@ApplicationScoped
public class AuditLog {

    @Inject
    Caller caller;

    /**
     * @param subjectUserId the person whose data the action touched, if any (exports, erasure, admin edits)
     */
    public Uni<Void> record(String action, String targetType, Object targetId, UUID subjectUserId,
            Map<String, Object> details) {
        AuditEntry entry = new AuditEntry();
        entry.occurredAt = Instant.now();
        entry.actor = caller.actor();
        entry.action = action;
        entry.targetType = targetType;
        entry.targetId = targetId == null ? null : targetId.toString();
        entry.subjectUserId = subjectUserId;
        entry.details = details == null || details.isEmpty() ? null : details;
        return entry.persist().replaceWithVoid();
    }
}
