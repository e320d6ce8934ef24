package io.careerdata.datahealth;

import io.careerdata.cache.CacheCategory;
import io.careerdata.cache.analytics.CacheAnalytics;
import io.careerdata.cache.analytics.CacheWindows.Window;
import io.careerdata.cache.analytics.WindowFigures;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cache as this replica used it: hit ratio per category over the last 5 and 60 minutes (from
 * the analytics' windows), and how many reads went without it. DEGRADED when that share is high.
 */
@ApplicationScoped
public class CachePart implements DataPart {

    @Inject
    CacheAnalytics analytics;

    @Inject
    DataHealthConfig config;

    @Override
    public String name() {
        return "cache";
    }

    @Override
    public Uni<PartReport> check() {
        return Uni.createFrom().item(this::report);
    }

    private PartReport report() {
        List<Map<String, Object>> categories = new ArrayList<>();
        long hits = 0;
        long gets = 0;
        long fallbacks = 0;
        for (CacheCategory category : CacheCategory.values()) {
            WindowFigures five = analytics.figures(category, Window.FIVE_MINUTES);
            WindowFigures hour = analytics.figures(category, Window.ONE_HOUR);
            hits += five.hits();
            gets += five.gets();
            fallbacks += five.fallbacks();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("category", category.label);
            row.put("hitRatio5m", rounded(five.hitRatio()));
            row.put("gets5m", five.gets());
            row.put("hitRatio1h", rounded(hour.hitRatio()));
            row.put("gets1h", hour.gets());
            categories.add(row);
        }
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("scope", "this replica");
        facts.put("hitRatio5m", gets == 0 ? null : rounded((double) hits / gets));
        facts.put("fallbacks5m", fallbacks);
        facts.put("categories", categories);
        long reads = gets + fallbacks;
        double without = reads == 0 ? 0 : (double) fallbacks / reads;
        if (without > config.cacheFallbackShare()) {
            return PartReport.of(PartStatus.DEGRADED, Math.round(without * 100) + " % of the reads of the last 5 minutes"
                    + " were served without the cache", facts);
        }
        return PartReport.of(PartStatus.UP, gets == 0 ? "no cached reads in the last 5 minutes"
                : "hit ratio " + Math.round(100.0 * hits / gets) + " % over the last 5 minutes", facts);
    }

    private static Double rounded(Double ratio) {
        return ratio == null ? null : Math.round(ratio * 1000) / 1000.0;
    }
}
