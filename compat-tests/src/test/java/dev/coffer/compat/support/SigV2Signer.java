package dev.coffer.compat.support;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signature V2 done by hand from AWS's page (path-style requests, no sub-resources), for requests
 * boto3 will not make: a presigned URL whose Expires lies weeks ahead, a Date from the past.
 */
public final class SigV2Signer {
    private SigV2Signer() {
    }

    /** A presigned URL valid until {@code expiresEpochSecond}; {@code encodedPath} is "/bucket/key", encoded. */
    public static URI presign(URI endpoint, String method, String encodedPath, long expiresEpochSecond) {
        String signature = sign(method + "\n\n\n" + expiresEpochSecond + "\n" + encodedPath);
        return endpoint.resolve(encodedPath + "?AWSAccessKeyId=" + CofferServer.ACCESS_KEY + "&Expires="
                + expiresEpochSecond + "&Signature=" + URLEncoder.encode(signature, StandardCharsets.UTF_8));
    }

    /**
     * The Authorization header for a request without Content-MD5 or Content-Type.
     *
     * @param date the Date header sent (empty when {@code amzHeaders} holds x-amz-date)
     * @param amzHeaders the x-amz-* headers sent, lower-case names
     */
    public static String authorization(String method, String encodedPath, String date, Map<String, String> amzHeaders) {
        String canonicalAmz = new TreeMap<>(amzHeaders).entrySet().stream()
                .map(e -> e.getKey() + ":" + e.getValue() + "\n").collect(Collectors.joining());
        return "AWS " + CofferServer.ACCESS_KEY + ":" + sign(method + "\n\n\n" + date + "\n" + canonicalAmz + encodedPath);
    }

    private static String sign(String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(TestData.utf8(CofferServer.SECRET_KEY), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(TestData.utf8(stringToSign)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
