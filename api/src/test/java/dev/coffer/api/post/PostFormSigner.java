package dev.coffer.api.post;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Re-signs a fuzzed POST form: replaces the 64 hex digits of its {@code x-amz-signature} field by
 * the SigV4 signature of its {@code policy} field, computed here as AWS documents it, apart from
 * the server's code. A form without both fields is left as it is.
 */
final class PostFormSigner {
    static final String AKID = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final Pattern POLICY = Pattern.compile("name=\"policy\"\r\n\r\n([^\r]*)\r\n", Pattern.CASE_INSENSITIVE);
    private static final Pattern SIGNATURE = Pattern.compile("(name=\"x-amz-signature\"\r\n\r\n)[0-9a-f]{64}", Pattern.CASE_INSENSITIVE);

    private PostFormSigner() {}

    static String resign(String form) {
        Matcher policy = POLICY.matcher(form);
        Matcher signature = SIGNATURE.matcher(form);
        if (!policy.find() || !signature.find()) return form;
        byte[] key = hmac(hmac(hmac(hmac(("AWS4" + SECRET).getBytes(StandardCharsets.UTF_8), "20151229"),
                "us-east-1"), "s3"), "aws4_request");
        String sig = HexFormat.of().formatHex(hmac(key, policy.group(1)));
        return form.substring(0, signature.start()) + signature.group(1) + sig + form.substring(signature.end());
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.ISO_8859_1));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
