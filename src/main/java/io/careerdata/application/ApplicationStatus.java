package io.careerdata.application;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where an application stands, and where it may go next. The constants are the values on the wire
 * and in the column.
 */
public enum ApplicationStatus {
    saved, applied, screening, interviewing, offered, accepted, rejected, withdrawn;

    /** The allowed moves. accepted, rejected and withdrawn are final. */
    private static final Map<ApplicationStatus, Set<ApplicationStatus>> NEXT = Map.of(
            saved, EnumSet.of(applied, withdrawn),
            applied, EnumSet.of(screening, interviewing, offered, rejected, withdrawn),
            screening, EnumSet.of(interviewing, rejected, withdrawn),
            interviewing, EnumSet.of(offered, rejected, withdrawn),
            offered, EnumSet.of(accepted, rejected, withdrawn),
            accepted, EnumSet.noneOf(ApplicationStatus.class),
            rejected, EnumSet.noneOf(ApplicationStatus.class),
            withdrawn, EnumSet.noneOf(ApplicationStatus.class));

    /** An application is recorded before or when it is sent. */
    public boolean isInitial() {
        return this == saved || this == applied;
    }

    public boolean canMoveTo(ApplicationStatus next) {
        return NEXT.get(this).contains(next);
    }

    public Set<ApplicationStatus> next() {
        return NEXT.get(this);
    }
}
