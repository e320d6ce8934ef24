package io.careerdata.cache;

import io.careerdata.testing.RedisSentinelProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link CacheLayerTest} on a Redis Sentinel setup: hits, misses, stale sets, stampedes, clearing, user invalidation. */
@QuarkusTest
@TestProfile(RedisSentinelProfile.class)
class CacheLayerSentinelTest extends CacheLayerTest {
}
