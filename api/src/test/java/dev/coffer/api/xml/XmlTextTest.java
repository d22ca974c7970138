package dev.coffer.api.xml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.api.error.S3ErrorXml;
import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The writer Woodstox escapes text through writes what {@link S3ErrorXml#escapeText} gives, by every write call. */
class XmlTextTest {
    private static final String[] PIECES = {"a", "photos/", "&", "<", ">", "\"", "'", "\u0001", "\u001f", "\t",
        "é", "日本", "\uD83D\uDE00", " ", "]]>", "\r\n", "", "\u0000", "plain text"};

    @Test
    void everyWriteEscapesAsS3Does() throws IOException {
        Random random = new Random(23);
        for (int n = 0; n < 2_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(6); i >= 0; i--) text.append(PIECES[random.nextInt(PIECES.length)]);
            String padded = "xy" + text + "z";
            String expected = S3ErrorXml.escapeText(text.toString());

            StringWriter strings = new StringWriter();
            Writer w = XmlText.INSTANCE.createEscapingWriterFor(strings, "UTF-8");
            w.write(padded, 2, text.length());
            w.flush();
            assertThat(strings.toString()).isEqualTo(expected);

            StringWriter chars = new StringWriter();
            w = XmlText.INSTANCE.createEscapingWriterFor(chars, "UTF-8");
            w.write(padded.toCharArray(), 2, text.length());
            w.flush();
            assertThat(chars.toString()).isEqualTo(expected);

            StringWriter one = new StringWriter();
            w = XmlText.INSTANCE.createEscapingWriterFor(one, "UTF-8");
            for (int i = 0; i < text.length(); i++) w.write(text.charAt(i));
            w.flush();
            assertThat(one.toString()).isEqualTo(expected);
        }
    }
}
