package io.careerdata.datahealth;

/** A failure as an operator reads it: its message, short, never a class name or a stack trace. */
final class Reasons {

    private static final int MAX = 200;

    private Reasons() {
    }

    static String of(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root && (root.getMessage() == null || root.getMessage().isBlank())) {
            root = root.getCause();
        }
        String message = root.getMessage() == null || root.getMessage().isBlank() ? "no answer" : root.getMessage();
        return message.length() > MAX ? message.substring(0, MAX) + "..." : message;
    }
}
