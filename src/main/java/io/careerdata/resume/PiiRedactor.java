package io.careerdata.resume;

import java.util.regex.Pattern;

/**
 * Removes the contact details that make a resume identify its author: email addresses, phone
 * numbers and web links. Names are left: they cannot be told from skills or employers reliably.
 */
final class PiiRedactor {

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern LINK = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");
    // 7 or more digits, optionally with a leading +, spaces, dots, dashes or parentheses between them
    private static final Pattern PHONE = Pattern.compile("(?<![\\w])\\+?\\(?\\d(?:[\\s.\\-()]*\\d){6,}(?![\\w])");

    private PiiRedactor() {
    }

    static String redact(String text) {
        String redacted = EMAIL.matcher(text).replaceAll("[EMAIL]");
        redacted = LINK.matcher(redacted).replaceAll("[LINK]");
        return PHONE.matcher(redacted).replaceAll("[PHONE]");
    }
}
