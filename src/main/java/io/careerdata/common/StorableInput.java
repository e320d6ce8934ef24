package io.careerdata.common;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.TemporalAccessor;
import java.util.Collection;
import java.util.Map;

/**
 * Request bodies hold only what PostgreSQL can store, checked in one place for every request type:
 * no text (a field, a map key, a string inside a JSON document) with a NUL character or an
 * unpaired surrogate (PostgreSQL's text and jsonb refuse the first, UTF-8 cannot encode the
 * second); no document nested deeper than {@link #MAX_DEPTH} nor larger than
 * {@code input.max-document-size}; no date outside the years and no number beyond the digits of
 * {@link StorableValues}. Such a body is a 400 naming the field ({@link Rejected}), never a 500
 * from the database nor a value silently changed.
 */
@Singleton
public class StorableInput implements ObjectMapperCustomizer {

    private final long maxDocumentSize;

    @Inject
    public StorableInput(InputConfig config) {
        this.maxDocumentSize = config.maxDocumentSize().asLongValue();
    }

    /**
     * Set on a reader of JSON the service wrote itself (its cache entries): the checks are for
     * bodies from outside, and such JSON passed them, or came from PostgreSQL, before it was written.
     */
    private static final String WRITTEN_BY_SERVICE = StorableInput.class.getName() + ".written-by-service";

    /** A reader of {@code mapper} that skips these checks, for JSON the service wrote itself. */
    public static ObjectReader readerOfOwnJson(ObjectMapper mapper) {
        return mapper.reader().withAttribute(WRITTEN_BY_SERVICE, Boolean.TRUE);
    }

    private static boolean ownJson(DeserializationContext context) {
        return context.getAttribute(WRITTEN_BY_SERVICE) == Boolean.TRUE;
    }

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
                .setDeserializerModifier(new CheckedValues(maxDocumentSize)));
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
        reject(parser, text == null ? null : problemWith(text));
    }

    private static void reject(JsonParser parser, String problem) throws Rejected {
        if (problem != null) {
            throw new Rejected(parser, problem);
        }
    }

    /** Every string field. */
    private static final class CheckedText extends JsonDeserializer<String> {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = StringDeserializer.instance.deserialize(parser, context);
            if (!ownJson(context)) {
                check(parser, text);
            }
            return text;
        }
    }

    /**
     * Maps, lists and JSON trees (the documents stored as jsonb): their size, and every key and
     * string inside. Dates and big numbers: their range. Wraps whichever deserializer Jackson picked.
     */
    private static final class CheckedValues extends BeanDeserializerModifier {
        private final long maxDocumentSize;

        CheckedValues(long maxDocumentSize) {
            this.maxDocumentSize = maxDocumentSize;
        }

        @Override
        public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                JsonDeserializer<?> deserializer) {
            Class<?> type = description.getBeanClass();
            boolean document = Map.class.isAssignableFrom(type) || Collection.class.isAssignableFrom(type)
                    || JsonNode.class.isAssignableFrom(type) || type == Object.class;
            boolean ranged = TemporalAccessor.class.isAssignableFrom(type) || type == BigDecimal.class
                    || type == BigInteger.class;
            if (document) {
                return new Document(deserializer, maxDocumentSize);
            }
            return ranged ? new Ranged(deserializer) : deserializer;
        }

        @Override
        public JsonDeserializer<?> modifyMapDeserializer(DeserializationConfig config,
                com.fasterxml.jackson.databind.type.MapType type, BeanDescription description, JsonDeserializer<?> deserializer) {
            return new Document(deserializer, maxDocumentSize);
        }

        @Override
        public JsonDeserializer<?> modifyCollectionDeserializer(DeserializationConfig config,
                com.fasterxml.jackson.databind.type.CollectionType type, BeanDescription description,
                JsonDeserializer<?> deserializer) {
            return new Document(deserializer, maxDocumentSize);
        }
    }

    /** A date, a time or a number of arbitrary size, checked once read. */
    private static final class Ranged extends DelegatingDeserializer {
        Ranged(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new Ranged(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Object value = super.deserialize(parser, context);
            if (ownJson(context)) {
                return value;
            }
            if (value instanceof TemporalAccessor temporal) {
                reject(parser, StorableValues.dateProblem(temporal));
            } else if (value instanceof BigDecimal number) {
                reject(parser, StorableValues.numberProblem(number));
            } else if (value instanceof BigInteger number) {
                reject(parser, StorableValues.numberProblem(number));
            }
            return value;
        }
    }

    /** A JSON document: no larger than the limit, and only storable text and finite numbers inside. */
    private static final class Document extends DelegatingDeserializer {
        private final long maxSize;

        Document(JsonDeserializer<?> delegate, long maxSize) {
            super(delegate);
            this.maxSize = maxSize;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new Document(delegate, maxSize);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (ownJson(context)) {
                return super.deserialize(parser, context);
            }
            long start = offset(parser.currentTokenLocation());
            Object value = super.deserialize(parser, context);
            long end = offset(parser.currentLocation());
            if (start >= 0 && end - start > maxSize) {
                throw new Rejected(parser, "must be at most " + maxSize / 1024 + " KB of JSON");
            }
            walk(parser, value);
            return value;
        }

        /** Bytes into the body (chars for a parser over text). */
        private static long offset(JsonLocation location) {
            return location.getByteOffset() >= 0 ? location.getByteOffset() : location.getCharOffset();
        }

        private static void walk(JsonParser parser, Object value) throws Rejected {
            if (value instanceof String text) {
                check(parser, text);
            } else if (value instanceof Double number && number.isInfinite()) {
                throw new Rejected(parser, "must not hold a number beyond the range of a double");
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
                if (node.isDouble() && Double.isInfinite(node.doubleValue())) {
                    throw new Rejected(parser, "must not hold a number beyond the range of a double");
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
