package io.careerdata.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Seeds one person with rows in every table that holds their data, through plain SQL, and keeps
 * what an export of them must hold (the redaction rule applied). Texts carry the characters that
 * trouble each format: commas, quotes, line breaks, markup, accents and emoji.
 */
final class ExportFixture {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(30);

    /** A seeded person: the rows an export of them must hold, by category, and what must never appear. */
    record Person(UUID id, String marker, Map<String, List<Map<String, Object>>> expected, UUID unrelatedPostingId) {

        /** Expected rows are matched to exported ones by this column. */
        static String keyOf(String category) {
            return category.equals("audit_entries") ? "action" : "id";
        }
    }

    private final Pool pool;
    private final Map<String, List<Map<String, Object>>> expected = new LinkedHashMap<>();

    private ExportFixture(Pool pool) {
        this.pool = pool;
    }

    static Person seed(Pool pool) {
        return new ExportFixture(pool).seedPerson();
    }

    private Person seedPerson() {
        UUID user = UUID.randomUUID();
        String marker = "mk" + user.toString().substring(0, 8);
        UUID resume = UUID.randomUUID();
        UUID posting = UUID.randomUUID();
        UUID unrelatedPosting = UUID.randomUUID();
        UUID description = UUID.randomUUID();

        insert("profile", "users", row("id", user, "email", marker + "@example.org",
                "full_name", "Zoë \"Q\" <b>Tester</b> & Co, " + marker,
                "headline", "Line one\nline two, with a comma", "location", "Zürich", "phone", "+41 44 668 18 00",
                "active", true, "preferences", Map.of("theme", "dark", "marker", marker, "tags", List.of("a", "b")),
                "last_active_at", "2024-03-01T10:15:30Z"));
        insert("skills", "skills", row("id", UUID.randomUUID(), "user_id", user, "name", "Java " + marker,
                "level", "expert", "years_experience", 4.5, "created_at", "2024-01-02T03:04:05Z"));
        insert("skills", "skills", row("id", UUID.randomUUID(), "user_id", user, "name", "SQL, \"window\" functions",
                "level", "advanced", "years_experience", null));
        insert("resumes", "resumes", row("id", resume, "user_id", user, "title", "CV " + marker, "current_version", 2));
        insert("resume_versions", "resume_versions", row("id", UUID.randomUUID(), "resume_id", resume, "version", 1,
                "raw_text", "Raw, \"quoted\"\r\nwith CRLF " + marker, "redacted_text", "Raw [name]"));
        insert("resume_versions", "resume_versions", row("id", UUID.randomUUID(), "resume_id", resume, "version", 2,
                "raw_text", "naïve café 😀 <xml> & ]]> " + marker, "redacted_text", "v2"));
        insert(null, "job_postings", row("id", posting, "title", "Backend engineer", "company", "Acme, Inc.",
                "location", "Berlin", "source", "manual", "salary_min", 60000.5, "salary_max", 80000,
                "currency", "EUR", "posted_date", "2024-02-15"));
        expected.put("job_postings", new ArrayList<>(List.of(row("id", posting, "title", "Backend engineer",
                "company", "Acme, Inc.", "salary_min", 60000.5, "salary_max", 80000, "currency", "EUR",
                "posted_date", "2024-02-15"))));
        insert(null, "job_postings", row("id", unrelatedPosting, "title", "Unrelated posting", "company", "Other"));
        insert("job_descriptions", "job_descriptions", row("id", description, "user_id", user,
                "job_posting_id", posting, "title", "Backend engineer", "company", null, "content", "We want " + marker));
        insert("applications", "applications", row("id", UUID.randomUUID(), "user_id", user, "job_posting_id", posting,
                "resume_id", resume, "job_title", "Backend engineer", "company", "Acme, Inc.", "status", "applied",
                "applied_at", "2024-02-20T08:30:00Z", "notes", "Recruiter said: \"call back\" <soon> & later, " + marker));
        insert("applications", "applications", row("id", UUID.randomUUID(), "user_id", user, "job_title", "Data engineer",
                "company", "Beta", "status", "saved"));
        insert("analyses", "analyses", row("id", UUID.randomUUID(), "user_id", user, "resume_id", resume,
                "job_description_id", description, "match_score", 87.5, "semantic_similarity", 0.8125,
                "missing_keywords", List.of("kubernetes", marker), "suggestions", List.of(Map.of("text", "Add metrics"))));
        insert("generated_resumes", "generated_resumes", row("id", UUID.randomUUID(), "user_id", user,
                "model_used", "model-x", "content", "Generated for " + marker,
                "generation_metadata", Map.of("temperature", 0.2)));
        insert("interview_sessions", "interview_sessions", row("id", UUID.randomUUID(), "user_id", user,
                "role", "SRE", "interview_type", "technical", "status", "completed", "score", 91.25,
                "feedback", "Good; \"clear\"", "completed_at", "2024-03-03T12:00:00Z"));
        Map<String, Object> contact = row("id", UUID.randomUUID(), "user_id", user, "name", "Jane Q. Doe",
                "email", "jane.doe@corp.example", "company", "Corp", "relationship", "former colleague",
                "notes", "Call +1 555 123 4567 or write to jane.doe@corp.example about " + marker);
        insert(null, "networking_contacts", contact);
        Map<String, Object> redacted = new LinkedHashMap<>(contact);
        redacted.putAll(row("name", "J. Q. D.", "email", Redaction.MARK,
                "notes", "Call [redacted] or write to [redacted] about " + marker));
        expected.put("networking_contacts", new ArrayList<>(List.of(redacted)));
        insert("career_roadmaps", "career_roadmaps", row("id", UUID.randomUUID(), "user_id", user, "title", "To staff",
                "target_role", "Staff engineer", "progress", 40,
                "milestones", List.of(Map.of("name", "Learn Go", "done", false))));
        insert("agent_tasks", "agent_tasks", row("id", UUID.randomUUID(), "user_id", user, "agent", "resume-agent",
                "task_type", "rewrite", "status", "succeeded", "priority", 7, "payload", Map.of("marker", marker),
                "result", Map.of("ok", true), "error", null));
        String selfAction = "test.self-" + marker;
        String otherAction = "test.other-" + marker;
        insert(null, "audit_log", row("actor", user.toString(), "action", selfAction, "target_type", "user",
                "target_id", user.toString(), "subject_user_id", user, "details", Map.of("k", "v")));
        insert(null, "audit_log", row("actor", UUID.randomUUID().toString(), "action", otherAction,
                "target_type", "user", "subject_user_id", user));
        expected.put("audit_entries", new ArrayList<>(List.of(
                row("action", selfAction, "actor", "self", "target_id", user.toString(), "details", Map.of("k", "v")),
                row("action", otherAction, "actor", "other"))));
        return new Person(user, marker, expected, unrelatedPosting);
    }

    /** Inserts a row (only the columns given; the table's types convert the JSON values) and expects it. */
    private void insert(String category, String table, Map<String, Object> values) {
        insertRow(pool, table, values);
        if (category != null) {
            expected.computeIfAbsent(category, key -> new ArrayList<>()).add(values);
        }
    }

    static void insertRow(Pool pool, String table, Map<String, Object> values) {
        String columns = String.join(", ", values.keySet());
        Map<String, Object> json = new HashMap<>();
        values.forEach((key, value) -> json.put(key, value instanceof UUID ? value.toString() : value));
        pool.preparedQuery("INSERT INTO " + table + " (" + columns + ") SELECT " + columns
                        + " FROM jsonb_populate_record(NULL::" + table + ", $1)")
                .execute(Tuple.of(new JsonObject(json)))
                .await().atMost(WAIT);
    }

    static Map<String, Object> row(Object... keysAndValues) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            row.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return row;
    }

    static List<String> categoryNames(ExportScope scope) {
        return Arrays.asList(ExportCatalog.categories(scope).stream().map(ExportCatalog.Category::name)
                .toArray(String[]::new));
    }
}
