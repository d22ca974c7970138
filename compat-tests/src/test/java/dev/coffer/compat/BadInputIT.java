package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertXmlError;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.coffer.compat.support.ChunkFiles;
import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.HandSigner;
import dev.coffer.compat.support.TestData;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * Uploads that must be refused, each with the S3 error a client expects, and none leaving an
 * object or a chunk file behind. Bodies are larger than the inline threshold, so that chunk files
 * are being written when the fault is found. The aws-chunked bodies are made by the SDK's own
 * signer, then damaged.
 */
@ExtendWith(CofferServerExtension.class)
class BadInputIT {
    private static final byte[] BODY = TestData.randomBytes(200 * 1024, 42);
    /** Headers java.net.http sets itself. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect");

    private static CofferServer server;
    private static String bucket;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        bucket = server.createBucket("bad-input");
    }

    @Test
    void intactBodiesInBothTrailerModesAreStored() {
        for (boolean signed : new boolean[] {false, true}) {
            String key = "intact-" + (signed ? "signed" : "unsigned");
            Chunked upload = Chunked.sign("/" + bucket + "/" + key, BODY, signed);
            assertThat(upload.request.firstMatchingHeader("x-amz-content-sha256")).hasValue(signed
                    ? "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER" : "STREAMING-UNSIGNED-PAYLOAD-TRAILER");
            assertThat(upload.send(upload.body).statusCode()).as(key).isEqualTo(200);
            assertThat(server.s3().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray()).isEqualTo(BODY);
        }
    }

    @Test
    void wrongTrailerChecksumIsBadDigestAndCommitsNothing() {
        Chunked upload = Chunked.sign("/" + bucket + "/wrong-trailer", BODY, false);
        byte[] body = upload.body.clone();
        body[upload.firstDataByte() + 1000] ^= 1; // the payload changes; its trailer checksum does not
        assertRefused("a wrong trailer checksum", "wrong-trailer", upload, body, 400, "BadDigest");
    }

    @Test
    void wrongSignedTrailerChecksumIsRefusedAndCommitsNothing() {
        Chunked upload = Chunked.sign("/" + bucket + "/wrong-signed-trailer", BODY, true);
        byte[] body = upload.body.clone();
        body[upload.firstDataByte() + 1000] ^= 1; // breaks the chunk's signature first
        assertRefused("a changed signed chunk", "wrong-signed-trailer", upload, body, 403, "SignatureDoesNotMatch");
    }

    @Test
    void truncatedChunkIsIncompleteBodyAndCommitsNothing() {
        // One 200 KiB chunk announced, 100 KiB of it sent, then the end of the request (the HTTP
        // framing is right; the aws-chunked framing is not). Content-Length is not signed here.
        URI uri = server.endpoint().resolve("/" + bucket + "/truncated");
        Map<String, String> headers = HandSigner.header("PUT", uri, Map.of("Content-Encoding", "aws-chunked",
                "x-amz-trailer", "x-amz-checksum-crc32", "x-amz-decoded-content-length", Integer.toString(BODY.length)),
                "STREAMING-UNSIGNED-PAYLOAD-TRAILER");
        byte[] head = TestData.utf8(Integer.toHexString(BODY.length) + "\r\n");
        byte[] body = Arrays.copyOf(head, 100_000);
        System.arraycopy(BODY, 0, body, head.length, body.length - head.length);
        ChunkFiles files = ChunkFiles.snapshot(server);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, value) -> {
            if (!RESTRICTED.contains(name)) request.header(name, value);
        });
        assertXmlError(server.raw().send(request.build()), 400, "IncompleteBody");
        assertNoObject("truncated");
        files.assertNoNewFile("a truncated chunk");
    }

    @Test
    void forgedChunkSignatureIsSignatureDoesNotMatchAndCommitsNothing() {
        Chunked upload = Chunked.sign("/" + bucket + "/forged", BODY, true);
        byte[] body = upload.body.clone();
        int signature = indexOf(body, "chunk-signature=".getBytes(StandardCharsets.US_ASCII), upload.firstDataByte() + 1)
                + "chunk-signature=".length();
        body[signature] = (byte) (body[signature] == 'a' ? 'b' : 'a');
        assertRefused("a forged chunk signature", "forged", upload, body, 403, "SignatureDoesNotMatch");
    }

    @Test
    void expiredPresignedPutIsAccessDeniedAndCommitsNothing() throws InterruptedException {
        PresignedPutObjectRequest presigned = server.presigner().presignPutObject(p -> p
                .signatureDuration(Duration.ofSeconds(1)).putObjectRequest(o -> o.bucket(bucket).key("expired")));
        Thread.sleep(2_500);
        ChunkFiles files = ChunkFiles.snapshot(server);
        HttpResponse<byte[]> response = server.raw().send(HttpRequest.newBuilder(URI.create(presigned.url().toString()))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(BODY)).build());
        assertThat(assertXmlError(response, 403, "AccessDenied")).contains("expired");
        assertNoObject("expired");
        files.assertNoNewFile("an expired presigned PUT");
    }

    @Test
    void policyThatDoesNotMatchTheFormIsAccessDeniedAndCommitsNothing() {
        ChunkFiles files = ChunkFiles.snapshot(server);
        PostObjectIT.Form form = PostObjectIT.Form.v4(server, bucket, "uploads/${filename}",
                List.of("[\"starts-with\", \"$key\", \"elsewhere/\"]"));
        HttpResponse<byte[]> response = form.post("photo.jpg", BODY);
        assertThat(assertXmlError(response, 403, "AccessDenied")).contains("Invalid according to Policy");
        assertNoObject("uploads/photo.jpg");
        files.assertNoNewFile("a POST whose policy does not match its form");
    }

    private static void assertRefused(String what, String key, Chunked upload, byte[] body, int status, String code) {
        ChunkFiles files = ChunkFiles.snapshot(server);
        HttpResponse<byte[]> response = upload.send(body);
        assertXmlError(response, status, code);
        assertNoObject(key);
        files.assertNoNewFile(what);
    }

    private static void assertNoObject(String key) {
        assertNoObjectIn(server, bucket, key);
    }

    static void assertNoObjectIn(CofferServer server, String bucketName, String key) {
        assertThat(server.s3().listObjectsV2(b -> b.bucket(bucketName).prefix(key)).contents())
                .as("objects under %s", key).isEmpty();
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        throw new AssertionError("not found: " + new String(needle, StandardCharsets.US_ASCII));
    }

    /** A PUT with an aws-chunked body and a CRC32 trailer, as the SDK's signer frames it. */
    record Chunked(URI uri, SdkHttpRequest request, byte[] body) {

