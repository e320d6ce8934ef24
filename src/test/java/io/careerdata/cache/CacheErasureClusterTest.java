package io.careerdata.cache;

import io.careerdata.testing.RedisClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link CacheErasureTest} on a Redis Cluster (3 masters, 3 replicas). */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class CacheErasureClusterTest extends CacheErasureTest {
}
