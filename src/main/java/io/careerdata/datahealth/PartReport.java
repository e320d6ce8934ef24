package io.careerdata.datahealth;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/** One part: its status, why, how long the check took, and the figures it read (see the README per part). */
@RegisterForReflection
public record PartReport(PartStatus status, String reason, Long tookMillis, Map<String, Object> facts) {

    static PartReport of(PartStatus status, String reason, Map<String, Object> facts) {
        return new PartReport(status, reason, null, facts);
    }

    static PartReport unknown(String reason) {
        return new PartReport(PartStatus.UNKNOWN, reason, null, Map.of());
    }

    PartReport took(long millis) {
        return new PartReport(status, reason, millis, facts);
    }
}