        /** @param signedPayload STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER, else STREAMING-UNSIGNED-PAYLOAD-TRAILER */
        static Chunked sign(String path, byte[] payload, boolean signedPayload) {
            URI uri = server.endpoint().resolve(path);
            // Over http the SDK signs every chunk whatever it is told; signing as https (the scheme
            // is not signed) gives the unsigned-payload framing that boto3 sends.
            URI signedUri = signedPayload ? uri : URI.create(uri.toString().replaceFirst("^http:", "https:"));
            SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.PUT).uri(signedUri)
                    .putHeader("x-amz-decoded-content-length", Integer.toString(payload.length)).build();
            SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                    .identity(AwsCredentialsIdentity.create(CofferServer.ACCESS_KEY, CofferServer.SECRET_KEY))
                    .request(request)
                    .payload(ContentStreamProvider.fromByteArray(payload))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, CofferServer.REGION.id())
                    .putProperty(AwsV4HttpSigner.CHUNK_ENCODING_ENABLED, true)
                    .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, signedPayload)
                    .putProperty(AwsV4HttpSigner.CHECKSUM_ALGORITHM, DefaultChecksumAlgorithm.CRC32));
            try (InputStream in = signed.payload().orElseThrow().newStream()) {
                return new Chunked(uri, signed.request(), in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        int firstDataByte() {
            return indexOf(body, "\r\n".getBytes(StandardCharsets.US_ASCII), 0) + 2;
        }

        HttpResponse<byte[]> send(byte[] sentBody) {
            HttpRequest.Builder out = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(sentBody));
            for (Map.Entry<String, List<String>> h : request.headers().entrySet()) {
                if (!RESTRICTED.contains(h.getKey().toLowerCase())) h.getValue().forEach(v -> out.header(h.getKey(), v));
            }
            return server.raw().send(out.build());
        }
    }
}
