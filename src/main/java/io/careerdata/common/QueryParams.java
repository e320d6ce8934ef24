package io.careerdata.common;

import java.math.BigDecimal;
import java.time.temporal.TemporalAccessor;
import java.util.function.Function;

/**
 * Parses a query parameter with a clear 400 when it is malformed. JAX-RS would answer 404 for a
 * query parameter it cannot convert, which tells the client the wrong thing.
 */
public final class QueryParams {

    private QueryParams() {
    }

    /**
     * The parsed value, null when the parameter is absent or blank. A date or a number must also be
     * one a body could carry ({@link StorableValues}).
     */
    public static <T> T parse(String name, String raw, Function<String, T> parser, String expected) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        T value;
        try {
            value = parser.apply(raw.trim());
        } catch (RuntimeException e) {
            throw ProblemException.badRequest(name, "must be " + expected);
        }
        String problem = value instanceof TemporalAccessor date ? StorableValues.dateProblem(date)
                : value instanceof BigDecimal number ? StorableValues.numberProblem(number)
                : null;
        if (problem != null) {
            throw ProblemException.badRequest(name, problem);
        }
        return value;
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
