package io.careerdata.testing;

/** A real Redis Cluster: 3 masters, each with a replica. */
public class RedisClusterProfile extends RedisTopologyProfile {

    public RedisClusterProfile() {
        super("cluster");
    }
}
