package dev.coffer.compat.support;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signature V4 done by hand from the published recipe, for requests the SDK's signer will not
 * make: a header-signed aws-chunked body whose Content-Length is not signed, or a presigned URL
 * that pins the payload hash. Paths must be given already encoded, without dot segments.
 */
public final class HandSigner {
    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private HandSigner() {
    }

    /** The headers to send: {@code headers} plus host, x-amz-date and Authorization, all signed. */
    public static Map<String, String> header(String method, URI uri, Map<String, String> headers, String payloadHash) {
        String date = BASIC.format(Instant.now());
        TreeMap<String, String> signed = new TreeMap<>();
        headers.forEach((k, v) -> signed.put(k.toLowerCase(), v));
        signed.put("host", uri.getRawAuthority());
        signed.put("x-amz-date", date);
        signed.put("x-amz-content-sha256", payloadHash);
        String names = String.join(";", signed.keySet());
        String canonical = method + "\n" + uri.getRawPath() + "\n" + canonicalQuery(uri.getRawQuery(), Map.of()) + "\n"
                + signed.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue().trim() + "\n").collect(Collectors.joining())
                + "\n" + names + "\n" + payloadHash;
        Map<String, String> out = new LinkedHashMap<>(signed);
        out.put("Authorization", "AWS4-HMAC-SHA256 Credential=" + CofferServer.ACCESS_KEY + "/" + scope(date)
                + ", SignedHeaders=" + names + ", Signature=" + sign(date, canonical));
        return out;
    }

    /** A presigned URL (host the only signed header) with {@code extra} query parameters, e.g. X-Amz-Content-Sha256. */
    public static URI presign(String method, URI uri, Duration expires, Map<String, String> extra, String payloadHash) {
        String date = BASIC.format(Instant.now());
        Map<String, String> query = new TreeMap<>(extra);
        query.put("X-Amz-Algorithm", "AWS4-HMAC-SHA256");
        query.put("X-Amz-Credential", CofferServer.ACCESS_KEY + "/" + scope(date));
        query.put("X-Amz-Date", date);
        query.put("X-Amz-Expires", Long.toString(expires.toSeconds()));
        query.put("X-Amz-SignedHeaders", "host");
        String canonicalQuery = canonicalQuery(null, query);
        String canonical = method + "\n" + uri.getRawPath() + "\n" + canonicalQuery + "\nhost:" + uri.getRawAuthority()
                + "\n\nhost\n" + payloadHash;
        return URI.create(uri + "?" + canonicalQuery + "&X-Amz-Signature=" + sign(date, canonical));
    }

    private static String canonicalQuery(String raw, Map<String, String> params) {
        TreeMap<String, String> sorted = new TreeMap<>();
        params.forEach((k, v) -> sorted.put(encode(k), encode(v)));
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                sorted.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        return sorted.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
    }

    private static String scope(String date) {
        return date.substring(0, 8) + "/" + CofferServer.REGION.id() + "/s3/aws4_request";
    }

    private static String sign(String date, String canonical) {
        String stringToSign = "AWS4-HMAC-SHA256\n" + date + "\n" + scope(date) + "\n"
                + TestData.sha256Hex(TestData.utf8(canonical));
        byte[] key = hmac(TestData.utf8("AWS4" + CofferServer.SECRET_KEY), date.substring(0, 8));
        for (String part : new String[] {CofferServer.REGION.id(), "s3", "aws4_request"}) key = hmac(key, part);
        return HexFormat.of().formatHex(hmac(key, stringToSign));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(TestData.utf8(data));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
