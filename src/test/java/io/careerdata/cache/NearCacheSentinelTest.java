package io.careerdata.cache;

import io.careerdata.testing.RedisSentinelProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link NearCacheTest} on a Redis Sentinel setup (a master, a replica, 3 sentinels). */
@QuarkusTest
@TestProfile(RedisSentinelProfile.class)
class NearCacheSentinelTest extends NearCacheTest {
}
