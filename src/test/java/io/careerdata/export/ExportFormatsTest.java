package io.careerdata.export;

import static io.careerdata.export.ExportFiles.assertHolds;
import static io.careerdata.export.ExportFiles.assertNothingOf;
import static io.careerdata.export.ExportFiles.download;
import static io.careerdata.export.ExportFiles.requestReady;
import static io.careerdata.testing.Api.asAdmin;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each format made from real PostgreSQL rows, written to a real file, downloaded over HTTP, and
 * read back with a real parser: every seeded row is there, value by value; nothing of another
 * person is.
 */
@QuarkusTest
class ExportFormatsTest {

    @Inject
    Pool pool;

    ExportFixture.Person person;
    ExportFixture.Person other;

    @BeforeEach
    void seed() {
        person = ExportFixture.seed(pool);
        other = ExportFixture.seed(pool);
    }

    @Test
    void json_holdsEveryCategoryRowByRowAndValidatesAgainstTheSchema() throws Exception {
        byte[] document = exportOf("json", "all");

        JsonNode root = ExportFixture.JSON.readTree(document);
        assertThat(root.path("export").path("subject_user_id").asText()).isEqualTo(person.id().toString());
        assertThat(root.path("export").path("scope").asText()).isEqualTo("all");
        assertThat(root.path("row_counts").path("skills").asLong()).isEqualTo(2);
        assertThat(schemaErrors(ExportSchema.schema(), root)).isEmpty();
        assertHolds(ExportFiles.fromJson(document), person, ExportScope.all);
        assertNothingOf(Map.of("export.json", document), other, person);
    }

    @Test
    void csv_isAZipOfOneRfc4180FilePerCategory() throws Exception {
        Map<String, byte[]> entries = ExportFiles.unzip(exportOf("csv", "all"));

        assertThat(entries.keySet()).allMatch(name -> name.endsWith(".csv") && !name.contains("/"));
        String skills = new String(entries.get("skills.csv"), StandardCharsets.UTF_8);
        assertThat(skills)
                .startsWith("\"id\",\"user_id\",\"name\",\"level\",\"years_experience\",\"created_at\",\"updated_at\"\r\n")
                .contains("\"SQL, \"\"window\"\" functions\"")
                // a null is an empty field without quotes; every value is quoted
                .contains("\"advanced\",,\"");
        assertHolds(ExportFiles.fromCsv(entries, ""), person, ExportScope.all);
        assertNothingOf(entries, other, person);
    }

    @Test
    void xml_isOneWellFormedDocumentWithStableNames() throws Exception {
        byte[] document = exportOf("xml", "all");

        String text = new String(document, StandardCharsets.UTF_8);
        assertThat(text).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>")
                .contains("<profile>").contains("<years_experience xsi:nil=\"true\"/>");
        assertHolds(ExportFiles.fromXml(document), person, ExportScope.all);
        assertNothingOf(Map.of("export.xml", document), other, person);
    }

    @Test
    void zip_bundlesEveryFormatWithReadmeSchemaAndVerifiableChecksums() throws Exception {
        Map<String, byte[]> entries = ExportFiles.unzip(exportOf("zip", "all"));

        assertThat(entries).containsKeys("README.txt", "export.json", "export.schema.json", "export.xml", "SHA256SUMS",
                "csv/profile.csv", "csv/networking_contacts.csv");
        // every file but SHA256SUMS is listed once, with the checksum of its bytes
        List<String> sums = new String(entries.get("SHA256SUMS"), StandardCharsets.UTF_8).lines().toList();
        assertThat(sums).hasSize(entries.size() - 1);
        for (String line : sums) {
            String[] parts = line.split(" {2}", 2);
            assertThat(entries).containsKey(parts[1]);
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(entries.get(parts[1]));
            assertThat(parts[0]).as(parts[1]).isEqualTo(HexFormat.of().formatHex(digest));
        }
        JsonNode schema = ExportFixture.JSON.readTree(entries.get("export.schema.json"));
        assertThat(schemaErrors(schema, ExportFixture.JSON.readTree(entries.get("export.json")))).isEmpty();
        String readme = new String(entries.get("README.txt"), StandardCharsets.UTF_8);
        assertThat(readme).contains(person.id().toString()).contains("Kept until:").contains("DELETE /api/v1/users/")
                .contains("skills (2)");

        assertHolds(ExportFiles.fromJson(entries.get("export.json")), person, ExportScope.all);
        assertHolds(ExportFiles.fromXml(entries.get("export.xml")), person, ExportScope.all);
        assertHolds(ExportFiles.fromCsv(entries, "csv/"), person, ExportScope.all);
        assertNothingOf(entries, other, person);
    }

    @Test
    void applicationsScope_holdsOnlyApplicationsAndTheirPostings() throws Exception {
        byte[] document = exportOf("json", "applications");

        Map<String, List<Map<String, String>>> exported = ExportFiles.fromJson(document);
        assertThat(exported.keySet()).containsExactly("applications", "job_postings");
        assertHolds(exported, person, ExportScope.applications);
        assertThat(schemaErrors(ExportSchema.schema(), ExportFixture.JSON.readTree(document))).isEmpty();
        assertThat(new String(document, StandardCharsets.UTF_8)).doesNotContain("Java " + person.marker());
    }

    @Test
    void schema_rejectsADocumentOfTheWrongShape() throws Exception {
        JsonNode broken = ExportFixture.JSON.readTree(exportOf("json", "applications"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) broken.path("data").path("applications").get(0))
                .put("status", 42);

        assertThat(schemaErrors(ExportSchema.schema(), broken)).isNotEmpty();
    }

    /** Requested by an admin (exempt from the daily limit), downloaded by the person. */
    private byte[] exportOf(String format, String scope) {
        String id = requestReady(asAdmin(), person.id(),
                Map.of("format", format, "scope", scope, "userId", person.id().toString()));
        return download(person.id(), id);
    }

    private static Set<ValidationMessage> schemaErrors(JsonNode schema, JsonNode document) {
        JsonSchema validator = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema);
        return validator.validate(document);
    }
}
