package io.careerdata.export;

import java.util.Arrays;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The redaction rule: an export holds the person's own data and nothing that identifies someone
 * else. Where a record is about a third party (a networking contact) or names another account
 * (the actor of an audit entry), these replacements apply before a value is written:
 * <ul>
 * <li>a networking contact's name becomes its initials ("Jane Q. Doe" becomes "J. Q. D."), so the
 * person can still tell their contacts apart;</li>
 * <li>a networking contact's email address is withheld: {@value #MARK};</li>
 * <li>in the notes about a contact, every email address and every phone-like number (8 to 15
 * digits, separators allowed; a date written with digits may be caught too) becomes {@value #MARK};</li>
 * <li>an audit entry's actor becomes {@code self} when the person acted, {@code other} when an
 * administrator or the service did.</li>
 * </ul>
 * Everything else the person wrote (resume texts, application notes) is theirs and exported as stored.
 */
public final class Redaction {

    /** What a withheld value is replaced with. */
    public static final String MARK = "[redacted]";

    /** One sentence of the rule, written into every export's metadata. */
    public static final String SUMMARY = "Third parties are not exported: a networking contact's name is reduced to"
            + " initials, their email address and any email address or phone number in the notes about them are"
            + " replaced by " + MARK + ", and an audit entry's actor is 'self' or 'other'.";

    /** Replaces one value; only called for values that are not null. */
    @FunctionalInterface
    public interface Rule {
        String apply(String value, UUID subject);
    }

    private static final Pattern EMAIL = Pattern.compile("[^\\s@<>()\\[\\],;:\"]+@[^\\s@<>()\\[\\],;:\"]+\\.[^\\s@<>()\\[\\],;:\"]+");
    private static final Pattern PHONE = Pattern.compile("(?<![\\w-])\\+?\\d(?:[\\s().-]{0,2}\\d){7,14}(?![\\w-])");
    private static final Pattern WORDS = Pattern.compile("\\s+");

    static final Rule WITHHELD = (value, subject) -> MARK;

    static final Rule INITIALS = (value, subject) -> Arrays.stream(WORDS.split(value.strip()))
            .filter(word -> !word.isEmpty())
            .map(word -> new String(Character.toChars(word.codePointAt(0))) + ".")
            .collect(Collectors.joining(" "));

    static final Rule CONTACT_DETAILS = (value, subject) ->
            PHONE.matcher(EMAIL.matcher(value).replaceAll(MARK)).replaceAll(MARK);

    static final Rule ACTOR = (value, subject) -> value.equals(subject.toString()) ? "self" : "other";

    private Redaction() {
    }
}
