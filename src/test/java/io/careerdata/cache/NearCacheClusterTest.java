package io.careerdata.cache;

import io.careerdata.testing.RedisClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link NearCacheTest} on a Redis Cluster (3 masters, 3 replicas). */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class NearCacheClusterTest extends NearCacheTest {
}
