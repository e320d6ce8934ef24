package io.careerdata.owned;

import static io.careerdata.testing.Api.asUser;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One of the user-owned collections as the tests drive it: where it lives, a valid body (fresh on
 * every call, so several records of one user never collide), an update with the field it changes,
 * and an invalid body with the fields its 400 must name.
 */
public record CollectionSample(
        String name,
        Supplier<Map<String, Object>> sample,
        Supplier<Map<String, Object>> update,
        String updatedField,
        Object updatedValue,
        Map<String, Object> invalid,
        List<String> invalidFields) {

    /** Every collection under {@code /api/v1/users/{userId}/}. */
    public static final List<CollectionSample> ALL = List.of(
            new CollectionSample("skills",
                    () -> Map.of("name", "Kotlin " + unique(), "level", "advanced", "yearsExperience", 4.5),
                    () -> Map.of("name", "Kotlin " + unique(), "level", "expert"), "level", "expert",
                    Map.of("name", "", "yearsExperience", 200), List.of("name", "yearsExperience")),
            new CollectionSample("resumes",
                    () -> Map.of("title", "Backend resume", "content", "Ten years of Java and PostgreSQL."),
                    () -> Map.of("title", "Senior backend resume", "content", "Eleven years."), "title", "Senior backend resume",
                    Map.of("title", "", "content", " "), List.of("content", "title")),
            new CollectionSample("job-descriptions",
                    () -> Map.of("title", "Platform engineer", "company", "Acme", "content", "Run our Kubernetes."),
                    () -> Map.of("title", "Staff platform engineer", "content", "Lead the platform."),
                    "title", "Staff platform engineer",
                    Map.of("title", " ", "content", ""), List.of("content", "title")),
            new CollectionSample("applications",
                    () -> Map.of("jobTitle", "Backend engineer", "company", "Acme"),
                    () -> Map.of("jobTitle", "Backend engineer", "company", "Acme", "status", "applied"), "status", "applied",
                    Map.of("jobTitle", "", "company", ""), List.of("company", "jobTitle")),
            new CollectionSample("analyses",
                    () -> Map.of("matchScore", 72.5, "semanticSimilarity", 0.8,
                            "missingKeywords", List.of("Kafka"), "suggestions", List.of("Mention Kafka")),
                    () -> Map.of("matchScore", 90, "missingKeywords", List.of("Terraform")), "missingKeywords[0]", "Terraform",
                    Map.of("matchScore", 101, "semanticSimilarity", 2), List.of("matchScore", "semanticSimilarity")),
            new CollectionSample("generated-resumes",
                    () -> Map.of("modelUsed", "model-a", "content", "A tailored resume.",
                            "generationMetadata", Map.of("temperature", 0.2)),
                    () -> Map.of("modelUsed", "model-b", "content", "Another one."), "modelUsed", "model-b",
                    Map.of("modelUsed", "", "content", ""), List.of("content", "modelUsed")),
            new CollectionSample("interview-sessions",
                    () -> Map.of("role", "Backend engineer", "interviewType", "technical"),
                    () -> Map.of("role", "Backend engineer", "interviewType", "technical", "status", "completed", "score", 80),
                    "status", "completed",
                    Map.of("role", "", "score", 101), List.of("interviewType", "role", "score")),
            new CollectionSample("networking-contacts",
                    () -> Map.of("name", "Ada Lovelace", "email", "ada@example.org", "company", "Analytical"),
                    () -> Map.of("name", "Ada King"), "name", "Ada King",
                    Map.of("name", "", "email", "not-an-address"), List.of("email", "name")),
            new CollectionSample("career-roadmaps",
                    () -> Map.of("title", "Towards staff engineer", "targetRole", "Staff engineer", "progress", 10,
                            "milestones", List.of(Map.of("title", "Lead a project", "done", false,
                                    "dueDate", "2027-01-31"))),
                    () -> Map.of("title", "Towards staff engineer", "status", "completed", "progress", 100), "status", "completed",
                    Map.of("title", "", "progress", 101), List.of("progress", "title")),
            new CollectionSample("agent-tasks",
                    () -> Map.of("agent", "resume-tailor", "taskType", "tailor", "priority", 7,
                            "payload", Map.of("jobId", "j-1")),
                    () -> Map.of("agent", "resume-tailor", "taskType", "tailor", "status", "running"), "status", "running",
                    Map.of("agent", "", "taskType", "", "priority", 11), List.of("agent", "priority", "taskType")));

    public String path() {
        return "/api/v1/users/{userId}/" + name;
    }

    public String itemPath() {
        return path() + "/{id}";
    }

    /** Creates a record for the user and answers its id. */
    public String create(UUID userId) {
        return asUser(userId).body(sample.get()).post(path(), userId).then().statusCode(201).extract().path("id");
    }

    /** Whether the record's answer carries the field as sent; a resume's text lives in its versions. */
    public boolean echoes(String field) {
        return !(name.equals("resumes") && field.equals("content"));
    }

    @Override
    public String toString() {
        return name;
    }

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
