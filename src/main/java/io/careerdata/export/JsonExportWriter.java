package io.careerdata.export;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.careerdata.export.ExportCatalog.Category;
import io.careerdata.export.ExportCatalog.RawJson;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The JSON document: {@code {"export": {metadata}, "data": {"<category>": [rows]}, "row_counts": {...}}},
 * keys as the columns are named. Written with Jackson's streaming generator, row by row.
 */
final class JsonExportWriter implements ExportWriter {

    private static final JsonFactory FACTORY = new JsonFactory();

    private final JsonGenerator json;
    private Category category;

    JsonExportWriter(OutputStream out) throws IOException {
        json = FACTORY.createGenerator(out, JsonEncoding.UTF8).useDefaultPrettyPrinter();
    }

    @Override
    public void begin(ExportManifest manifest) throws IOException {
        json.writeStartObject();
        json.writeObjectFieldStart("export");
        for (Map.Entry<String, Object> field : manifest.fields().entrySet()) {
            json.writeFieldName(field.getKey());
            write(field.getValue());
        }
        json.writeEndObject();
        json.writeObjectFieldStart("data");
    }

    @Override
    public void startCategory(Category category) throws IOException {
        this.category = category;
        json.writeArrayFieldStart(category.name());
    }

    @Override
    public void row(Object[] values) throws IOException {
        json.writeStartObject();
        for (int i = 0; i < values.length; i++) {
            json.writeFieldName(category.columns().get(i).name());
            write(values[i]);
        }
        json.writeEndObject();
    }

    @Override
    public void endCategory() throws IOException {
        json.writeEndArray();
    }

    @Override
    public void finish(Map<String, Long> rowCounts) throws IOException {
        json.writeEndObject();
        json.writeObjectFieldStart("row_counts");
        for (Map.Entry<String, Long> count : rowCounts.entrySet()) {
            json.writeNumberField(count.getKey(), count.getValue());
        }
        json.writeEndObject();
        json.writeEndObject();
    }

    @Override
    public void close() throws IOException {
        json.close();
    }

    private void write(Object value) throws IOException {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String text) {
            json.writeString(text);
        } else if (value instanceof Long number) {
            json.writeNumber(number);
        } else if (value instanceof BigDecimal number) {
            json.writeNumber(number);
        } else if (value instanceof Double number) {
            json.writeNumber(number);
        } else if (value instanceof Boolean flag) {
            json.writeBoolean(flag);
        } else if (value instanceof RawJson document) {
            // a jsonb value from PostgreSQL is well-formed JSON already
            json.writeRawValue(document.text());
        } else {
            throw new IllegalArgumentException("no JSON form for " + value.getClass().getSimpleName());
        }
    }
}
