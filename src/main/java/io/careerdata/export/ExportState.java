package io.careerdata.export;

import java.util.List;

/** Where an export job is. The constants are the values on the wire and in the column. */
public enum ExportState {
    pending, running, ready, failed;

    /** The states of a job that is not finished: a user has at most one such job. */
    public static final List<ExportState> ACTIVE = List.of(pending, running);
}
