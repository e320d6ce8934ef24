package io.careerdata.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Jobs that last: each step of a backup, restore or export (a table, a category) waits {@code jobs.pace},
 * so a test can interrupt one mid-run deterministically. The pause ends at once when the job is stopped.
 * Heartbeats are sent only when a test calls them, so none refreshes a row the test has just aged.
 */
public class PacedJobs implements QuarkusTestProfile {

    public static final String PACE = "400ms";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("jobs.pace", PACE, "jobs.heartbeat-every", "off");
    }
}
