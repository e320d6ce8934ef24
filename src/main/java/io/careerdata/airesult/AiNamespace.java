package io.careerdata.airesult;

import io.careerdata.cache.CacheCategory;
import java.util.Arrays;
import java.util.Optional;

/** The kinds of AI result; each has its cache category, hence its TTL in Redis. */
public enum AiNamespace {

    EMBEDDING("embedding", CacheCategory.AI_EMBEDDING),
    RAG("rag", CacheCategory.AI_RAG),
    AI_RESPONSE("ai-response", CacheCategory.AI_RESPONSE),
    ANALYSIS("analysis", CacheCategory.AI_ANALYSIS),
    CHAT("chat", CacheCategory.AI_CHAT);

    public final String label;
    public final CacheCategory category;

    AiNamespace(String label, CacheCategory category) {
        this.label = label;
        this.category = category;
    }

    public static Optional<AiNamespace> byLabel(String label) {
        return Arrays.stream(values()).filter(n -> n.label.equals(label)).findFirst();
    }

    @Override
    public String toString() {
        return label;
    }
}
