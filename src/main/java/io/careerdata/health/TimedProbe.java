package io.careerdata.health;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import org.eclipse.microprofile.health.HealthCheckResponse;

/** A health answer from one round trip: UP with its latency, or DOWN with the failure's kind, within a bound. */
final class TimedProbe {

    private TimedProbe() {
    }

    static Uni<HealthCheckResponse> run(String name, Uni<?> roundTrip, Duration timeout) {
        long start = System.nanoTime();
        return roundTrip
                .ifNoItem().after(timeout).fail()
                .map(ignored -> HealthCheckResponse.named(name).up()
                        .withData("latencyMicros", (System.nanoTime() - start) / 1000).build())
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named(name).down()
                        .withData("error", failure.getClass().getSimpleName()).build());
    }
}
