package io.careerdata.resume;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes the contact details that make a resume identify its author: email addresses, phone
 * numbers and web links. Names are left: they cannot be told from skills or employers reliably.
 */
final class PiiRedactor {

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern LINK = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");
    // a profile or page without a scheme: "linkedin.com/in/jane", "github.com/jdoe" (a path is required,
    // so a company name such as "Amazon.com" stays)
    private static final Pattern BARE_LINK = Pattern.compile(
            "(?i)\\b(?:[a-z0-9-]+\\.)+(?:com|org|net|io|dev|me|co|app|ai|info|page|tech)/\\S*");
    // 7 or more digits, optionally with a leading +, spaces, dots, dashes or parentheses between them
    private static final Pattern PHONE = Pattern.compile("(?<![\\w])\\+?\\(?\\d(?:[\\s.\\-()]*\\d){6,}(?![\\w])");

    // work history has phone-like digit runs that are not phone numbers: "2019-2023", "2021-03-15"
    private static final Pattern YEARS_OR_DATE = Pattern.compile(
            "(?:19|20)\\d{2}\\s*-\\s*(?:19|20)\\d{2}|(?:19|20)\\d{2}-\\d{2}-\\d{2}");

    private PiiRedactor() {
    }

    static String redact(String text) {
        String redacted = EMAIL.matcher(text).replaceAll("[EMAIL]");
        redacted = LINK.matcher(redacted).replaceAll("[LINK]");
        redacted = BARE_LINK.matcher(redacted).replaceAll("[LINK]");
        return PHONE.matcher(redacted).replaceAll(phone -> YEARS_OR_DATE.matcher(phone.group()).matches()
                ? Matcher.quoteReplacement(phone.group()) : "[PHONE]");
    }
}
