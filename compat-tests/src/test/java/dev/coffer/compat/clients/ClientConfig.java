package dev.coffer.compat.clients;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A client configuration file rendered from a template under {@code src/test/resources/clients/}:
 * each {@code ${name}} is replaced by its value; a placeholder left without a value is an error.
 */
public final class ClientConfig {

    private ClientConfig() {
    }

    /** Renders {@code clients/<template>} with {@code values} into {@code target} and returns it. */
    public static Path render(String template, Map<String, String> values, Path target) {
        String text = read("clients/" + template);
        for (Map.Entry<String, String> v : values.entrySet()) {
            text = text.replace("${" + v.getKey() + "}", v.getValue());
        }
        int left = text.indexOf("${");
        if (left >= 0) {
            throw new IllegalArgumentException("template " + template + " has a placeholder without a value at: "
                    + text.substring(left, Math.min(text.length(), left + 30)));
        }
        try {
            return Files.writeString(target, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(String resource) {
        try (InputStream in = ClientConfig.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
