package io.careerdata.export;

import static io.careerdata.testing.Api.asUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Requests exports over the API and reads their files back with real parsers (Jackson, Commons CSV,
 * the JDK's DOM parser, java.util.zip) into one shape: rows by category, each value as text (a JSON
 * document as JSON text), null for no value; then compares them with what was seeded.
 */
public final class ExportFiles {

    public static final String EXPORTS = "/api/v1/data-management/exports";

    private ExportFiles() {
    }

    /** Starts an export and waits until it is ready; answers its id. */
    public static String requestReady(RequestSpecification as, UUID owner, Map<String, Object> body) {
        String id = as.body(body).post(EXPORTS).then().statusCode(202).extract().path("id");
        awaitReady(owner, id);
        return id;
    }

    static void awaitReady(UUID owner, String id) {
        long deadline = System.nanoTime() + ExportFixture.WAIT.toNanos() * 4;
        while (System.nanoTime() < deadline) {
            String state = asUser(owner).get(EXPORTS + "/{id}", id).then().statusCode(200).extract().path("state");
            if ("ready".equals(state)) {
                return;
            }
            assertThat(state).as("state of export " + id).isIn("pending", "running");
            sleep(100);
        }
        fail("export " + id + " was not ready in time");
    }

    public static byte[] download(UUID owner, String id) {
        return asUser(owner).get(EXPORTS + "/{id}/download", id).then().statusCode(200).extract().asByteArray();
    }

    static Map<String, List<Map<String, String>>> fromJson(byte[] document) throws IOException {
        JsonNode data = ExportFixture.JSON.readTree(document).get("data");
        Map<String, List<Map<String, String>>> categories = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> category = it.next();
            List<Map<String, String>> rows = new ArrayList<>();
            for (JsonNode row : category.getValue()) {
                Map<String, String> values = new LinkedHashMap<>();
                row.fields().forEachRemaining(field -> values.put(field.getKey(), textOf(field.getValue())));
                rows.add(values);
            }
            categories.put(category.getKey(), rows);
        }
        return categories;
    }

    static Map<String, List<Map<String, String>>> fromXml(byte[] document) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        Element root = factory.newDocumentBuilder().parse(new ByteArrayInputStream(document)).getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("career_data_export");
        Map<String, List<Map<String, String>>> categories = new LinkedHashMap<>();
        for (Element category : children(children(root).stream().filter(e -> e.getLocalName().equals("data"))
                .findFirst().orElseThrow())) {
            List<Map<String, String>> rows = new ArrayList<>();
            for (Element row : children(category)) {
                assertThat(row.getLocalName()).isEqualTo("row");
                Map<String, String> values = new LinkedHashMap<>();
                for (Element field : children(row)) {
                    boolean nil = "true".equals(field.getAttributeNS(XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI, "nil"));
                    values.put(field.getLocalName(), nil ? null : field.getTextContent());
                }
                rows.add(values);
            }
            categories.put(category.getLocalName(), rows);
        }
        return categories;
    }

    /** The CSV files among {@code entries} whose names start with {@code folder}, by category. */
    static Map<String, List<Map<String, String>>> fromCsv(Map<String, byte[]> entries, String folder) throws IOException {
        Map<String, List<Map<String, String>>> categories = new LinkedHashMap<>();
        // quoted values are texts, an unquoted empty field is null (so "" and null stay apart)
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setNullString("")
                .setQuoteMode(QuoteMode.ALL_NON_NULL).get();
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            String name = entry.getKey();
            if (!name.startsWith(folder) || !name.endsWith(".csv")) {
                continue;
            }
            List<Map<String, String>> rows = new ArrayList<>();
            try (Reader reader = new InputStreamReader(new ByteArrayInputStream(entry.getValue()), StandardCharsets.UTF_8);
                    CSVParser parser = CSVParser.parse(reader, format)) {
                for (CSVRecord record : parser) {
                    assertThat(record.isConsistent()).as("record %d of %s", record.getRecordNumber(), name).isTrue();
                    rows.add(new LinkedHashMap<>(record.toMap()));
                }
            }
            categories.put(name.substring(folder.length(), name.length() - ".csv".length()), rows);
        }
        return categories;
    }

    static Map<String, byte[]> unzip(byte[] archive) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                assertThat(entry.getName()).doesNotContain("..").doesNotStartWith("/");
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    /** The export holds exactly the scope's categories and, row by row, what was seeded. */
    static void assertHolds(Map<String, List<Map<String, String>>> exported, ExportFixture.Person person,
            ExportScope scope) {
        assertThat(exported.keySet()).containsExactlyInAnyOrderElementsOf(ExportFixture.categoryNames(scope));
        for (String category : ExportFixture.categoryNames(scope)) {
            List<Map<String, Object>> seeded = person.expected().getOrDefault(category, List.of());
            String key = ExportFixture.Person.keyOf(category);
            Map<String, Map<String, String>> byKey = new LinkedHashMap<>();
            exported.get(category).forEach(row -> byKey.put(row.get(key), row));
            List<String> seededKeys = seeded.stream().map(row -> String.valueOf(row.get(key))).toList();
            if (category.equals("audit_entries")) {
                // the export's own request is audited about the person too
                assertThat(byKey.keySet()).containsAll(seededKeys);
            } else {
                assertThat(byKey.keySet()).as(category).containsExactlyInAnyOrderElementsOf(seededKeys);
            }
            for (Map<String, Object> row : seeded) {
                Map<String, String> actual = byKey.get(String.valueOf(row.get(key)));
                row.forEach((column, value) -> assertSame(category + "." + column, value, actual.get(column)));
            }
            for (Map<String, String> row : exported.get(category)) {
                assertThat(row.keySet()).as(category + " columns")
                        .containsExactlyElementsOf(columnsOf(category));
            }
        }
    }

    /** Nothing of {@code other} (nor the third party's contact details, nor an unrelated posting) is in the files. */
    static void assertNothingOf(Map<String, byte[]> files, ExportFixture.Person other, ExportFixture.Person owner) {
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            String text = new String(file.getValue(), StandardCharsets.UTF_8);
            assertThat(text).as(file.getKey())
                    .doesNotContain(other.marker())
                    .doesNotContain(other.id().toString())
                    .doesNotContain(owner.unrelatedPostingId().toString())
                    .doesNotContain("jane.doe@corp.example")
                    .doesNotContain("555 123 4567")
                    .doesNotContain("Jane Q. Doe");
        }
    }

    private static List<String> columnsOf(String category) {
        return ExportCatalog.categories(ExportScope.all).stream().filter(c -> c.name().equals(category)).findFirst()
                .orElseThrow().columns().stream().map(ExportCatalog.Column::name).toList();
    }

    private static void assertSame(String what, Object expected, String actual) {
        if (expected == null) {
            assertThat(actual).as(what).isNull();
        } else if (expected instanceof Map || expected instanceof List) {
            try {
                assertThat(ExportFixture.JSON.readTree(actual)).as(what)
                        .isEqualTo(ExportFixture.JSON.valueToTree(expected));
            } catch (IOException e) {
                fail(what + " is not JSON: " + actual);
            }
        } else if (expected instanceof Number) {
            assertThat(new BigDecimal(actual)).as(what).isEqualByComparingTo(new BigDecimal(expected.toString()));
        } else {
            assertThat(actual).as(what).isEqualTo(String.valueOf(expected));
        }
    }

    private static String textOf(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                elements.add(element);
            }
        }
        return elements;
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
