package io.careerdata.common;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;

/**
 * Request bodies hold only what PostgreSQL can store, checked in one place for every request type:
 * no text (a field, a map key, a string inside a JSON document) with a NUL character or an
 * unpaired surrogate (PostgreSQL's text and jsonb refuse the first, UTF-8 cannot encode the
 * second), and no document nested deeper than {@link #MAX_DEPTH}. Such a body is a 400 naming the
 * field ({@link Rejected}), never a 500 from the database nor a value silently changed.
 */
@Singleton
public class StorableInput implements ObjectMapperCustomizer {

    /** Deep enough for any document the service stores; far below what would cost a stack. */
    static final int MAX_DEPTH = 64;

    /**
     * A body value that cannot be stored as it is. A kind of mismatched input, which the REST layer
     * hands to the problem mappers as it is (other mapping failures reach them as a bare 400).
     */
    public static final class Rejected extends MismatchedInputException {
        Rejected(JsonParser parser, String reason) {
            super(parser, reason, String.class);
        }
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build());
        mapper.registerModule(new SimpleModule("storable-input")
                .addDeserializer(String.class, new CheckedText())
                .setDeserializerModifier(new CheckedDocuments()));
    }

    /** Why {@code text} cannot be stored, or null when it can. */
    static String problemWith(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\u0000') {
                return "must not contain a NUL character";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "must not contain an unpaired surrogate";
            }
        }
        return null;
    }

    private static void check(JsonParser parser, String text) throws Rejected {
        String problem = text == null ? null : problemWith(text);
        if (problem != null) {
            throw new Rejected(parser, problem);
        }
    }

    /** Every string field. */
    private static final class CheckedText extends JsonDeserializer<String> {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = StringDeserializer.instance.deserialize(parser, context);
            check(parser, text);
            return text;
        }
    }

    /** Maps, lists and JSON trees (the documents stored as jsonb): every key and string inside. */
    private static final class CheckedDocuments extends BeanDeserializerModifier {
        @Override
        public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                JsonDeserializer<?> deserializer) {
            Class<?> type = description.getBeanClass();
            boolean document = Map.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type)
                    || JsonNode.class.isAssignableFrom(type) || type == Object.class;
            return document ? new WalkAfter(deserializer) : deserializer;
        }

        @Override
        public JsonDeserializer<?> modifyMapDeserializer(DeserializationConfig config,
                com.fasterxml.jackson.databind.type.MapType type, BeanDescription description, JsonDeserializer<?> deserializer) {
            return new WalkAfter(deserializer);
        }

        @Override
        public JsonDeserializer<?> modifyCollectionDeserializer(DeserializationConfig config,
                com.fasterxml.jackson.databind.type.CollectionType type, BeanDescription description,
                JsonDeserializer<?> deserializer) {
            return new WalkAfter(deserializer);
        }
    }

    private static final class WalkAfter extends DelegatingDeserializer {
        WalkAfter(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new WalkAfter(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Object value = super.deserialize(parser, context);
            walk(parser, value);
            return value;
        }

        private static void walk(JsonParser parser, Object value) throws Rejected {
            if (value instanceof String text) {
                check(parser, text);
            } else if (value instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    walk(parser, entry.getKey());
                    walk(parser, entry.getValue());
                }
            } else if (value instanceof Collection<?> items) {
                for (Object item : items) {
                    walk(parser, item);
                }
            } else if (value instanceof JsonNode node) {
                if (node.isTextual()) {
                    check(parser, node.textValue());
                }
                for (var fields = node.fields(); fields.hasNext();) {
                    var field = fields.next();
                    check(parser, field.getKey());
                    walk(parser, field.getValue());
                }
                if (node.isArray()) {
                    for (JsonNode item : node) {
                        walk(parser, item);
                    }
                }
            }
        }
    }
}
