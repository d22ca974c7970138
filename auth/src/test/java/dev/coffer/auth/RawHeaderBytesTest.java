package dev.coffer.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Issue 24: a header with raw non-ASCII bytes is signed as those bytes. boto3 sends
 * {@code x-amz-meta-meta1: Hello World\xe9} as UTF-8 and signs the same bytes; the HTTP layer hands
 * the value over one char per byte, and the verifier used to hash each of those chars as UTF-8
 * again (SignatureDoesNotMatch). Also: the query is decoded the same way for the signature and
 * for routing ('+' a space).
 */
class RawHeaderBytesTest {
    private final SigV4Authenticator v4 = Requests.authenticator(SdkSigning.NOW, SdkSigning.AKID, SdkSigning.SECRET);

    /** The value as the HTTP layer hands over the UTF-8 bytes of {@code text}: one char per byte. */
    private static String onTheWire(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static SignedRequest arrivedAsBytes(SignedRequest signed, String header) {
        Map<String, List<String>> headers = new LinkedHashMap<>(signed.headers());
        headers.put(header, List.of(onTheWire(signed.header(header))));
        return new SignedRequest(signed.method(), signed.rawPath(), signed.rawQuery(), headers);
    }

    @Test
    void sigV4HeaderWithUtf8BytesVerifiesAsTheBytesThatArrived() throws AuthException {
        for (String[] header : new String[][] {{"x-amz-meta-meta1", "Hello World\u00e9"}, {"x-amz-tagging", "k=v\u00e9&\u9375=\u5024"},
                {"content-disposition", "attachment; filename=\"\u00fcber.txt\""}}) {
            SdkHttpRequest request = SdkSigning.base(SdkHttpMethod.PUT, "k").putHeader(header[0], header[1]).build();
            SignedRequest signed = SdkSigning.toSigned(SdkSigning.sign(request, null, b -> { }).request());
            assertEquals(SdkSigning.AKID, v4.authenticate(arrivedAsBytes(signed, header[0])).accessKeyId(), header[0]);
        }
    }

    @Test
    void sigV4HeaderWithOtherBytesThanSignedDoesNotMatch() {
        SdkHttpRequest request = SdkSigning.base(SdkHttpMethod.PUT, "k").putHeader("x-amz-meta-a", "\u00e9").build();
        SignedRequest signed = SdkSigning.toSigned(SdkSigning.sign(request, null, b -> { }).request());
        // the single byte E9 (ISO-8859-1) where the signer signed C3 A9
        AuthException e = assertThrows(AuthException.class, () -> v4.authenticate(signed));
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, e.error());
    }

    /** botocore's SigV2 signer: the string to sign holds the header's text, hashed as UTF-8. */
    @Test
    void sigV2HeaderWithUtf8BytesVerifiesAsTheBytesThatArrived() throws Exception {
        String date = "Tue, 27 Mar 2007 19:36:42 +0000";
        String value = "Hello World\u00e9";
        String stringToSign = "PUT\n\n\n" + date + "\nx-amz-meta-meta1:" + value + "\n/bucket/key";
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
        mac.init(new javax.crypto.spec.SecretKeySpec(Requests.SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        SignedRequest r = Requests.request("PUT", "/bucket/key", "", "Host", "s3.example", "Date", date,
                "x-amz-meta-meta1", onTheWire(value), "Authorization", "AWS " + Requests.AKID + ":" + signature);
        Requests.sigV2(Instant.parse("2007-03-27T19:36:42Z")).authenticate(r, null);
    }

    /** The attack of issue 13: signed for "a+b", sent so that routing would read "a b". */
    @Test
    void queryPlusIsASpaceForTheSignatureAsForRouting() throws AuthException {
        for (String[] prefix : new String[][] {{"a+b", "prefix=a+b", "SIGNATURE_DOES_NOT_MATCH"},
                {"a b", "prefix=a+b", null}, {"a b", "prefix=a%20b", null}, {"a+b", "prefix=a%2Bb", null}}) {
            SdkHttpRequest request = SdkSigning.base(SdkHttpMethod.GET, "").putRawQueryParameter("prefix", prefix[0]).build();
            SignedRequest signed = SdkSigning.toSigned(SdkSigning.sign(request, null, b -> { }).request());
            SignedRequest sent = Requests.withQuery(signed, prefix[1]);
            if (prefix[2] == null) {
                v4.authenticate(sent);
            } else {
                AuthException e = assertThrows(AuthException.class, () -> v4.authenticate(sent), prefix[1]);
                assertEquals(AuthError.valueOf(prefix[2]), e.error());
            }
        }
    }
}
