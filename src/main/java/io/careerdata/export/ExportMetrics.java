package io.careerdata.export;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * The export meters. Tags are bounded: a format, an outcome; never an id.
 * <ul>
 * <li>{@code export.requests{format,outcome}}: requests, outcome accepted, rate_limited or busy;</li>
 * <li>{@code export.duration{format,outcome}}: time to make a file, outcome succeeded or failed
 * (its count is the number of exports made);</li>
 * <li>{@code export.bytes{format}}: sizes of the files made;</li>
 * <li>{@code export.active}: a long-task timer of the exports being made now (count, and how long the
 * oldest has run: an export running past its stale limit shows while it runs, not when it ends);</li>
 * <li>{@code export.downloads{format}}, {@code export.cleanup.deleted}: downloads, and exports the cleanup removed;</li>
 * </ul>
 */
@Startup // the meters exist from start-up, so alerts and panels see 0, not a missing series
@ApplicationScoped
public class ExportMetrics {

    @Inject
    MeterRegistry registry;

    private LongTaskTimer active;

    @PostConstruct
    void registerActive() {
        active = LongTaskTimer.builder("export.active").description("Exports being made now").register(registry);
    }

    LongTaskTimer.Sample activeExport() {
        return active.start();
    }

    void requested(ExportFormat format, String outcome) {
        Counter.builder("export.requests").description("Export requests, by format and outcome")
                .tag("format", format.name()).tag("outcome", outcome)
                .register(registry).increment();
    }

    void made(ExportFormat format, boolean succeeded, Duration took, long bytes) {
        Timer.builder("export.duration").description("Time to make an export file")
                .tag("format", format.name()).tag("outcome", succeeded ? "succeeded" : "failed")
                .register(registry).record(took);
        if (succeeded) {
            DistributionSummary.builder("export.bytes").description("Size of the export files made").baseUnit("bytes")
                    .tag("format", format.name())
                    .register(registry).record(bytes);
        }
    }

    void downloaded(ExportFormat format) {
        Counter.builder("export.downloads").description("Export downloads started")
                .tag("format", format.name())
                .register(registry).increment();
    }

    void cleanedUp(int exports) {
        Counter.builder("export.cleanup.deleted").description("Exports whose files the cleanup deleted")
                .register(registry).increment(exports);
    }
}
