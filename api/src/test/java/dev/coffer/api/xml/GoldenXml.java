package dev.coffer.api.xml;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import org.xmlunit.builder.DiffBuilder;
import org.xmlunit.builder.Input;
import org.xmlunit.diff.Diff;

/** Compares a rendered document with an example under src/test/resources/xml/, ignoring whitespace between elements and comments. */
final class GoldenXml {

    private GoldenXml() {
    }

    static byte[] resource(String name) {
        try (InputStream in = GoldenXml.class.getResourceAsStream("/xml/" + name)) {
            assertThat(in).as("resource /xml/%s", name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Identical element names, namespaces, order and text; whitespace-only text and comments ignored. */
    static void assertMatches(byte[] actual, String goldenName) {
        Diff diff = DiffBuilder.compare(Input.fromByteArray(resource(goldenName)))
                .withTest(Input.fromByteArray(actual))
                .ignoreWhitespace()
                .ignoreComments()
                .checkForIdentical()
                .build();
        assertThat(diff.hasDifferences()).as("%s differs: %s%nactual: %s", goldenName, diff,
                new String(actual, java.nio.charset.StandardCharsets.UTF_8)).isFalse();
    }
}
