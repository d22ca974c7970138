package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.TestData;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * {@code Expect: 100-continue} over a raw socket, as S3 handles it: {@code 100 Continue} only when
 * the request can proceed, and otherwise the final error at once, before any byte of the body.
 */
@ExtendWith(CofferServerExtension.class)
class ExpectContinueIT {
    private static final byte[] BODY = TestData.randomBytes(64 * 1024, 100);

    private static CofferServer server;
    private static String bucket;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        bucket = server.createBucket("expect");
    }

    @Test
    void signedPutGets100ContinueThenStoresTheBody() throws IOException {
        try (Socket socket = connect()) {
            send(socket, head("/" + bucket + "/continued", CofferServer.SECRET_KEY));
            assertThat(readHead(socket)).startsWith("HTTP/1.1 100");
            socket.getOutputStream().write(BODY);
            assertThat(readHead(socket)).startsWith("HTTP/1.1 200");
        }
        assertThat(server.s3().getObjectAsBytes(b -> b.bucket(bucket).key("continued")).asByteArray()).isEqualTo(BODY);
    }

    @Test
    void badSignatureIsAnswered403WithoutReadingTheBody() throws IOException {
        try (Socket socket = connect()) {
            send(socket, head("/" + bucket + "/forged", "not-the-secret-key-not-the-secret-key-000"));
            String answer = readHead(socket);
            assertThat(answer).startsWith("HTTP/1.1 403").doesNotContain("100 Continue");
        }
        assertThat(server.s3().listObjectsV2(b -> b.bucket(bucket).prefix("forged")).contents()).isEmpty();
    }

    @Test
    void missingBucketIsAnswered404WithoutReadingTheBody() throws IOException {
        try (Socket socket = connect()) {
            send(socket, head("/" + server.uniqueBucketName("absent") + "/k", CofferServer.SECRET_KEY));
            assertThat(readHead(socket)).startsWith("HTTP/1.1 404").doesNotContain("100 Continue");
        }
    }

    /**
     * The AWS SDK for JavaScript v3 sends {@code Expect: 100-continue} with {@code Connection: close}
     * on every body over 2 MiB. The interim response must not carry {@code Connection: close}: Node's
     * parser takes it as the connection's last message and fails on the final response ("Data
     * after `Connection: close`"). The final response says close, and nothing follows it.
     */
    @Test
    void putAskingToCloseGets100ContinueWithoutConnectionCloseThenTheFinalResponse() throws IOException {
        assertContinueThenCloses("PUT", "/" + bucket + "/closing", BODY, Map.of());
        assertThat(server.s3().getObjectAsBytes(b -> b.bucket(bucket).key("closing")).asByteArray()).isEqualTo(BODY);
    }

    @Test
    void postAskingToCloseGets100ContinueWithoutConnectionCloseThenTheFinalResponse() throws Exception {
        server.s3().putObject(b -> b.bucket(bucket).key("doomed"), RequestBody.fromString("x"));
        byte[] delete = "<Delete><Object><Key>doomed</Key></Object></Delete>".getBytes(StandardCharsets.UTF_8);
        String md5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(delete));
        assertContinueThenCloses("POST", "/" + bucket + "?delete", delete, Map.of("Content-MD5", md5));
        assertThat(server.s3().listObjectsV2(b -> b.bucket(bucket).prefix("doomed")).contents()).isEmpty();
    }

    private static void assertContinueThenCloses(String method, String target, byte[] body, Map<String, String> extra)
            throws IOException {
        Map<String, String> headers = new HashMap<>(extra);
        headers.put("Connection", "close");
        try (Socket socket = connect()) {
            send(socket, head(method, target, CofferServer.SECRET_KEY, body.length, headers));
            String interim = readHead(socket);
            assertThat(interim).startsWith("HTTP/1.1 100").doesNotContainIgnoringCase("connection:");
            socket.getOutputStream().write(body);
            String last = readHead(socket);
            assertThat(last).startsWith("HTTP/1.1 200").containsIgnoringCase("connection: close");
            assertThat(restUntilClosed(socket, last)).as("bytes after the final response's body").isEmpty();
        }
    }

    /** What the server sends after the final response's body (its Content-Length), up to its close. */
    private static byte[] restUntilClosed(Socket socket, String head) throws IOException {
        Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        long bodyLength = length.find() ? Long.parseLong(length.group(1)) : 0;
        byte[] all = socket.getInputStream().readAllBytes();
        return Arrays.copyOfRange(all, (int) Math.min(bodyLength, all.length), all.length);
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket(server.endpoint().getHost(), server.port());
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** The request head of a SigV4 PUT (unsigned payload) with Expect: 100-continue. */
    private static String head(String path, String secret) {
        return head("PUT", path, secret, BODY.length, Map.of());
    }

    /** The request head of a SigV4 request (unsigned payload) with Expect: 100-continue and {@code extra} headers. */
    private static String head(String method, String target, String secret, int length, Map<String, String> extra) {
        URI uri = server.endpoint().resolve(target);
        SdkHttpRequest.Builder builder = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri)
                .putHeader("Content-Length", Integer.toString(length))
                .putHeader("Expect", "100-continue")
                .putHeader("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
        extra.forEach(builder::putHeader);
        SdkHttpRequest request = builder.build();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(CofferServer.ACCESS_KEY, secret))
                .request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, CofferServer.REGION.id())
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)).request();
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\n");
        for (Map.Entry<String, List<String>> h : signed.headers().entrySet()) {
            head.append(h.getKey()).append(": ").append(h.getValue().get(0)).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    private static void send(Socket socket, String head) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads one response head (up to the blank line); what arrives within the timeout. */
    private static String readHead(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        try {
            while (!seen.toString(StandardCharsets.US_ASCII).contains("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) break;
                seen.write(b);
            }
        } catch (SocketTimeoutException e) {
            return seen.toString(StandardCharsets.US_ASCII) + "<timeout>";
        }
        return seen.toString(StandardCharsets.US_ASCII);
    }
}
