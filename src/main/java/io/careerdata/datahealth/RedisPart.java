package io.careerdata.datahealth;

import io.careerdata.cache.CacheReports;
import io.careerdata.cache.analytics.RedisMemorySampler;
import io.careerdata.cache.analytics.RedisMemorySampler.RedisInfo;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Redis: a PING past the circuit breaker, the breaker's state, and INFO's memory and evictions.
 * DOWN when it does not answer (reads are then served from PostgreSQL); DEGRADED while the circuit
 * is not closed or memory is close to maxmemory.
 */
@ApplicationScoped
public class RedisPart implements DataPart {

    @Inject
    CacheReports reports;

    @Inject
    RedisMemorySampler sampler;

    @Inject
    DataHealthConfig config;

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public Uni<PartReport> check() {
        return reports.health().chain(health -> {
            Map<String, Object> facts = new LinkedHashMap<>();
            facts.put("reachable", health.reachable());
            facts.put("circuit", health.circuit());
            if (!health.reachable()) {
                return Uni.createFrom().item(PartReport.of(PartStatus.DOWN,
                        "unreachable; reads are served from PostgreSQL", facts));
            }
            facts.put("latencyMillis", Math.round(health.latencyMillis() * 100) / 100.0);
            return sampler.info().map(info -> judge(info, health.circuit(), facts))
                    .onFailure().recoverWithItem(failure -> PartReport.of(PartStatus.UNKNOWN,
                            "answers PING, but INFO failed: " + Reasons.of(failure), facts));
        });
    }

    private PartReport judge(RedisInfo info, String circuit, Map<String, Object> facts) {
        facts.put("usedMemoryBytes", info.usedMemoryBytes());
        boolean limited = info.maxMemoryBytes() != null && info.maxMemoryBytes() > 0;
        facts.put("maxMemoryBytes", limited ? info.maxMemoryBytes() : "no limit");
        Double share = limited && info.usedMemoryBytes() != null
                ? (double) info.usedMemoryBytes() / info.maxMemoryBytes() : null;
        facts.put("memoryUseShare", share == null ? null : Math.round(share * 1000) / 1000.0);
        facts.put("maxMemoryPolicy", info.maxMemoryPolicy());
        facts.put("evictedKeys", info.evictedKeys());
        if (!"closed".equals(circuit)) {
            return PartReport.of(PartStatus.DEGRADED, "answers again, but the circuit is " + circuit
                    + ": the cache is bypassed until it closes", facts);
        }
        if (share != null && share > config.redisMemoryShare()) {
            return PartReport.of(PartStatus.DEGRADED, "uses " + Math.round(share * 100) + " % of maxmemory, over "
                    + Math.round(config.redisMemoryShare() * 100) + " %", facts);
        }
        return PartReport.of(PartStatus.UP, "answers; circuit closed", facts);
    }
}
