package io.careerdata.testing;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/**
 * The run's servers with Redis as a Cluster or a Sentinel setup instead of one node (init argument
 * {@code topology}: {@code cluster} or {@code sentinel}). The topology of the running test is
 * {@link #current()}, for tests that stop a master.
 */
public class RedisTopologyResource extends EmbeddedServersResource {

    private static volatile RedisTopology current;
    private String topology;

    @Override
    public void init(Map<String, String> initArgs) {
        topology = initArgs.getOrDefault("topology", "cluster");
    }

    /** A topology under test is always its own, whatever Redis the rest of the run uses. */
    @Override
    protected boolean usesExternalRedis() {
        return false;
    }

    @Override
    protected Map<String, String> startRedis() {
        Path dir = Path.of("target", "redis-" + topology + "-" + UUID.randomUUID()).toAbsolutePath();
        current = "sentinel".equals(topology) ? RedisTopology.sentinel(dir) : RedisTopology.cluster(dir);
        return current.clientConfig();
    }

    @Override
    protected void stopRedis() {
        if (current != null) {
            current.close();
            current = null;
        }
    }

    public static RedisTopology current() {
        if (current == null) {
            throw new IllegalStateException("no Redis topology runs: the test needs RedisClusterProfile or RedisSentinelProfile");
        }
        return current;
    }
}
