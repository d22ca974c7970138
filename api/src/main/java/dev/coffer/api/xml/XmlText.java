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
        return new FilterWriter(writer) {
            @Override
            public void write(int c) throws IOException {
                out.write(S3ErrorXml.escapeText(String.valueOf((char) c)));
            }

            @Override
            public void write(char[] chars, int offset, int length) throws IOException {
                out.write(S3ErrorXml.escapeText(new String(chars, offset, length)));
            }

            @Override
            public void write(String text, int offset, int length) throws IOException {
                out.write(S3ErrorXml.escapeText(text.substring(offset, offset + length)));
            }
        };
    }

    @Override
    public Writer createEscapingWriterFor(OutputStream out, String encoding) {
        return createEscapingWriterFor(new OutputStreamWriter(out, StandardCharsets.UTF_8), encoding);
    }
}
