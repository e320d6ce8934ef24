package io.careerdata.datahealth;

/** The state of one part of the data layer, and of the whole. */
public enum PartStatus {
    UP, DEGRADED, DOWN,
    /** The part could not be checked in time, or its figures could not be read. */
    UNKNOWN
}
