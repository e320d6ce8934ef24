-- Career Data Service: the domain schema.
-- Conventions: UUID keys made by the service, created_at/updated_at as timestamptz, JSONB for
-- documents. Every table that holds a person's data has user_id -> users ON DELETE CASCADE, so
-- erasing a user erases their rows. Each index states the query it serves.

-- Trigram indexes make the job search's "title/company contains" filters indexable.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE users (
    id             uuid PRIMARY KEY,
    email          text        NOT NULL,
    full_name      text        NOT NULL,
    headline       text,
    location       text,
    phone          text,
    active         boolean     NOT NULL DEFAULT true,
    preferences    jsonb       NOT NULL DEFAULT '{}'::jsonb,
    last_active_at timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT users_email_format CHECK (email LIKE '%_@_%')
);
-- One account per address whatever its case; also serves lookup by email.
CREATE UNIQUE INDEX users_email_lower_uq ON users (lower(email));
-- Admin user list, newest first, and "most recently active users" for cache warming.
CREATE INDEX users_created_at_idx ON users (created_at DESC, id);
CREATE INDEX users_last_active_idx ON users (last_active_at DESC NULLS LAST);

CREATE TABLE skills (
    id               uuid PRIMARY KEY,
    user_id          uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name             text        NOT NULL,
    level            text        NOT NULL DEFAULT 'intermediate',
    years_experience numeric(4, 1),
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT skills_level_check CHECK (level IN ('beginner', 'intermediate', 'advanced', 'expert')),
    CONSTRAINT skills_years_check CHECK (years_experience IS NULL OR years_experience BETWEEN 0 AND 80)
);
-- A user lists a skill once; also serves the user's paged skill list.
CREATE UNIQUE INDEX skills_user_name_uq ON skills (user_id, lower(name));
CREATE INDEX skills_user_created_idx ON skills (user_id, created_at DESC, id);

