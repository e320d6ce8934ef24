package io.careerdata.export;

import io.careerdata.export.ExportCatalog.Category;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The XML document, with the same names as the JSON one:
 * {@code <career_data_export><export>metadata</export><data><skills><row><name>..</name></row></skills>
 * </data><row_counts><skills>2</skills></row_counts></career_data_export>}. Element names are the
 * category and column names (lower case and underscores, valid XML names); a null value is an
 * empty element with {@code xsi:nil="true"}. Written with the JDK's StAX writer, row by row.
 */
final class XmlExportWriter implements ExportWriter {

    static final String ROOT = "career_data_export";

    /** The JDK's own writer, named directly: no lookup through system properties or ServiceLoader, so a native image has it too. */
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newDefaultFactory();

    private final OutputStream out;
    private final XMLStreamWriter xml;
    private Category category;

    XmlExportWriter(OutputStream out) throws IOException {
        this.out = out;
        try {
            xml = FACTORY.createXMLStreamWriter(out, "UTF-8");
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void begin(ExportManifest manifest) throws IOException {
        write(() -> {
            xml.writeStartDocument("UTF-8", "1.0");
            newLine(0);
            xml.writeStartElement(ROOT);
            xml.writeNamespace("xsi", XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI);
            newLine(1);
            xml.writeStartElement("export");
            for (Map.Entry<String, Object> field : manifest.fields().entrySet()) {
                newLine(2);
                element(field.getKey(), field.getValue());
            }
            newLine(1);
            xml.writeEndElement();
            newLine(1);
            xml.writeStartElement("data");
        });
    }

    @Override
    public void startCategory(Category category) throws IOException {
        this.category = category;
        write(() -> {
            newLine(2);
            xml.writeStartElement(category.name());
        });
    }

    @Override
    public void row(Object[] values) throws IOException {
        write(() -> {
            newLine(3);
            xml.writeStartElement("row");
            for (int i = 0; i < values.length; i++) {
                newLine(4);
                element(category.columns().get(i).name(), values[i]);
            }
            newLine(3);
            xml.writeEndElement();
        });
    }

    @Override
    public void endCategory() throws IOException {
        write(() -> {
            newLine(2);
            xml.writeEndElement();
        });
    }

    @Override
    public void finish(Map<String, Long> rowCounts) throws IOException {
        write(() -> {
            newLine(1);
            xml.writeEndElement();
            newLine(1);
            xml.writeStartElement("row_counts");
            for (Map.Entry<String, Long> count : rowCounts.entrySet()) {
                newLine(2);
                element(count.getKey(), count.getValue());
            }
            newLine(1);
            xml.writeEndElement();
            newLine(0);
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.flush();
        });
    }

    @Override
    public void close() throws IOException {
        try {
            write(xml::close);
        } finally {
            out.close(); // XMLStreamWriter.close() leaves the stream open
        }
    }

    /** A step of StAX writing; its checked exception becomes the writers' IOException. */
    @FunctionalInterface
    private interface Step {
        void run() throws XMLStreamException;
    }

    private static void write(Step step) throws IOException {
        try {
            step.run();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
    }

    private void element(String name, Object value) throws XMLStreamException {
        if (value == null) {
            xml.writeEmptyElement(name);
            xml.writeAttribute("xsi", XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI, "nil", "true");
            return;
        }
        xml.writeStartElement(name);
        text(legal(value instanceof BigDecimal number ? number.toPlainString() : value.toString()));
        xml.writeEndElement();
    }

    /** A parser turns a literal CR (or CRLF) into LF; written as a character reference, it stays a CR. */
    private void text(String text) throws XMLStreamException {
        int start = 0;
        for (int cr = text.indexOf('\r'); cr >= 0; cr = text.indexOf('\r', start)) {
            xml.writeCharacters(text.substring(start, cr));
            xml.writeEntityRef("#13");
            start = cr + 1;
        }
        xml.writeCharacters(text.substring(start));
    }

    private void newLine(int depth) throws XMLStreamException {
        xml.writeCharacters("\n" + "  ".repeat(depth));
    }

    /**
     * XML 1.0 cannot hold most control characters, which a text column can: each becomes U+FFFD.
     * Surrogate pairs are left as they are.
     */
    static String legal(String text) {
        StringBuilder clean = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xFFFD);
            if (!allowed) {
                if (clean == null) {
                    clean = new StringBuilder(text.length()).append(text, 0, i);
                }
                clean.append('\uFFFD');
            } else if (clean != null) {
                clean.append(c);
            }
        }
        return clean == null ? text : clean.toString();
    }
}
