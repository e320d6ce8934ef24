package io.careerdata.cache;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * What a cached entry is, which decides its TTL (by tier, configurable per category), the name in
 * its keys and metrics, and the scope whose generation it carries.
 */
public enum CacheCategory {

    DASHBOARD("dashboard", Tier.HOT, Duration.ofMinutes(2), Owner.USER),
    INTERVIEW_SESSIONS("interview-sessions", Tier.HOT, Duration.ofMinutes(5), Owner.USER),

    PROFILE("profile", Tier.WARM, Duration.ofMinutes(30), Owner.USER),
    SKILLS("skills", Tier.WARM, Duration.ofMinutes(60), Owner.USER),
    RESUMES("resumes", Tier.WARM, Duration.ofMinutes(30), Owner.USER),
    JOB_DESCRIPTIONS("job-descriptions", Tier.WARM, Duration.ofMinutes(60), Owner.USER),
    APPLICATIONS("applications", Tier.WARM, Duration.ofMinutes(15), Owner.USER),
    NETWORKING_CONTACTS("networking-contacts", Tier.WARM, Duration.ofMinutes(60), Owner.USER),
    CAREER_ROADMAPS("career-roadmaps", Tier.WARM, Duration.ofMinutes(60), Owner.USER),
    AGENT_TASKS("agent-tasks", Tier.WARM, Duration.ofMinutes(15), Owner.USER),
    USER_STATS("user-stats", Tier.WARM, Duration.ofMinutes(15), Owner.USER),
    JOB_POSTINGS("job-postings", Tier.WARM, Duration.ofMinutes(30), Owner.ENTITY),
    JOB_SEARCH("job-search", Tier.WARM, Duration.ofMinutes(15), Owner.SHARED),
    PLATFORM_STATS("platform-stats", Tier.WARM, Duration.ofMinutes(15), Owner.SHARED),

    RESUME_VERSIONS("resume-versions", Tier.COLD, Duration.ofHours(24), Owner.USER),
    ANALYSES("analyses", Tier.COLD, Duration.ofHours(6), Owner.USER),
    GENERATED_RESUMES("generated-resumes", Tier.COLD, Duration.ofHours(6), Owner.USER),
    AI_EMBEDDING("ai-embedding", Tier.COLD, Duration.ofHours(24), Owner.ENTITY),
    AI_RAG("ai-rag", Tier.COLD, Duration.ofHours(1), Owner.ENTITY),
    AI_ANALYSIS("ai-analysis", Tier.COLD, Duration.ofHours(1), Owner.ENTITY),
    AI_CHAT("ai-chat", Tier.COLD, Duration.ofHours(1), Owner.ENTITY),

    AI_RESPONSE("ai-response", Tier.FROZEN, Duration.ofDays(30), Owner.ENTITY);

    /** TTL ranges: how long data of a kind may sit in the cache. */
    public enum Tier {
        HOT(Duration.ofMinutes(1), Duration.ofMinutes(5)),
        WARM(Duration.ofMinutes(15), Duration.ofMinutes(60)),
        COLD(Duration.ofHours(1), Duration.ofHours(24)),
        FROZEN(Duration.ofDays(7), Duration.ofDays(30));

        public final Duration min;
        public final Duration max;

        Tier(Duration min, Duration max) {
            this.min = min;
            this.max = max;
        }

        boolean allows(Duration ttl) {
            return ttl.compareTo(min) >= 0 && ttl.compareTo(max) <= 0;
        }
    }

    /** Whose generation counter an entry carries, i.e. what an invalidation of the category names. */
    public enum Owner {
        /** One user's data: invalidated per user, and with all of the user's data at once. */
        USER,
        /** One record that is not a user's (a job posting, an AI result). */
        ENTITY,
        /** Shared by everyone (job searches, platform totals): invalidated as a whole. */
        SHARED
    }

    public final String label;
    public final Tier tier;
    public final Duration defaultTtl;
    public final Owner owner;

    CacheCategory(String label, Tier tier, Duration defaultTtl, Owner owner) {
        this.label = label;
        this.tier = tier;
        this.defaultTtl = defaultTtl;
        this.owner = owner;
    }

    public static Optional<CacheCategory> byLabel(String label) {
        return Arrays.stream(values()).filter(c -> c.label.equals(label)).findFirst();
    }

    @Override
    public String toString() {
        return label;
    }
}
