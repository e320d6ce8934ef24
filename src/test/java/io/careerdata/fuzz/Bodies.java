package io.careerdata.fuzz;

import io.swagger.v3.oas.models.media.Schema;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Hostile JSON bodies for an operation's schema: the schema's properties, each a plausible value
 * of its type but one, which is hostile (NUL, unpaired surrogate, invisible text, numbers beyond any
 * column, dates beyond PostgreSQL's range, deep nesting, wrong types, oversize text), or a body
 * of the wrong shape altogether. Written by hand, since a JSON library would refuse to write an
 * unpaired surrogate.
 */
final class Bodies {

    private static final List<String> HOSTILE_VALUES = List.of(
            quote("a\u0000b"), quote("\ud800"), quote("\udfff x"), quote("\u200b\u00a0\ufeff"), quote(""),
            quote("'; DROP TABLE users; --"), quote("x".repeat(120_000)),
            "1e400", "-1e400", "99999999999999999999", "1e-999999999", "-1", "0.0000000000000000000000001",
            quote("+300000-01-01T00:00:00Z"), quote("-5000-01-01"), quote("2026-13-45"), "99999999999999999",
            "true", "null", "[]", "{}", "[" + quote("a") + "]", "{\"\\u0000\": 1}",
            "{\"a\":".repeat(80) + "1" + "}".repeat(80), "[".repeat(80) + "]".repeat(80));
    private static final List<String> WRONG_SHAPES = List.of("{}", "[]", "null", "[{}]", "\"\"", "0", "{\"a\":",
            "{\"a\": 1,}", "\u0000");

    private Bodies() {
    }

    static String hostile(Schema<?> schema, Random random) {
        if (random.nextInt(6) == 0 || schema.getProperties() == null || schema.getProperties().isEmpty()) {
            return WRONG_SHAPES.get(random.nextInt(WRONG_SHAPES.size()));
        }
        // one hostile property among plausible ones, so that the hostile value is the one that is judged
        int hostile = random.nextInt(schema.getProperties().size());
        StringBuilder json = new StringBuilder("{");
        int index = 0;
        for (Map.Entry<String, Schema> property : schema.getProperties().entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(quote(property.getKey())).append(':');
            json.append(index++ != hostile ? plausible(property.getValue(), random)
                    : HOSTILE_VALUES.get(random.nextInt(HOSTILE_VALUES.size())));
        }
        return json.append('}').toString();
    }

    /** A value of the property's documented type (its first enum value where it has some). */
    private static String plausible(Schema<?> schema, Random random) {
        if (schema.getEnum() != null && !schema.getEnum().isEmpty()) {
            return quote(String.valueOf(schema.getEnum().get(0)));
        }
        String type = schema.getType() != null ? schema.getType()
                : schema.getTypes() != null && !schema.getTypes().isEmpty() ? schema.getTypes().iterator().next() : "string";
        String format = schema.getFormat() == null ? "" : schema.getFormat();
        return switch (type) {
            case "integer" -> String.valueOf(random.nextInt(10));
            case "number" -> String.valueOf(random.nextInt(100)) + ".5";
            case "boolean" -> "true";
            case "array" -> "[]";
            case "object" -> "{}";
            default -> switch (format) {
                case "uuid" -> quote(java.util.UUID.randomUUID().toString());
                case "date" -> quote("2026-01-31");
                case "date-time" -> quote("2026-01-31T10:00:00Z");
                case "email" -> quote("fuzz-" + random.nextInt(1_000_000) + "@example.org");
                default -> quote("fuzz " + random.nextInt(1000));
            };
        };
    }

    /** A JSON string, every character beyond ASCII escaped, so that any UTF-16 unit can be written. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
