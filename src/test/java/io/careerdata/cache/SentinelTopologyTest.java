package io.careerdata.cache;

import io.careerdata.testing.RedisSentinelProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** A master's failover under Sentinel, while clients read. */
@QuarkusTest
@TestProfile(RedisSentinelProfile.class)
class SentinelTopologyTest extends TopologyFailoverTest {
}
