package io.careerdata.common;

import java.util.function.Function;

/**
 * Parses a query parameter with a clear 400 when it is malformed. JAX-RS would answer 404 for a
 * query parameter it cannot convert, which tells the client the wrong thing.
 */
public final class QueryParams {

    private QueryParams() {
    }

    /** The parsed value, null when the parameter is absent or blank. */
    public static <T> T parse(String name, String raw, Function<String, T> parser, String expected) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return parser.apply(raw.trim());
        } catch (RuntimeException e) {
            throw ProblemException.badRequest(name, "must be " + expected);
        }
    }

    /** {@code true} or {@code false} (any case); absent or blank is false, anything else a 400. */
    public static boolean flag(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return false;
        }
        return switch (raw.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.badRequest(name, "must be true or false");
        };
    }
}