CREATE TABLE resumes (
    id              uuid PRIMARY KEY,
    user_id         uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title           text        NOT NULL,
    current_version integer     NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
-- The user's paged resume list.
CREATE INDEX resumes_user_created_idx ON resumes (user_id, created_at DESC, id);

-- Every update of a resume adds a version; versions are never changed afterwards.
CREATE TABLE resume_versions (
    id            uuid PRIMARY KEY,
    resume_id     uuid        NOT NULL REFERENCES resumes (id) ON DELETE CASCADE,
    version       integer     NOT NULL,
    raw_text      text        NOT NULL,
    redacted_text text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT resume_versions_version_check CHECK (version >= 1)
);
-- One row per (resume, version); serves "version n of a resume" and the version list.
CREATE UNIQUE INDEX resume_versions_resume_version_uq ON resume_versions (resume_id, version);

CREATE TABLE job_postings (
    id          uuid PRIMARY KEY,
    title       text          NOT NULL,
    company     text          NOT NULL,
    location    text,
    source      text          NOT NULL DEFAULT 'manual',
    url         text,
    description text,
    salary_min  numeric(12, 2),
    salary_max  numeric(12, 2),
    currency    char(3),
    posted_date date,
    created_at  timestamptz   NOT NULL DEFAULT now(),
    updated_at  timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT job_postings_salary_check CHECK (salary_min IS NULL OR salary_max IS NULL OR salary_min <= salary_max),
    CONSTRAINT job_postings_salary_positive CHECK (coalesce(salary_min, 0) >= 0 AND coalesce(salary_max, 0) >= 0)
);
-- Search: "title contains" and "company contains" (ILIKE '%x%').
CREATE INDEX job_postings_title_trgm_idx ON job_postings USING gin (title gin_trgm_ops);
CREATE INDEX job_postings_company_trgm_idx ON job_postings USING gin (company gin_trgm_ops);
-- Search: exact location and source filters (case-insensitive).
CREATE INDEX job_postings_location_idx ON job_postings (lower(location));
CREATE INDEX job_postings_source_idx ON job_postings (source);
-- Search: the default order (newest postings first) and posted-date ranges.
CREATE INDEX job_postings_posted_idx ON job_postings (posted_date DESC NULLS LAST, id);
-- Search: salary range filters.
CREATE INDEX job_postings_salary_idx ON job_postings (salary_max, salary_min);

CREATE TABLE job_descriptions (
    id             uuid PRIMARY KEY,
    user_id        uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    job_posting_id uuid        REFERENCES job_postings (id) ON DELETE SET NULL,
    title          text        NOT NULL,
    company        text,
    content        text        NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
-- The user's paged list.
CREATE INDEX job_descriptions_user_created_idx ON job_descriptions (user_id, created_at DESC, id);
-- Foreign key: deleting a posting nulls its references without scanning the table.
CREATE INDEX job_descriptions_posting_idx ON job_descriptions (job_posting_id) WHERE job_posting_id IS NOT NULL;

CREATE TABLE applications (
    id                uuid PRIMARY KEY,
    user_id           uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- a posting deleted by an admin leaves the user's application (with its own title/company)
    job_posting_id    uuid        REFERENCES job_postings (id) ON DELETE SET NULL,
    resume_id         uuid        REFERENCES resumes (id) ON DELETE SET NULL,
    job_title         text        NOT NULL,
    company           text        NOT NULL,
    status            text        NOT NULL DEFAULT 'saved',
    applied_at        timestamptz,
    status_changed_at timestamptz NOT NULL DEFAULT now(),
    notes             text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT applications_status_check CHECK (status IN
        ('saved', 'applied', 'screening', 'interviewing', 'offered', 'accepted', 'rejected', 'withdrawn'))
);
-- The user's paged list.
CREATE INDEX applications_user_created_idx ON applications (user_id, created_at DESC, id);
-- Counts by status for the dashboard and statistics.
CREATE INDEX applications_user_status_idx ON applications (user_id, status);
-- Foreign keys: deleting a posting or a resume nulls references without a scan.
CREATE INDEX applications_posting_idx ON applications (job_posting_id) WHERE job_posting_id IS NOT NULL;
CREATE INDEX applications_resume_idx ON applications (resume_id) WHERE resume_id IS NOT NULL;

CREATE TABLE analyses (
    id                  uuid PRIMARY KEY,
    user_id             uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    resume_id           uuid        REFERENCES resumes (id) ON DELETE SET NULL,
    job_description_id  uuid        REFERENCES job_descriptions (id) ON DELETE SET NULL,
    match_score         numeric(5, 2) NOT NULL,
    semantic_similarity double precision,
    missing_keywords    jsonb       NOT NULL DEFAULT '[]'::jsonb,
    suggestions         jsonb       NOT NULL DEFAULT '[]'::jsonb,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT analyses_match_score_check CHECK (match_score BETWEEN 0 AND 100),
    CONSTRAINT analyses_similarity_check CHECK (semantic_similarity IS NULL OR semantic_similarity BETWEEN 0 AND 1)
);
-- The user's paged list (also the statistics' average match score).
CREATE INDEX analyses_user_created_idx ON analyses (user_id, created_at DESC, id);
-- Foreign keys: deleting a resume or a job description nulls references without a scan.
CREATE INDEX analyses_resume_idx ON analyses (resume_id) WHERE resume_id IS NOT NULL;
CREATE INDEX analyses_job_description_idx ON analyses (job_description_id) WHERE job_description_id IS NOT NULL;

CREATE TABLE generated_resumes (
    id                  uuid PRIMARY KEY,
    user_id             uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    resume_id           uuid        REFERENCES resumes (id) ON DELETE SET NULL,
    job_description_id  uuid        REFERENCES job_descriptions (id) ON DELETE SET NULL,
    model_used          text        NOT NULL,
    content             text        NOT NULL,
    generation_metadata jsonb       NOT NULL DEFAULT '{}'::jsonb,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);
-- The user's paged list.
CREATE INDEX generated_resumes_user_created_idx ON generated_resumes (user_id, created_at DESC, id);
-- Foreign keys: deleting a resume or a job description nulls references without a scan.
CREATE INDEX generated_resumes_resume_idx ON generated_resumes (resume_id) WHERE resume_id IS NOT NULL;
CREATE INDEX generated_resumes_job_description_idx ON generated_resumes (job_description_id) WHERE job_description_id IS NOT NULL;

CREATE TABLE interview_sessions (
    id             uuid PRIMARY KEY,
    user_id        uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role           text        NOT NULL,
    interview_type text        NOT NULL,
    status         text        NOT NULL DEFAULT 'scheduled',
    score          numeric(5, 2),
    feedback       text,
    scheduled_at   timestamptz,
    completed_at   timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT interview_sessions_type_check CHECK (interview_type IN
        ('behavioral', 'technical', 'system_design', 'case_study', 'mixed')),
    CONSTRAINT interview_sessions_status_check CHECK (status IN ('scheduled', 'in_progress', 'completed', 'cancelled')),
    CONSTRAINT interview_sessions_score_check CHECK (score IS NULL OR score BETWEEN 0 AND 100)
);
-- The user's paged list (and interview scores over time for statistics).
CREATE INDEX interview_sessions_user_created_idx ON interview_sessions (user_id, created_at DESC, id);

CREATE TABLE networking_contacts (
    id                uuid PRIMARY KEY,
    user_id           uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name              text        NOT NULL,
    email             text,
    company           text,
    position          text,
    relationship      text,
    notes             text,
    last_contacted_at timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now()
);
-- The user's paged list.
CREATE INDEX networking_contacts_user_created_idx ON networking_contacts (user_id, created_at DESC, id);

CREATE TABLE career_roadmaps (
    id          uuid PRIMARY KEY,
    user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title       text        NOT NULL,
    target_role text,
    status      text        NOT NULL DEFAULT 'active',
    progress    integer     NOT NULL DEFAULT 0,
    milestones  jsonb       NOT NULL DEFAULT '[]'::jsonb,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT career_roadmaps_status_check CHECK (status IN ('active', 'completed', 'archived')),
    CONSTRAINT career_roadmaps_progress_check CHECK (progress BETWEEN 0 AND 100)
);
-- The user's paged list.
CREATE INDEX career_roadmaps_user_created_idx ON career_roadmaps (user_id, created_at DESC, id);

CREATE TABLE agent_tasks (
    id         uuid PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    agent      text        NOT NULL,
    task_type  text        NOT NULL,
    status     text        NOT NULL DEFAULT 'pending',
    priority   integer     NOT NULL DEFAULT 5,
    payload    jsonb       NOT NULL DEFAULT '{}'::jsonb,
    result     jsonb,
    error      text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT agent_tasks_status_check CHECK (status IN ('pending', 'running', 'succeeded', 'failed', 'cancelled')),
    CONSTRAINT agent_tasks_priority_check CHECK (priority BETWEEN 0 AND 10)
);
-- The user's paged list.
CREATE INDEX agent_tasks_user_created_idx ON agent_tasks (user_id, created_at DESC, id);
-- Work queues: pending or running tasks by priority, without scanning finished ones.
CREATE INDEX agent_tasks_queue_idx ON agent_tasks (status, priority DESC, created_at)
    WHERE status IN ('pending', 'running');

-- Who did what, when. No foreign key to users: the record of an erasure outlives the user.
CREATE TABLE audit_log (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at     timestamptz NOT NULL DEFAULT now(),
    actor           text        NOT NULL,
    action          text        NOT NULL,
    target_type     text        NOT NULL,
    target_id       text,
    subject_user_id uuid,
    details         jsonb
);
-- Audit entries about one person (their exports, an admin's changes to their data).
CREATE INDEX audit_log_subject_idx ON audit_log (subject_user_id, occurred_at DESC) WHERE subject_user_id IS NOT NULL;
-- Reading the log newest first, and retention by age.
CREATE INDEX audit_log_occurred_idx ON audit_log (occurred_at DESC);
