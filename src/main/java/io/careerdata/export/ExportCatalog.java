package io.careerdata.export;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Every category of a person's data that an export holds: which rows (one query per category, its
 * only parameter the person's id), which columns, of which kind, and the redactions applied. The
 * writers, the JSON Schema and the README are all made from this list; a test checks it against
 * the database, so a new table or column that holds personal data cannot be left out unnoticed.
 */
public final class ExportCatalog {

    /** The version of the export's shape, in its metadata and JSON Schema. */
    public static final int SCHEMA_VERSION = 1;

    /** How a column's values are read from PostgreSQL and written out. */
    public enum Kind {
        UUID, TEXT, INTEGER, DECIMAL, DOUBLE, BOOLEAN, TIMESTAMP, DATE, JSON;

        /**
         * The value as the writers take it: String (also for ids, timestamps in UTC ISO-8601 and dates),
         * Long, BigDecimal, Double, Boolean, {@link RawJson}, or null.
         */
        Object read(ResultSet row, int index) throws SQLException {
            return switch (this) {
                case UUID, TEXT -> row.getString(index);
                case INTEGER -> nullIfWasNull(row, row.getLong(index));
                case DECIMAL -> row.getBigDecimal(index);
                case DOUBLE -> nullIfWasNull(row, row.getDouble(index));
                case BOOLEAN -> nullIfWasNull(row, row.getBoolean(index));
                case TIMESTAMP -> {
                    OffsetDateTime value = row.getObject(index, OffsetDateTime.class);
                    yield value == null ? null : value.toInstant().toString();
                }
                case DATE -> {
                    LocalDate value = row.getObject(index, LocalDate.class);
                    yield value == null ? null : value.toString();
                }
                case JSON -> {
                    String value = row.getString(index);
                    yield value == null ? null : new RawJson(value);
                }
            };
        }

        private static Object nullIfWasNull(ResultSet row, Object value) throws SQLException {
            return row.wasNull() ? null : value;
        }
    }

