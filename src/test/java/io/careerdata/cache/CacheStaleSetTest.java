package io.careerdata.cache;

import static io.careerdata.testing.Api.asUser;
import static io.careerdata.testing.Api.newUser;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The stale-set race through the whole service, on real PostgreSQL and Redis: writers update one
 * record over HTTP, readers read it (detail and list) over HTTP; every read must show at least the
 * value of the last write whose response had arrived before the read was sent.
 */
@QuarkusTest
class CacheStaleSetTest extends CacheTestSupport {

    @Test
    void concurrentWritersAndReaders_everyReadAtLeastTheLastAcknowledgedWrite() throws Exception {
        UUID user = newUser();
        String skill = asUser(user).body(Map.of("name", "Rust", "yearsExperience", 0))
                .post("/api/v1/users/{u}/skills", user).then().statusCode(201).extract().path("id");
        AtomicLong written = new AtomicLong();
        CacheCounter counter = CacheCounter.of(metrics, CacheCategory.SKILLS);

        LinearizabilityCheck.Outcome outcome = LinearizabilityCheck.run(2, 40, () -> {
            // one write at a time, so the value also orders the writes
            synchronized (written) {
                long value = written.incrementAndGet();
                asUser(user).body(Map.of("name", "Rust", "yearsExperience", value / 10.0))
                        .put("/api/v1/users/{u}/skills/{id}", user, skill).then().statusCode(200);
                return value;
            }
        }, 8, reader -> reader % 2 == 0 ? () -> readList(user) : () -> readDetail(user, skill));

        assertThat(outcome.violations()).isEmpty();
        assertThat(readDetail(user, skill)).isEqualTo(80);
        assertThat(counter.hits() + counter.misses()).isEqualTo(outcome.reads() + 1);
        assertThat(counter.misses()).isGreaterThan(0);
        assertThat(counter.hits()).isGreaterThan(0);
    }

    private static long readDetail(UUID user, String skill) {
        Object years = asUser(user).get("/api/v1/users/{u}/skills/{id}", user, skill)
                .then().statusCode(200).extract().path("yearsExperience");
        return tenths(years);
    }

    private static long readList(UUID user) {
        Object years = asUser(user).get("/api/v1/users/{u}/skills", user)
                .then().statusCode(200).extract().path("items[0].yearsExperience");
        return tenths(years);
    }

    private static long tenths(Object years) {
        return new BigDecimal(years.toString()).movePointRight(1).longValueExact();
    }
}
