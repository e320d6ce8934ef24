package io.careerdata.backup;

import io.careerdata.backup.BackupMetrics.Stage;

/** A failed backup operation: a message for the operator, and where it failed for the metrics. */
public final class BackupFailure extends RuntimeException {

    final Stage stage;

    BackupFailure(Stage stage, String message, Throwable cause) {
        super(message, cause);
        this.stage = stage;
    }

    /** PostgreSQL's detail lines may quote a row (personal data): job errors and logs get the first line only. */
    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }

    static String message(Throwable e) {
        return e.getMessage() != null ? firstLine(e.getMessage()) : e.getClass().getSimpleName();
    }
}