    /** A JSON document stored in a jsonb column, passed on as it is. */
    public record RawJson(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** One exported column; {@code redaction} is null when the value is exported as stored. */
    public record Column(String name, Kind kind, boolean nullable, Redaction.Rule redaction) {

        Object read(ResultSet row, int index, UUID subject) throws SQLException {
            Object value = kind.read(row, index);
            return redaction == null || value == null ? value : redaction.apply(value.toString(), subject);
        }
    }

    /** One category: a table's rows that belong to, or are about, the person. */
    public record Category(String name, String table, String description, String where, String orderBy,
            List<Column> columns) {

        /** The query, with one parameter: the person's id. */
        public String sql() {
            String names = columns.stream().map(Column::name).collect(Collectors.joining(", "));
            return "SELECT " + names + " FROM " + table + " WHERE " + where + " ORDER BY " + orderBy;
        }

        Category redacting(String column, Redaction.Rule rule) {
            return new Category(name, table, description, where, orderBy, columns.stream()
                    .map(c -> c.name().equals(column) ? new Column(c.name(), c.kind(), c.nullable(), rule) : c)
                    .toList());
        }
    }

    // before the categories: their declarations are parsed with it
    private static final Map<String, Kind> KINDS = Arrays.stream(Kind.values())
            .collect(Collectors.toMap(k -> k.name().toLowerCase(), k -> k));
    private static final String NEWEST_LAST = "created_at, id";
    private static final String STAMPS = ", created_at timestamp!, updated_at timestamp!";

    private static final List<Category> ALL = List.of(
            category("profile", "users", "The profile: contact details, headline, location and preferences.",
                    "id = ?", "id",
                    "id uuid!, email text!, full_name text!, headline text, location text, phone text, active boolean!,"
                            + " preferences json!, last_active_at timestamp" + STAMPS),
            owned("skills", "The skills on the profile.",
                    "name text!, level text!, years_experience decimal"),
            owned("resumes", "Resumes, without their texts (see resume_versions).",
                    "title text!, current_version integer!"),
            category("resume_versions", "resume_versions", "Every version of every resume: raw and redacted text.",
                    "resume_id IN (SELECT id FROM resumes WHERE user_id = ?)", "resume_id, version",
                    "id uuid!, resume_id uuid!, version integer!, raw_text text!, redacted_text text!,"
                            + " created_at timestamp!"),
            owned("job_descriptions", "Job descriptions saved for analysis.",
                    "job_posting_id uuid, title text!, company text, content text!"),
            owned("applications", "Job applications and the dates of their status.",
                    "job_posting_id uuid, resume_id uuid, job_title text!, company text!, status text!,"
                            + " applied_at timestamp, status_changed_at timestamp!, notes text"),
            category("job_postings", "job_postings", "The job postings the applications refer to.",
                    "id IN (SELECT job_posting_id FROM applications WHERE user_id = ?)", NEWEST_LAST,
                    "id uuid!, title text!, company text!, location text, source text!, url text, description text,"
                            + " salary_min decimal, salary_max decimal, currency text, posted_date date" + STAMPS),
            owned("analyses", "Resume-to-job match analyses.",
                    "resume_id uuid, job_description_id uuid, match_score decimal!, semantic_similarity double,"
                            + " missing_keywords json!, suggestions json!"),
            owned("generated_resumes", "Resumes generated for them, with the model used.",
                    "resume_id uuid, job_description_id uuid, model_used text!, content text!,"
                            + " generation_metadata json!"),
            owned("interview_sessions", "Interview practice sessions, scores and feedback.",
                    "role text!, interview_type text!, status text!, score decimal, feedback text,"
                            + " scheduled_at timestamp, completed_at timestamp"),
            owned("networking_contacts",
                    "Their networking contacts, redacted: the contacts are other people (see the redaction rule).",
                    "name text!, email text, company text, position text, relationship text, notes text,"
                            + " last_contacted_at timestamp")
                    .redacting("name", Redaction.INITIALS)
                    .redacting("email", Redaction.WITHHELD)
                    .redacting("notes", Redaction.CONTACT_DETAILS),
            owned("career_roadmaps", "Career roadmaps with their milestones.",
                    "title text!, target_role text, status text!, progress integer!, milestones json!"),
            owned("agent_tasks", "Tasks that AI agents ran for them, with payloads and results.",
                    "agent text!, task_type text!, status text!, priority integer!, payload json!, result json,"
                            + " error text"),
            category("audit_entries", "audit_log", "The audit log's entries about them (actor: self or other).",
                    "subject_user_id = ?", "occurred_at, id",
                    "id integer!, occurred_at timestamp!, actor text!, action text!, target_type text!, target_id text,"
                            + " subject_user_id uuid, details json")
                    .redacting("actor", Redaction.ACTOR));

    private static final Set<String> APPLICATIONS_SCOPE = Set.of("applications", "job_postings");

    private ExportCatalog() {
    }

    /** The categories of a scope, in the order they are written. */
    public static List<Category> categories(ExportScope scope) {
        return scope == ExportScope.all ? ALL
                : ALL.stream().filter(c -> APPLICATIONS_SCOPE.contains(c.name())).toList();
    }

    /**
     * A table of the common user-owned shape (as {@code OwnedEntity}): named like its category, rows
     * selected by {@code user_id}, oldest first; {@code columns} are those between the id and user id
     * and the time stamps.
     */
    private static Category owned(String table, String description, String columns) {
        return category(table, table, description, "user_id = ?", NEWEST_LAST,
                "id uuid!, user_id uuid!, " + columns + STAMPS);
    }

    /**
     * A category from its column list: {@code "name kind"} separated by commas, kind in lower case,
     * {@code !} after the kind when the column is NOT NULL.
     */
    private static Category category(String name, String table, String description, String where, String orderBy,
            String columns) {
        return new Category(name, table, description, where, orderBy, Arrays.stream(columns.split(","))
                .map(String::strip)
                .map(ExportCatalog::column)
                .toList());
    }

    private static Column column(String declaration) {
        String[] parts = declaration.split(" ");
        boolean notNull = parts[1].endsWith("!");
        Kind kind = KINDS.get(notNull ? parts[1].substring(0, parts[1].length() - 1) : parts[1]);
        if (parts.length != 2 || kind == null) {
            throw new IllegalArgumentException("not a column declaration: " + declaration);
        }
        return new Column(parts[0], kind, !notNull, null);
    }
}
