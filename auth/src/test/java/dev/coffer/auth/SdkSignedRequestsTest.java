package dev.coffer.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/** Requests signed by the AWS SDK for Java v2's own SigV4 signer, verified by ours. */
class SdkSignedRequestsTest {
    private static final String AKID = SdkSigning.AKID;
    private static final String SECRET = SdkSigning.SECRET;
    private static final Instant NOW = SdkSigning.NOW;
    private static final String[] KEYS = {"plain.txt", "with spaces/and more spaces.txt", "ünïcødé/ключ/鍵.bin",
        "a+b=c~d&e.txt", "percent%25 and #hash?.txt", "dots/./../x//y"};

    private final SigV4Authenticator authenticator = Requests.authenticator(NOW, AKID, SECRET);

    @Test
    void headerSignedGetWithQueryParametersVerifies() throws AuthException {
        for (String key : KEYS) {
            SdkHttpRequest request = SdkSigning.base(SdkHttpMethod.GET, key)
                    .putRawQueryParameter("prefix", "a b+c=d~é/")
                    .putRawQueryParameter("max-keys", "2")
                    .putRawQueryParameter("list-type", "2")
                    .putRawQueryParameter("empty", "")
                    .build();
            SdkHttpRequest signed = SdkSigning.sign(request, null, b -> { }).request();
            AuthResult result = authenticator.authenticate(SdkSigning.toSigned(signed));
            assertEquals(AKID, result.accessKeyId(), key);
            assertInstanceOf(PayloadMode.Sha256.class, result.payload());
        }
    }

    @Test
    void headerSignedPutWithPayloadHashVerifiesAndDigestMatches() throws Exception {
        byte[] body = "hello, coffer".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        SdkHttpRequest request = SdkSigning.base(SdkHttpMethod.PUT, KEYS[3])
                .putHeader("Content-Length", Integer.toString(body.length))
                .putHeader("x-amz-meta-note", "  spaced   out  value ").build();
        SdkHttpRequest signed = SdkSigning.sign(request, ContentStreamProvider.fromByteArray(body),
                b -> b.putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true)).request();
        PayloadMode.Sha256 mode = (PayloadMode.Sha256) authenticator.authenticate(SdkSigning.toSigned(signed)).payload();
        PayloadDigest digest = new PayloadDigest(mode.hex());
        digest.update(java.nio.ByteBuffer.wrap(body));
        digest.verify();
    }

    @Test
    void sdkRequestStillVerifiesWhenPathIsEncodedDifferently() throws AuthException {
        SdkHttpRequest signed = SdkSigning.sign(SdkSigning.base(SdkHttpMethod.GET, KEYS[3]).build(), null, b -> { }).request();
        SignedRequest r = SdkSigning.toSigned(signed);
        String reencoded = r.rawPath().replace("~", "%7e").replace("%3D", "=").replace("%2B", "%2b");
        authenticator.authenticate(new SignedRequest(r.method(), reencoded, r.rawQuery(), r.headers()));
    }

    @Test
    void sdkPresignedUrlVerifiesAndExpires() throws AuthException {
        for (String key : KEYS) {
            SdkHttpRequest request = SdkSigning.base(SdkHttpMethod.GET, key)
                    .putRawQueryParameter("response-content-disposition", "attachment; filename=\"a b.txt\"").build();
            SdkHttpRequest signed = SdkSigning.sign(request, null, b -> b
                    .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                    .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(10))
                    // as the SDK's S3Presigner does: presigned URLs carry UNSIGNED-PAYLOAD
                    .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)).request();
            SignedRequest r = SdkSigning.toSigned(signed);
            assertTrue(r.rawQuery().contains("X-Amz-Signature="), r.rawQuery());
            assertInstanceOf(PayloadMode.Unsigned.class, authenticator.authenticate(r).payload());
            AuthException e = assertThrows(AuthException.class,
                    () -> Requests.authenticator(NOW.plusSeconds(601), AKID, SECRET).authenticate(r));
            assertEquals("Request has expired", e.getMessage());
        }
    }

    @Test
    void sdkSignedStreamingPayloadDecodes() throws Exception {
        assertStreamingRoundTrip(true, null, false);
    }

    @Test
    void sdkSignedStreamingPayloadWithChecksumTrailerDecodes() throws Exception {
        assertStreamingRoundTrip(true, DefaultChecksumAlgorithm.CRC32, true);
    }

    @Test
    void sdkUnsignedStreamingPayloadWithChecksumTrailerDecodes() throws Exception {
        assertStreamingRoundTrip(false, DefaultChecksumAlgorithm.CRC32C, true);
    }

    private void assertStreamingRoundTrip(boolean signedPayload,
            software.amazon.awssdk.checksums.spi.ChecksumAlgorithm checksum, boolean expectTrailer) throws Exception {
        byte[] data = new byte[300_000];
        new Random(7).nextBytes(data);
        SdkHttpRequest request = SdkSigning.base(SdkHttpMethod.PUT, KEYS[1])
                .putHeader("Content-Length", Integer.toString(data.length)).build();
        var result = SdkSigning.sign(request, ContentStreamProvider.fromByteArray(data), b -> {
            b.putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, true)
                    .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, signedPayload);
            if (checksum != null) b.putProperty(AwsV4FamilyHttpSigner.CHECKSUM_ALGORITHM, checksum);
        });
        PayloadMode.Streaming mode =
                (PayloadMode.Streaming) authenticator.authenticate(SdkSigning.toSigned(result.request())).payload();
        assertEquals(expectTrailer, mode.trailer());
        assertEquals(signedPayload, mode.context() != null);
        byte[] body;
        try (InputStream in = result.payload().orElseThrow().newStream()) {
            body = in.readAllBytes();
        }
        AwsChunkedDecoder decoder = new AwsChunkedDecoder(mode);
        assertArrayEquals(data, ChunkedBodies.decode(decoder, body, ChunkedBodies.randomSplits(11, 5000)));
        Map<String, String> trailers = decoder.finish();
        if (expectTrailer) {
            String name = "x-amz-checksum-" + checksum.algorithmId().toLowerCase(Locale.ROOT);
            assertTrue(trailers.containsKey(name), trailers.toString());
        }
        if (signedPayload) {
            byte[] forged = body.clone();
            forged[body.length / 2] ^= 1;
            AwsChunkedDecoder second = new AwsChunkedDecoder(mode);
            assertThrows(AuthException.class, () -> ChunkedBodies.decodeAll(second, forged));
        }
    }
}
