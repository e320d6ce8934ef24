-- Demo data for dev mode only (quarkus.flyway.locations in the dev profile). The two users match
-- the tokens printed at start-up: 0a0a... is the demo admin, 0b0b... the demo user.
INSERT INTO users (id, email, full_name, headline, location, preferences, last_active_at) VALUES
  ('0a0a0a0a-0000-4000-8000-000000000001', 'admin@demo.careerdata.io', 'Ada Admin', 'Platform administrator', 'Berlin', '{}', now()),
  ('0b0b0b0b-0000-4000-8000-000000000002', 'dana@demo.careerdata.io', 'Dana Demo', 'Backend engineer, 6 years of Java', 'Lisbon',
   '{"remote": true, "desiredRoles": ["Senior Backend Engineer", "Staff Engineer"], "salaryCurrency": "EUR"}', now())
ON CONFLICT DO NOTHING;

INSERT INTO skills (id, user_id, name, level, years_experience) VALUES
  ('0c000000-0000-4000-8000-000000000001', '0b0b0b0b-0000-4000-8000-000000000002', 'Java', 'expert', 6),
  ('0c000000-0000-4000-8000-000000000002', '0b0b0b0b-0000-4000-8000-000000000002', 'PostgreSQL', 'advanced', 5),
  ('0c000000-0000-4000-8000-000000000003', '0b0b0b0b-0000-4000-8000-000000000002', 'Kubernetes', 'intermediate', 2)
ON CONFLICT DO NOTHING;

INSERT INTO job_postings (id, title, company, location, source, url, salary_min, salary_max, currency, posted_date) VALUES
  ('0d000000-0000-4000-8000-000000000001', 'Senior Backend Engineer', 'Acme Cloud', 'Lisbon', 'linkedin', 'https://jobs.example/acme/1', 65000, 85000, 'EUR', current_date - 2),
  ('0d000000-0000-4000-8000-000000000002', 'Staff Engineer, Data Platform', 'Northwind', 'Remote', 'indeed', 'https://jobs.example/northwind/7', 90000, 120000, 'EUR', current_date - 5),
  ('0d000000-0000-4000-8000-000000000003', 'Java Developer', 'Globex', 'Porto', 'manual', NULL, 45000, 60000, 'EUR', current_date - 9),
  ('0d000000-0000-4000-8000-000000000004', 'Site Reliability Engineer', 'Initech', 'Berlin', 'linkedin', 'https://jobs.example/initech/3', 70000, 95000, 'EUR', current_date - 1),
  ('0d000000-0000-4000-8000-000000000005', 'Backend Engineer (Kotlin)', 'Umbrella Health', 'Remote', 'indeed', NULL, 55000, 75000, 'EUR', current_date - 14)
ON CONFLICT DO NOTHING;

INSERT INTO resumes (id, user_id, title, current_version) VALUES
  ('0e000000-0000-4000-8000-000000000001', '0b0b0b0b-0000-4000-8000-000000000002', 'Backend engineer resume', 2)
ON CONFLICT DO NOTHING;
INSERT INTO resume_versions (id, resume_id, version, raw_text, redacted_text) VALUES
  ('0e100000-0000-4000-8000-000000000001', '0e000000-0000-4000-8000-000000000001', 1,
   'Dana Demo - dana@demo.careerdata.io - +351 912 345 678. Java engineer.',
   'Dana Demo - [EMAIL] - [PHONE]. Java engineer.'),
  ('0e100000-0000-4000-8000-000000000002', '0e000000-0000-4000-8000-000000000001', 2,
   'Dana Demo - dana@demo.careerdata.io - +351 912 345 678. Java and PostgreSQL engineer, 6 years.',
   'Dana Demo - [EMAIL] - [PHONE]. Java and PostgreSQL engineer, 6 years.')
ON CONFLICT DO NOTHING;

INSERT INTO job_descriptions (id, user_id, job_posting_id, title, company, content) VALUES
  ('0f000000-0000-4000-8000-000000000001', '0b0b0b0b-0000-4000-8000-000000000002', '0d000000-0000-4000-8000-000000000001',
   'Senior Backend Engineer', 'Acme Cloud', 'Build reactive Java services on PostgreSQL and Kubernetes.')
ON CONFLICT DO NOTHING;

