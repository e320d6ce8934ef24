package io.careerdata.maintenance;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * One table of the schema, as {@code GET /tables} answers it.
 *
 * @param bloatBytes heap bytes beyond what the live rows need (estimate; null before the first ANALYZE)
 */
@RegisterForReflection
public record TableReport(String name, long rowsEstimate, long tableBytes, long indexBytes, long toastBytes,
        long totalBytes, long liveTuples, long deadTuples, double deadRatio, Long bloatBytes, Double bloatRatio,
        Instant lastVacuum, Instant lastAutovacuum, Instant lastAnalyze, Instant lastAutoanalyze, long seqScans,
        long indexScans) {
}
