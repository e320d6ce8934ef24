package io.careerdata.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.careerdata.export.ExportCatalog.Category;
import io.careerdata.export.ExportCatalog.Column;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The JSON Schema (draft 2020-12) of the JSON document, made from the catalog so the two cannot
 * drift apart. Shipped in every bundle; one schema serves both scopes (categories are optional).
 */
final class ExportSchema {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ExportSchema() {
    }

    static void write(OutputStream out) throws IOException {
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, schema());
    }

    static ObjectNode schema() {
        ObjectNode root = MAPPER.createObjectNode()
                .put("$schema", "https://json-schema.org/draft/2020-12/schema")
                .put("$id", "urn:career-data-service:export:" + ExportCatalog.SCHEMA_VERSION)
                .put("title", "Career Data Service: export of one person's data")
                .put("type", "object");
        root.putArray("required").add("export").add("data").add("row_counts");
        root.put("additionalProperties", false);
        ObjectNode properties = root.putObject("properties");

        ObjectNode export = object(properties.putObject("export"), "Metadata of the export.");
        ObjectNode exportFields = export.putObject("properties");
        ArrayNode exportRequired = export.putArray("required");
        for (String field : new String[] {"export_id", "subject_user_id", "format", "scope", "generated_at",
                "expires_at", "schema_version", "redaction"}) {
            exportRequired.add(field);
            ObjectNode type = exportFields.putObject(field);
            switch (field) {
                case "export_id", "subject_user_id" -> type.put("type", "string").put("format", "uuid");
                case "generated_at", "expires_at" -> type.put("type", "string").put("format", "date-time");
                case "schema_version" -> type.put("const", ExportCatalog.SCHEMA_VERSION);
                case "format" -> enumOf(type, ExportFormat.values());
                case "scope" -> enumOf(type, ExportScope.values());
                default -> type.put("type", "string");
            }
        }

        ObjectNode data = object(properties.putObject("data"), "The person's data, one array of rows per category.");
        ObjectNode categories = data.putObject("properties");
        for (Category category : ExportCatalog.categories(ExportScope.all)) {
            ObjectNode array = categories.putObject(category.name())
                    .put("description", category.description())
                    .put("type", "array");
            ObjectNode row = object(array.putObject("items"), null);
            ObjectNode columns = row.putObject("properties");
            ArrayNode required = row.putArray("required");
            for (Column column : category.columns()) {
                required.add(column.name());
                columns.set(column.name(), typeOf(column));
            }
        }

        ObjectNode counts = properties.putObject("row_counts")
                .put("description", "The number of rows of each category in this export.")
                .put("type", "object");
        counts.putObject("additionalProperties").put("type", "integer").put("minimum", 0);
        return root;
    }

    private static ObjectNode object(ObjectNode node, String description) {
        if (description != null) {
            node.put("description", description);
        }
        return node.put("type", "object").put("additionalProperties", false);
    }

    private static void enumOf(ObjectNode node, Enum<?>[] values) {
        ArrayNode names = node.putArray("enum");
        for (Enum<?> value : values) {
            names.add(value.name());
        }
    }

    private static ObjectNode typeOf(Column column) {
        ObjectNode type = MAPPER.createObjectNode();
        String json = switch (column.kind()) {
            case UUID, TEXT, TIMESTAMP, DATE -> "string";
            case INTEGER -> "integer";
            case DECIMAL, DOUBLE -> "number";
            case BOOLEAN -> "boolean";
            case JSON -> null; // any JSON value
        };
        if (json != null) {
            if (column.nullable()) {
                type.putArray("type").add(json).add("null");
            } else {
                type.put("type", json);
            }
        }
        switch (column.kind()) {
            case UUID -> type.put("format", "uuid");
            case TIMESTAMP -> type.put("format", "date-time");
            case DATE -> type.put("format", "date");
            default -> {
            }
        }
        return type;
    }
}
