package io.careerdata.testing;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** The service on another Redis topology than one node: the run's servers come from {@link RedisTopologyResource}. */
abstract class RedisTopologyProfile implements QuarkusTestProfile {

    private final String topology;

    RedisTopologyProfile(String topology) {
        this.topology = topology;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(RedisTopologyResource.class, Map.of("topology", topology)));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
