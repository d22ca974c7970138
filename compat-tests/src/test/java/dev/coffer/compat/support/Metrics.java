package dev.coffer.compat.support;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One series of an in-process server's {@code /_coffer/metrics}, read with its metrics token. */
public final class Metrics {
    private Metrics() {}

    /** The value of {@code series} (name and labels as printed), or -1 when the server does not print it. */
    public static double value(CofferServer server, String series) {
        try {
            String token = Files.readString(server.dataDir().resolve("metrics-token"));
            String text = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.endpoint().resolve("/_coffer/metrics"))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = Pattern.compile("^" + Pattern.quote(series) + " ([0-9.eE+-]+)$", Pattern.MULTILINE).matcher(text);
            return m.find() ? Double.parseDouble(m.group(1)) : -1;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