INSERT INTO applications (id, user_id, job_posting_id, resume_id, job_title, company, status, applied_at, status_changed_at) VALUES
  ('1a000000-0000-4000-8000-000000000001', '0b0b0b0b-0000-4000-8000-000000000002', '0d000000-0000-4000-8000-000000000001',
   '0e000000-0000-4000-8000-000000000001', 'Senior Backend Engineer', 'Acme Cloud', 'interviewing', now() - interval '6 days', now() - interval '1 day'),
  ('1a000000-0000-4000-8000-000000000002', '0b0b0b0b-0000-4000-8000-000000000002', '0d000000-0000-4000-8000-000000000002',
   '0e000000-0000-4000-8000-000000000001', 'Staff Engineer, Data Platform', 'Northwind', 'applied', now() - interval '3 days', now() - interval '3 days'),
  ('1a000000-0000-4000-8000-000000000003', '0b0b0b0b-0000-4000-8000-000000000002', '0d000000-0000-4000-8000-000000000005',
   NULL, 'Backend Engineer (Kotlin)', 'Umbrella Health', 'saved', NULL, now())
ON CONFLICT DO NOTHING;

INSERT INTO analyses (id, user_id, resume_id, job_description_id, match_score, semantic_similarity, missing_keywords, suggestions) VALUES
  ('1b000000-0000-4000-8000-000000000001', '0b0b0b0b-0000-4000-8000-000000000002', '0e000000-0000-4000-8000-000000000001',
   '0f000000-0000-4000-8000-000000000001', 78.5, 0.82, '["Kafka", "Terraform"]', '["Quantify the latency work", "Mention on-call experience"]')
ON CONFLICT DO NOTHING;

INSERT INTO generated_resumes (id, user_id, resume_id, job_description_id, model_used, content, generation_metadata) VALUES
  ('1c000000-0000-4000-8000-000000000001', '0b0b0b0b-0000-4000-8000-000000000002', '0e000000-0000-4000-8000-000000000001',
   '0f000000-0000-4000-8000-000000000001', 'gpt-4o-mini', 'Dana Demo - Senior Backend Engineer ...', '{"temperature": 0.3, "tokens": 812}')
ON CONFLICT DO NOTHING;

INSERT INTO interview_sessions (id, user_id, role, interview_type, status, score, feedback, scheduled_at, completed_at) VALUES
  ('1d000000-0000-4000-8000-000000000001', '0b0b0b0b-0000-4000-8000-000000000002', 'Senior Backend Engineer', 'system_design',
   'completed', 72, 'Good trade-off discussion; go deeper on partitioning.', now() - interval '2 days', now() - interval '2 days'),
  ('1d000000-0000-4000-8000-000000000002', '0b0b0b0b-0000-4000-8000-000000000002', 'Senior Backend Engineer', 'behavioral',
   'scheduled', NULL, NULL, now() + interval '2 days', NULL)
ON CONFLICT DO NOTHING;

INSERT INTO networking_contacts (id, user_id, name, email, company, position, relationship) VALUES
  ('1e000000-0000-4000-8000-000000000001', '0b0b0b0b-0000-4000-8000-000000000002', 'Sam Recruiter', 'sam@acme.example',
   'Acme Cloud', 'Technical recruiter', 'recruiter')
ON CONFLICT DO NOTHING;

INSERT INTO career_roadmaps (id, user_id, title, target_role, status, progress, milestones) VALUES
  ('1f000000-0000-4000-8000-000000000001', '0b0b0b0b-0000-4000-8000-000000000002', 'Towards Staff Engineer', 'Staff Engineer',
   'active', 40, '[{"title": "Lead a cross-team design", "done": true, "dueDate": null}, {"title": "Mentor two engineers", "done": false, "dueDate": "2027-03-31"}]')
ON CONFLICT DO NOTHING;

INSERT INTO agent_tasks (id, user_id, agent, task_type, status, priority, payload) VALUES
  ('2a000000-0000-4000-8000-000000000001', '0b0b0b0b-0000-4000-8000-000000000002', 'resume-tailor', 'tailor_resume',
   'pending', 7, '{"jobPostingId": "0d000000-0000-4000-8000-000000000002"}')
ON CONFLICT DO NOTHING;
