package io.careerdata.cache;

import static io.careerdata.cache.CacheCategory.AGENT_TASKS;
import static io.careerdata.cache.CacheCategory.ANALYSES;
import static io.careerdata.cache.CacheCategory.APPLICATIONS;
import static io.careerdata.cache.CacheCategory.CAREER_ROADMAPS;
import static io.careerdata.cache.CacheCategory.DASHBOARD;
import static io.careerdata.cache.CacheCategory.GENERATED_RESUMES;
import static io.careerdata.cache.CacheCategory.INTERVIEW_SESSIONS;
import static io.careerdata.cache.CacheCategory.JOB_DESCRIPTIONS;
import static io.careerdata.cache.CacheCategory.JOB_POSTINGS;
import static io.careerdata.cache.CacheCategory.JOB_SEARCH;
import static io.careerdata.cache.CacheCategory.NETWORKING_CONTACTS;
import static io.careerdata.cache.CacheCategory.PLATFORM_STATS;
import static io.careerdata.cache.CacheCategory.PROFILE;
import static io.careerdata.cache.CacheCategory.RESUMES;
import static io.careerdata.cache.CacheCategory.RESUME_VERSIONS;
import static io.careerdata.cache.CacheCategory.SKILLS;
import static io.careerdata.cache.CacheCategory.USER_STATS;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A kind of change, and what it makes stale. The first category is the one that changed; the
 * others are derived from it (the dashboard and statistics count it, platform totals sum it).
 */
public enum CacheEvent {

    PROFILE_UPDATED(false, PROFILE, DASHBOARD, PLATFORM_STATS),
    USER_CREATED(false, PROFILE, PLATFORM_STATS),
    /** Erasure, or anything else that changes a user's data wholesale: all of it goes. */
    USER_DATA_REPLACED(true, PLATFORM_STATS),
    SKILL_CHANGED(false, SKILLS, DASHBOARD, PLATFORM_STATS),
    // deleting a resume or a job description clears the references to it (ON DELETE SET NULL)
    RESUME_CHANGED(false, RESUMES, RESUME_VERSIONS, APPLICATIONS, ANALYSES, GENERATED_RESUMES, DASHBOARD,
            PLATFORM_STATS),
    JOB_DESCRIPTION_CHANGED(false, JOB_DESCRIPTIONS, ANALYSES, GENERATED_RESUMES, DASHBOARD, PLATFORM_STATS),
    /** Any write of an application, status transitions included. */
    APPLICATION_CHANGED(false, APPLICATIONS, DASHBOARD, USER_STATS, PLATFORM_STATS),
    ANALYSIS_CHANGED(false, ANALYSES, DASHBOARD, USER_STATS, PLATFORM_STATS),
    GENERATED_RESUME_CHANGED(false, GENERATED_RESUMES, DASHBOARD, PLATFORM_STATS),
    INTERVIEW_SESSION_CHANGED(false, INTERVIEW_SESSIONS, DASHBOARD, USER_STATS, PLATFORM_STATS),
    NETWORKING_CONTACT_CHANGED(false, NETWORKING_CONTACTS, DASHBOARD, PLATFORM_STATS),
    CAREER_ROADMAP_CHANGED(false, CAREER_ROADMAPS, DASHBOARD, PLATFORM_STATS),
    AGENT_TASK_CHANGED(false, AGENT_TASKS, DASHBOARD, PLATFORM_STATS),
    /** A posting's detail and every search. */
    JOB_POSTING_CHANGED(false, JOB_POSTINGS, JOB_SEARCH, PLATFORM_STATS),
    /** A deleted posting's id was cleared in one user's applications and job descriptions. */
    JOB_POSTING_UNLINKED(false, APPLICATIONS, JOB_DESCRIPTIONS, DASHBOARD);

    public final boolean wholeUser;
    public final List<CacheCategory> drops;
    public final String label;

    CacheEvent(boolean wholeUser, CacheCategory... drops) {
        this.wholeUser = wholeUser;
        this.drops = List.of(drops);
        this.label = name().toLowerCase().replace('_', '-');
    }

    /** The event of a change to a record of {@code collection} (the first event that names it). */
    public static Optional<CacheEvent> forCollection(CacheCategory collection) {
        return Arrays.stream(values()).filter(e -> !e.drops.isEmpty() && e.drops.get(0) == collection).findFirst();
    }

    public static Optional<CacheEvent> byLabel(String label) {
        return Arrays.stream(values()).filter(e -> e.label.equals(label)).findFirst();
    }

    /** True when the event names a user's data (and so needs a user id). */
    public boolean needsUser() {
        return wholeUser || drops.stream().anyMatch(c -> c.owner == CacheCategory.Owner.USER);
    }

    /** True when the event names one record that belongs to no user (and so needs its id). */
    public boolean needsEntity() {
        return drops.stream().anyMatch(c -> c.owner == CacheCategory.Owner.ENTITY);
    }
}
