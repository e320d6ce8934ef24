package io.careerdata.testing;

import static io.careerdata.testing.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/** Background jobs of the API (backups, maintenance): read as an admin until they have ended. */
public final class Jobs {

    private Jobs() {
    }

    /** Polls {@code jobsPath/{id}} until the job is neither queued nor running; answers it as JSON. */
    public static JsonPath awaitEnd(String jobsPath, String jobId) {
        AtomicReference<JsonPath> job = new AtomicReference<>();
        Eventually.within(Duration.ofMinutes(2), () -> {
            job.set(asAdmin().get(jobsPath + "/{id}", jobId).then().statusCode(200).extract().jsonPath());
            assertThat(job.get().getString("state")).as("job %s", jobId).isNotIn("queued", "running");
        });
        return job.get();
    }
}
