package io.careerdata.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.persistence.AttributeConverter;
import java.util.List;

/**
 * Maps a JSONB column that holds a JSON array to a Java list. Hibernate Reactive reads JSON
 * columns as objects only (hibernate-reactive#4156), so such a column is mapped as text, cast in
 * SQL with {@code @ColumnTransformer(read = "col::text", write = "?::text::jsonb")}, and converted here.
 * The write casts through text: a string bound straight to a jsonb parameter is stored by the
 * PostgreSQL client as a JSON string, not parsed as the array it holds.
 */
public abstract class JsonArrayConverter<T> implements AttributeConverter<List<T>, String> {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final JavaType type;

    // an element class, not a TypeReference: no generic signature to read back in a native image
    protected JsonArrayConverter(Class<T> element) {
        this.type = JSON.getTypeFactory().constructCollectionType(List.class, element);
    }

    @Override
    public String convertToDatabaseColumn(List<T> value) {
        try {
            return JSON.writeValueAsString(value == null ? List.of() : value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not representable as JSON", e);
        }
    }

    @Override
    public List<T> convertToEntityAttribute(String column) {
        try {
            return column == null ? List.of() : JSON.readValue(column, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the column does not hold the expected JSON array", e);
        }
    }

    /** A JSON array of strings. Registered: Hibernate creates converters through their constructor, by reflection. */
    @RegisterForReflection(methods = false, fields = false)
    public static class Strings extends JsonArrayConverter<String> {
        public Strings() {
            super(String.class);
        }
    }
}
