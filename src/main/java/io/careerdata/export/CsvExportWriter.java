package io.careerdata.export;

import io.careerdata.export.ExportCatalog.Category;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * One RFC 4180 file per category, {@code <category>.csv} in a directory: UTF-8 without a byte
 * order mark, a header row of column names, CRLF line ends, and fields quoted when they hold a
 * comma, a quote or a line break (quotes doubled). An empty field is a null; an empty text is
 * {@code ""}. JSON columns hold their JSON text.
 */
final class CsvExportWriter implements ExportWriter {

    private final Path directory;
    private Writer out;

    CsvExportWriter(Path directory) throws IOException {
        this.directory = Files.createDirectories(directory);
    }

    @Override
    public void begin(ExportManifest manifest) {
        // the metadata lives in the JSON and XML documents and the README; a CSV file holds one table
    }

    @Override
    public void startCategory(Category category) throws IOException {
        out = Files.newBufferedWriter(directory.resolve(category.name() + ".csv"), StandardCharsets.UTF_8);
        line(category.columns().stream().map(ExportCatalog.Column::name).toArray());
    }

    @Override
    public void row(Object[] values) throws IOException {
        line(values);
    }

    @Override
    public void endCategory() throws IOException {
        out.close();
        out = null;
    }

    @Override
    public void finish(Map<String, Long> rowCounts) {
        // nothing after the last table
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }

    private void line(Object[] values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(field(values[i]));
        }
        out.write("\r\n");
    }

    static String field(Object value) {
        if (value == null) {
            return "";
        }
        String text = value instanceof BigDecimal number ? number.toPlainString() : value.toString();
        boolean quote = text.isEmpty() || text.indexOf(',') >= 0 || text.indexOf('"') >= 0
                || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }
}
