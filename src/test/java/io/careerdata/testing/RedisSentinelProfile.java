package io.careerdata.testing;

/** A real Redis Sentinel setup: a master, a replica and 3 sentinels. */
public class RedisSentinelProfile extends RedisTopologyProfile {

    public RedisSentinelProfile() {
        super("sentinel");
    }
}
