package dev.coffer.api.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook: each event POSTed as {@code application/json} to the URL, with {@code Authorization:
 * Bearer <token>} when a token is set and {@code X-Coffer-Signature: sha256=<hex HMAC-SHA256 of
 * the body under the secret>} when a secret is set. Any 2xx is delivered; anything else, a
 * timeout or a refused connection is a failure retried with backoff by the delivery job.
 */
final class WebhookTarget implements Target {
    static final String SIGNATURE = "X-Coffer-Signature";

    private final HttpClient http;
    private final URI uri;
    private final NotificationProperties.TargetProperties settings;

    WebhookTarget(NotificationProperties.TargetProperties t) {
        this.settings = t;
        this.uri = URI.create(t.uri());
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("a webhook's uri is http(s)://…, not " + t.uri());
        }
        this.http = HttpClient.newBuilder().connectTimeout(t.timeout()).build();
    }

    @Override
    public void send(byte[] message) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(message));
        if (settings.token() != null && !settings.token().isEmpty()) {
            request.header("Authorization", "Bearer " + settings.token());
        }
        if (settings.secret() != null && !settings.secret().isEmpty()) {
            request.header(SIGNATURE, "sha256=" + sign(settings.secret(), message));
        }
        HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("webhook " + uri + " answered " + response.statusCode());
        }
    }

    static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    @Override
    public void close() {
        // Nothing to release: HttpClient.close() is Java 21, and its threads end with the client.
    }
}
