package io.careerdata.export;

import io.careerdata.export.ExportCatalog.Category;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Writes one format while the rows stream by: the categories one after another, each row as soon
 * as it is read. No writer keeps rows; {@link #close()} releases the file even after a failure.
 */
interface ExportWriter extends Closeable {

    void begin(ExportManifest manifest) throws IOException;

    void startCategory(Category category) throws IOException;

    /** One row: a value per column of the category, as {@link ExportCatalog.Kind#read} made it. */
    void row(Object[] values) throws IOException;

    void endCategory() throws IOException;

    /** Ends the document; {@code rowCounts} holds each category's number of rows. */
    void finish(Map<String, Long> rowCounts) throws IOException;

    /** Several writers fed from one pass over the data (the bundle writes JSON, XML and CSV at once). */
    static ExportWriter all(List<ExportWriter> writers) {
        return new ExportWriter() {
            @Override
            public void begin(ExportManifest manifest) throws IOException {
                for (ExportWriter writer : writers) {
                    writer.begin(manifest);
                }
            }

            @Override
            public void startCategory(Category category) throws IOException {
                for (ExportWriter writer : writers) {
                    writer.startCategory(category);
                }
            }

            @Override
            public void row(Object[] values) throws IOException {
                for (ExportWriter writer : writers) {
                    writer.row(values);
                }
            }

            @Override
            public void endCategory() throws IOException {
                for (ExportWriter writer : writers) {
                    writer.endCategory();
                }
            }

            @Override
            public void finish(Map<String, Long> rowCounts) throws IOException {
                for (ExportWriter writer : writers) {
                    writer.finish(rowCounts);
                }
            }

            @Override
            public void close() throws IOException {
                IOException failure = null;
                for (ExportWriter writer : writers) {
                    try {
                        writer.close();
                    } catch (IOException e) {
                        failure = failure == null ? e : failure;
                    }
                }
                if (failure != null) {
                    throw failure;
                }
            }
        };
    }
}
