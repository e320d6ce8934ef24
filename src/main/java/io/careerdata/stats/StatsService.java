package io.careerdata.stats;

import io.careerdata.cache.CacheCategory;
import io.careerdata.cache.CacheKey;
import io.careerdata.cache.CacheLayer;
import io.careerdata.cache.CachedRead;
import io.careerdata.replica.ReadReplica;
import io.careerdata.replica.ReadReplica.Work;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Statistics, computed in PostgreSQL and served through the cache (15 minutes; the writes that
 * change them invalidate them). Queries on one session run one after another.
 */
@ApplicationScoped
public class StatsService {

    /** Interview scores reported per user: the latest this many, in time order. */
    static final int INTERVIEW_SCORES = 100;

    private static final String[] TOTALS = {"resumes", "applications", "job_postings", "job_descriptions",
        "analyses", "generated_resumes", "interview_sessions", "networking_contacts", "career_roadmaps", "agent_tasks"};

    // one round trip; every count is over a whole table
    private static final String TOTALS_SQL = "select (select count(*) from users), (select count(*) from users where active), "
            + String.join(", ", java.util.Arrays.stream(TOTALS).map(t -> "(select count(*) from " + t + ")").toList())
            + ", (select avg(match_score) from analyses), (select avg(score) from interview_sessions)";

    @Inject
    CacheLayer cache;

    @Inject
    ReadReplica replica;

    /** The user's figures, or null when there is no such user. */
    public Uni<UserStats> forUser(UUID userId) {
        return cache.get(CachedRead.of(CacheKey.ofUser(CacheCategory.USER_STATS, userId), UserStats.class,
                () -> Panache.withSession(() -> Panache.getSession().chain(session -> computeForUser(session, userId)))));
    }

    public Uni<PlatformStats> platform() {
        return cache.get(CachedRead.of(CacheKey.shared(CacheCategory.PLATFORM_STATS, "totals"), PlatformStats.class,
                // whole-table counts: the replica's work when there is one; it must hold every commit
                // so far, as the value stays cached after the invalidation that led to this load
                () -> replica.read(Work.STATS, true, StatsService::computePlatform)));
    }

    private static Uni<UserStats> computeForUser(Mutiny.Session session, UUID userId) {
        return session.createNativeQuery("select count(*) from users where id = :user", Long.class)
                .setParameter("user", userId).getSingleResult()
                .chain(exists -> exists == 0 ? Uni.createFrom().nullItem() : byStatus(session, userId)
                        .chain(byStatus -> session.createNativeQuery(
                                        "select count(*), avg(match_score) from analyses where user_id = :user", Object[].class)
                                .setParameter("user", userId).getSingleResult()
                                .chain(analyses -> interviewScores(session, userId)
                                        .map(scores -> new UserStats(userId,
                                                byStatus.values().stream().mapToLong(Long::longValue).sum(), byStatus,
                                                ((Number) analyses[0]).longValue(), decimal(analyses[1]), scores,
                                                Instant.now())))));
    }

    private static Uni<Map<String, Long>> byStatus(Mutiny.Session session, UUID userId) {
        return session.createNativeQuery("select status, count(*) from applications where user_id = :user"
                        + " group by status order by status", Object[].class)
                .setParameter("user", userId)
                .getResultList()
                .map(StatsService::counts);
    }

    private static Uni<List<UserStats.InterviewScore>> interviewScores(Mutiny.Session session, UUID userId) {
        return session.createNativeQuery("select at, score, role, interview_type from ("
                        + "select coalesce(completed_at, scheduled_at, created_at) as at, score, role, interview_type"
                        + " from interview_sessions where user_id = :user and score is not null"
                        + " order by at desc limit " + INTERVIEW_SCORES + ") latest order by at", Object[].class)
                .setParameter("user", userId)
                .getResultList()
                .map(rows -> rows.stream().map(row -> new UserStats.InterviewScore(instant(row[0]), decimal(row[1]),
                        (String) row[2], (String) row[3])).toList());
    }

    private static Uni<PlatformStats> computePlatform(SqlClient db) {
        return db.query(TOTALS_SQL).execute().map(rows -> rows.iterator().next())
                .chain(row -> db.query("select status, count(*) from applications group by status order by status")
                        .execute()
                        .map(statusRows -> {
                            Map<String, Long> totals = new LinkedHashMap<>();
                            for (int i = 0; i < TOTALS.length; i++) {
                                totals.put(camel(TOTALS[i]), row.getLong(i + 2));
                            }
                            Map<String, Long> byStatus = new LinkedHashMap<>();
                            statusRows.forEach(status -> byStatus.put(String.valueOf(status.getValue(0)), status.getLong(1)));
                            return new PlatformStats(row.getLong(0), row.getLong(1), totals, byStatus,
                                    decimal(row.getValue(TOTALS.length + 2)), decimal(row.getValue(TOTALS.length + 3)),
                                    Instant.now());
                        }));
    }

    private static Map<String, Long> counts(List<Object[]> rows) {
        Map<String, Long> counts = new LinkedHashMap<>();
        rows.forEach(row -> counts.put(row[0].toString(), ((Number) row[1]).longValue()));
        return counts;
    }

    private static BigDecimal decimal(Object value) {
        if (value == null) {
            return null;
        }
        BigDecimal number = value instanceof BigDecimal d ? d : new BigDecimal(value.toString());
        return number.setScale(2, RoundingMode.HALF_UP);
    }

    private static Instant instant(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        return value instanceof Instant instant ? instant : Instant.parse(value.toString());
    }

    private static String camel(String table) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : table.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
