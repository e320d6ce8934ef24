package io.careerdata.maintenance;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A rebuild or vacuum job as {@code GET /jobs/{id}} answers it.
 *
 * @param state queued, running, succeeded or failed
 * @param target the index or table worked on ("*" for every table)
 */
@RegisterForReflection
public record MaintenanceJob(UUID id, String kind, String target, String state, String actor, String statement,
        Map<String, Object> result, String error, Instant createdAt, Instant startedAt, Instant finishedAt) {

    MaintenanceJob running() {
        return new MaintenanceJob(id, kind, target, "running", actor, statement, null, null, createdAt, Instant.now(), null);
    }

    MaintenanceJob succeeded(Map<String, Object> outcome) {
        return new MaintenanceJob(id, kind, target, "succeeded", actor, statement, outcome, null, createdAt, startedAt,
                Instant.now());
    }

    MaintenanceJob failed(String message) {
        return new MaintenanceJob(id, kind, target, "failed", actor, statement, null, message, createdAt, startedAt,
                Instant.now());
    }

    boolean finished() {
        return finishedAt != null;
    }
}
