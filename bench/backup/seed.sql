-- About 1,000,000 rows across the service's tables (times :scale), deterministic ids.
-- Run with: psql -v scale=1 -f seed.sql
\set ON_ERROR_STOP on
BEGIN;
INSERT INTO users (id, email, full_name, headline, location, preferences, last_active_at)
SELECT md5('u' || g)::uuid, 'user' || g || '@example.org', 'User ' || g, 'Engineer with ' || (g % 30) || ' years',
       (ARRAY['Berlin', 'Paris', 'Lisbon', 'Remote'])[1 + g % 4], jsonb_build_object('theme', 'dark', 'n', g),
       now() - (g % 1000) * interval '1 hour'
FROM generate_series(1, 100000 * :scale) g;

INSERT INTO skills (id, user_id, name, level, years_experience)
SELECT md5('s' || g || n)::uuid, md5('u' || g)::uuid, (ARRAY['Java', 'SQL'])[n], 'advanced', (g % 20) + 0.5
FROM generate_series(1, 100000 * :scale) g, generate_series(1, 2) n;

INSERT INTO resumes (id, user_id, title, current_version)
SELECT md5('r' || g)::uuid, md5('u' || (g * 2))::uuid, 'Resume ' || g, 2
FROM generate_series(1, 50000 * :scale) g;

INSERT INTO resume_versions (id, resume_id, version, raw_text, redacted_text)
SELECT md5('rv' || g || v)::uuid, md5('r' || g)::uuid, v, repeat('Experienced engineer. ', 20) || g, repeat('[redacted] ', 10)
FROM generate_series(1, 50000 * :scale) g, generate_series(1, 2) v;

INSERT INTO job_postings (id, title, company, location, source, description, salary_min, salary_max, currency, posted_date)
SELECT md5('j' || g)::uuid, 'Senior Engineer ' || (g % 500), 'Company ' || (g % 2000),
       (ARRAY['Berlin', 'Paris', 'Lisbon', 'Remote'])[1 + g % 4], 'import', repeat('We build things. ', 10),
       40000 + g % 30000, 80000 + g % 40000, 'EUR', date '2024-01-01' + (g % 365)
FROM generate_series(1, 100000 * :scale) g;

INSERT INTO job_descriptions (id, user_id, job_posting_id, title, company, content)
SELECT md5('jd' || g)::uuid, md5('u' || g)::uuid, md5('j' || g)::uuid, 'Engineer', 'Company', repeat('Requirements. ', 15)
FROM generate_series(1, 50000 * :scale) g;

INSERT INTO applications (id, user_id, job_posting_id, resume_id, job_title, company, status, applied_at, notes)
SELECT md5('a' || g)::uuid, md5('u' || (1 + g % (100000 * :scale)))::uuid, md5('j' || (1 + g % (100000 * :scale)))::uuid,
       NULL, 'Engineer', 'Company ' || g % 2000,
       (ARRAY['saved', 'applied', 'screening', 'interviewing', 'offered', 'rejected'])[1 + g % 6], now(), 'note ' || g
FROM generate_series(1, 150000 * :scale) g;

INSERT INTO analyses (id, user_id, resume_id, job_description_id, match_score, semantic_similarity, missing_keywords, suggestions)
SELECT md5('an' || g)::uuid, md5('u' || g)::uuid, NULL, md5('jd' || g)::uuid, g % 100, (g % 1000) / 1000.0,
       '["kubernetes", "go"]', '["add metrics"]'
FROM generate_series(1, 50000 * :scale) g;

INSERT INTO generated_resumes (id, user_id, model_used, content, generation_metadata)
SELECT md5('g' || g)::uuid, md5('u' || g)::uuid, 'model-x', repeat('Generated text. ', 30), '{"tokens": 1200}'
FROM generate_series(1, 20000 * :scale) g;

INSERT INTO interview_sessions (id, user_id, role, interview_type, status, score, feedback)
SELECT md5('i' || g)::uuid, md5('u' || g)::uuid, 'Backend', 'technical', 'completed', g % 100, 'Good answers'
FROM generate_series(1, 50000 * :scale) g;

INSERT INTO networking_contacts (id, user_id, name, email, company, position)
SELECT md5('n' || g)::uuid, md5('u' || (1 + g % (100000 * :scale)))::uuid, 'Contact ' || g, 'c' || g || '@example.org', 'Co', 'CTO'
FROM generate_series(1, 60000 * :scale) g;

INSERT INTO career_roadmaps (id, user_id, title, target_role, progress, milestones)
SELECT md5('cr' || g)::uuid, md5('u' || g)::uuid, 'Plan', 'Staff', g % 100, '[{"step": "lead"}, {"step": "mentor"}]'
FROM generate_series(1, 20000 * :scale) g;

INSERT INTO agent_tasks (id, user_id, agent, task_type, status, priority, payload)
SELECT md5('t' || g)::uuid, md5('u' || g)::uuid, 'matcher', 'match', 'succeeded', g % 10, '{"k": 1}'
FROM generate_series(1, 40000 * :scale) g;

INSERT INTO audit_log (actor, action, target_type, target_id, details)
SELECT 'seed', 'update', 'user', g::text, '{"field": "headline"}'
FROM generate_series(1, 10000 * :scale) g;
COMMIT;
ANALYZE;
