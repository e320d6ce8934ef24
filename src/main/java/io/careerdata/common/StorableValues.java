package io.careerdata.common;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;

/**
 * What a single value must be for PostgreSQL to store it and for the service to keep its invariants.
 * Read by the body checks ({@link StorableInput}), by {@code @NotBlank} ({@link VisibleText}) and by
 * the query parameters ({@link QueryParams}), so that a body and a query string obey one rule.
 */
public final class StorableValues {

    /**
     * Dates and times lie in years 1 to 9999: what ISO 8601 writes without an extension, well inside
     * PostgreSQL's date and timestamptz (4713 BC to 294276 AD) and Java's range alike.
     */
    public static final int MIN_YEAR = 1;
    public static final int MAX_YEAR = 9999;

    /**
     * Numbers have at most this many digits before the point: more than any numeric column of the
     * schema holds (the column's own precision is then checked by PostgreSQL, answered 400 too).
     */
    public static final int MAX_INTEGER_DIGITS = 15;

    /** And at most this many after it: a value such as 1e-999999999 would cost its digits in memory. */
    public static final int MAX_FRACTION_DIGITS = 20;

    private StorableValues() {
    }

    private static final Instant FIRST_INSTANT = LocalDate.of(MIN_YEAR, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);
    private static final Instant END_INSTANT = LocalDate.of(MAX_YEAR + 1, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC);

    /** Why {@code value} is no storable date or time, or null when it is one. */
    public static String dateProblem(TemporalAccessor value) {
        boolean outside;
        if (value instanceof Instant instant) {
            outside = instant.isBefore(FIRST_INSTANT) || !instant.isBefore(END_INSTANT);
        } else if (value.isSupported(ChronoField.YEAR)) {
            int year = value.get(ChronoField.YEAR);
            outside = year < MIN_YEAR || year > MAX_YEAR;
        } else {
            outside = false;
        }
        return outside ? "must lie in the years " + MIN_YEAR + " to " + MAX_YEAR : null;
    }

    /** Why {@code value} is no storable number, or null when it is one. */
    public static String numberProblem(BigDecimal value) {
        BigDecimal plain = value.stripTrailingZeros();
        if (plain.precision() - plain.scale() > MAX_INTEGER_DIGITS) {
            return "must have at most " + MAX_INTEGER_DIGITS + " digits before the decimal point";
        }
        if (plain.scale() > MAX_FRACTION_DIGITS) {
            return "must have at most " + MAX_FRACTION_DIGITS + " digits after the decimal point";
        }
        return null;
    }

    public static String numberProblem(BigInteger value) {
        return numberProblem(new BigDecimal(value));
    }

    /**
     * True when {@code text} shows nothing: empty, or only white space, control and format characters
     * (a zero-width space, a byte order mark, a no-break space...). Such a name or title would be
     * stored as an empty-looking value, so {@code @NotBlank} refuses it.
     */
    public static boolean isBlank(CharSequence text) {
        return text.codePoints().allMatch(StorableValues::invisible);
    }

    private static boolean invisible(int codePoint) {
        if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
            return true;
        }
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT
                // fillers drawn as nothing (Hangul, Braille blank): letters by category, blank on screen
                || codePoint == 0x115F || codePoint == 0x1160 || codePoint == 0x3164 || codePoint == 0xFFA0
                || codePoint == 0x2800;
    }
}
