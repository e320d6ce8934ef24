package io.careerdata.cache;

import io.careerdata.testing.RedisClusterProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link CacheLayerTest} on a Redis Cluster: hits, misses, stale sets, stampedes, clearing, user invalidation. */
@QuarkusTest
@TestProfile(RedisClusterProfile.class)
class CacheLayerClusterTest extends CacheLayerTest {
}
