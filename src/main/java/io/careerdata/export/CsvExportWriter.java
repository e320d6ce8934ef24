package io.careerdata.export;

import io.careerdata.export.ExportCatalog.Category;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * One RFC 4180 file per category, {@code <category>.csv} in a directory (Commons CSV): UTF-8
 * without a byte order mark, a header row of column names, CRLF line ends. Every value is quoted
 * (quotes doubled) and a null is an empty unquoted field, so an empty text ({@code ""}) and no
 * value stay apart. JSON columns hold their JSON text.
 */
final class CsvExportWriter implements ExportWriter {

    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setQuoteMode(QuoteMode.ALL_NON_NULL)
            .setNullString("")
            .get();

    private final Path directory;
    private CSVPrinter out;

    CsvExportWriter(Path directory) throws IOException {
        this.directory = Files.createDirectories(directory);
    }

    @Override
    public void begin(ExportManifest manifest) {
        // the metadata lives in the JSON and XML documents and the README; a CSV file holds one table
    }

    @Override
    public void startCategory(Category category) throws IOException {
        out = new CSVPrinter(Files.newBufferedWriter(directory.resolve(category.name() + ".csv"), StandardCharsets.UTF_8),
                FORMAT);
        out.printRecord(category.columns().stream().map(ExportCatalog.Column::name));
    }

    @Override
    public void row(Object[] values) throws IOException {
        for (Object value : values) {
            // a BigDecimal's toString may use an exponent; the column's text never does
            out.print(value instanceof BigDecimal number ? number.toPlainString() : value);
        }
        out.println();
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
}
