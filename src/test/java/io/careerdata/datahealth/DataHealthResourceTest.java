package io.careerdata.datahealth;

import static io.careerdata.testing.Api.anonymous;
import static io.careerdata.testing.Api.asAdmin;
import static io.careerdata.testing.Api.asUser;
import static io.careerdata.testing.Api.newUser;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

import io.careerdata.cache.CacheCategory;
import io.careerdata.cache.GuardedRedis;
import io.careerdata.testing.Eventually;
import io.careerdata.testing.Jobs;
import io.careerdata.testing.TestServers;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The data-layer health against the real servers: all UP once a backup, a verification and a
 * drill have passed; DEGRADED within 1 s while Redis is stopped; DOWN while PostgreSQL is stopped;
 * a part that hangs is UNKNOWN within its bound. Each test leaves both servers running.
 */
@QuarkusTest
class DataHealthResourceTest {

    private static final String HEALTH = "/api/v1/data-management/health";
    private static final String BACKUPS = "/api/v1/data-management/backups";
    private static final List<String> PARTS = List.of("postgres", "redis", "cache", "backups", "exports", "schema");
    private static final Duration SETTLE = Duration.ofSeconds(30);

    @Inject
    GuardedRedis guardedRedis;

    @BeforeEach
    void serversAreUp() {
        Eventually.within(SETTLE, () -> given().get("/q/health/ready").then().statusCode(200));
        Eventually.within(SETTLE, () -> given().get("/q/health/well").then().statusCode(200));
        awaitRedisUp();
    }

    /** The circuit closes after its probe, which a read starts (as requests do); then the part is UP. */
    private void awaitRedisUp() {
        Eventually.within(SETTLE, () -> {
            guardedRedis.available();
            health().then().body("parts.redis.status", equalTo("UP"));
        });
    }

    @Test
    void everyPartUp_onceABackupAVerificationAndADrillHavePassed() {
        String backupId = job(BACKUPS + "?type=full").getString("backupId");
        job(BACKUPS + "/{id}/verify", backupId);
        job(BACKUPS + "/{id}/restore?dryRun=true", backupId);

        // the machine is shared: a part may time out once; all of them must be UP together
        Eventually.within(SETTLE, () -> health().then().statusCode(200).body("status", equalTo("UP")));
        JsonPath doc = health().then().statusCode(200).extract().jsonPath();
        assertThat(doc.getMap("parts").keySet()).containsExactlyElementsOf(PARTS);
        assertThat(doc.getString("reason")).isEqualTo("every part is UP");
        assertThat(doc.getBoolean("parts.postgres.facts.reachable")).isTrue();
        assertThat(doc.getString("parts.postgres.facts.replication")).startsWith("not configured");
        assertThat(doc.getInt("parts.postgres.facts.poolMaxSize")).isEqualTo(20);
        assertThat(doc.getString("parts.redis.facts.circuit")).isEqualTo("closed");
        // the embedded Redis has a maxmemory of 256 MB
        assertThat(doc.getLong("parts.redis.facts.maxMemoryBytes")).isEqualTo(256L * 1024 * 1024);
        assertThat(doc.getLong("parts.redis.facts.usedMemoryBytes")).isPositive();
        assertThat(doc.getDouble("parts.redis.facts.memoryUseShare")).isPositive().isLessThan(0.9);
        assertThat(doc.getList("parts.cache.facts.categories")).hasSize(CacheCategory.values().length);
        assertThat(doc.getLong("parts.backups.facts.backupAgeSeconds")).isLessThan(600);
        assertThat(doc.getLong("parts.backups.facts.verificationAgeSeconds")).isLessThan(600);
        assertThat(doc.getLong("parts.backups.facts.drillAgeSeconds")).isLessThan(600);
        // the test profile turns every schedule off
        assertThat(doc.getString("parts.backups.facts.nextScheduledRuns.daily")).isEqualTo("off");
        assertThat(doc.getLong("parts.backups.facts.storage.freeBytes")).isPositive();
        assertThat(doc.getLong("parts.exports.facts.storage.totalBytes")).isPositive();
        assertThat(doc.getString("parts.schema.facts.version")).isEqualTo("6");
        assertThat(doc.getList("parts.schema.facts.pending")).isEmpty();
    }

    @Test
    void degradedWithinOneSecond_whileRedisIsStopped() {
        TestServers.stopRedis();
        try {
            Response answer = health();
            answer.then().statusCode(200).time(lessThan(1000L))
                    .body("status", equalTo("DEGRADED"))
                    .body("parts.redis.status", equalTo("DOWN"))
                    .body("parts.redis.facts.reachable", equalTo(false))
                    .body("parts.postgres.status", equalTo("UP"));
            assertThat(answer.jsonPath().getString("reason")).contains("redis is DOWN");
        } finally {
            TestServers.startRedis();
        }
        awaitRedisUp();
    }

    @Test
    void down_whilePostgresIsStopped() {
        TestServers.stopPostgres();
        try {
            Response answer = health();
            answer.then().statusCode(200).time(lessThan(1000L))
                    .body("status", equalTo("DOWN"))
                    .body("parts.postgres.status", equalTo("DOWN"))
                    .body("parts.postgres.facts.reachable", equalTo(false))
                    .body("parts.redis.status", equalTo("UP"));
            assertThat(answer.jsonPath().getString("reason")).startsWith("postgres is DOWN: unreachable");
        } finally {
            TestServers.startPostgres();
        }
        Eventually.within(SETTLE, () -> given().get("/q/health/ready").then().statusCode(200));
        Eventually.within(SETTLE, () -> health().then().body("parts.postgres.status", equalTo("UP")));
    }

    @Test
    void aPartThatHangsIsUnknownWithinItsBound() {
        QuarkusMock.installMockForType(new SchemaPart() {
            @Override
            public Uni<PartReport> check() {
                return Uni.createFrom().nothing();
            }
        }, SchemaPart.class);
        Response answer = health();
        answer.then().statusCode(200).time(lessThan(1000L))
                .body("status", equalTo("DEGRADED"))
                .body("parts.schema.status", equalTo("UNKNOWN"))
                .body("parts.schema.reason", equalTo("timed out after 800 ms"))
                .body("parts.postgres.status", equalTo("UP"));
        assertThat(answer.jsonPath().getLong("parts.schema.tookMillis")).isBetween(800L, 999L);
        assertThat(answer.jsonPath().getString("reason")).contains("schema is UNKNOWN: timed out");
    }

    @Test
    void onlyForAdmins() {
        asUser(newUser()).get(HEALTH).then().statusCode(403).contentType("application/problem+json");
        anonymous().get(HEALTH).then().statusCode(401).contentType("application/problem+json")
                .body("status", equalTo(401));
    }

    private static Response health() {
        return asAdmin().get(HEALTH);
    }

    private static JsonPath job(String path, Object... params) {
        String id = asAdmin().post(path, params).then().statusCode(202).extract().path("id");
        JsonPath job = Jobs.awaitEnd(BACKUPS + "/jobs", id);
        assertThat(job.getString("state")).as("%s: %s", path, job.getString("error")).isEqualTo("succeeded");
        return job;
    }
}
