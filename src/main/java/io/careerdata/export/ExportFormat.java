package io.careerdata.export;

/** The formats an export is made in. The constants are the values on the wire and in the column. */
public enum ExportFormat {
    /** One JSON document, grouped by category. */
    json("application/json", "json"),
    /** A ZIP with one CSV file per category. */
    csv("application/zip", "zip"),
    /** One XML document. */
    xml("application/xml", "xml"),
    /** JSON, XML and CSV together, with a README, the JSON Schema and SHA256SUMS. */
    zip("application/zip", "zip");

    private final String mediaType;
    private final String extension;

    ExportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The extension of the file handed out: a CSV export is a ZIP of CSV files. */
    public String extension() {
        return extension;
    }
}
