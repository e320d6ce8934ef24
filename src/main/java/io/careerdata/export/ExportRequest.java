package io.careerdata.export;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/**
 * A request for an export. {@code scope} defaults to {@code all}; {@code userId} names whose data
 * to export, and only an admin may name someone else (absent: the caller).
 */
@RegisterForReflection
public record ExportRequest(@NotNull ExportFormat format, ExportScope scope, UUID userId) {

    ExportScope scopeOrDefault() {
        return scope == null ? ExportScope.all : scope;
    }
}
