package io.careerdata.export;

/** What an export holds. The constants are the values on the wire and in the column. */
public enum ExportScope {
    /** Every category of the person's data. */
    all,
    /** Only their applications and the job postings those refer to. */
    applications
}
