package dev.coffer.api.xml;

import dev.coffer.api.error.S3ErrorXml;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.codehaus.stax2.io.EscapingWriterFactory;

/**
 * Makes Woodstox escape element text as S3 does ({@link S3ErrorXml#escapeText}) instead of its
 * default, which writes {@code "} bare and fails on control characters.
 */
final class XmlText implements EscapingWriterFactory {

    static final XmlText INSTANCE = new XmlText();

    private XmlText() {
    }

    @Override
    public Writer createEscapingWriterFor(Writer writer, String encoding) {
        // Runs of plain characters go straight through; no copy of the text is made (a listing
        // page writes some 5,000 texts: docs/benchmarks.md, "Listing, second pass").
        return new FilterWriter(writer) {
            @Override
            public void write(int c) throws IOException {
                String replacement = S3ErrorXml.escaped((char) c);
                if (replacement == null) out.write(c); else out.write(replacement);
            }

            @Override
            public void write(char[] chars, int offset, int length) throws IOException {
                int plain = offset;
                for (int i = offset; i < offset + length; i++) {
                    String replacement = S3ErrorXml.escaped(chars[i]);
                    if (replacement == null) continue;
                    out.write(chars, plain, i - plain);
                    out.write(replacement);
                    plain = i + 1;
                }
                out.write(chars, plain, offset + length - plain);
            }

            @Override
            public void write(String text, int offset, int length) throws IOException {
                int plain = offset;
                for (int i = offset; i < offset + length; i++) {
                    String replacement = S3ErrorXml.escaped(text.charAt(i));
                    if (replacement == null) continue;
                    out.write(text, plain, i - plain);
                    out.write(replacement);
                    plain = i + 1;
                }
                out.write(text, plain, offset + length - plain);
            }
        };
    }

    @Override
    public Writer createEscapingWriterFor(OutputStream out, String encoding) {
        return createEscapingWriterFor(new OutputStreamWriter(out, StandardCharsets.UTF_8), encoding);
    }
}
