package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.HandSigner;
import dev.coffer.compat.support.LeakReports;
import dev.coffer.compat.support.RawConnection;
import dev.coffer.compat.support.TestData;

/**
 * Request bodies that end early leave no Netty buffer unreleased in the server: the pieces that
 * were queued or split when the request was refused are all given back. The server runs in this
 * JVM with paranoid leak detection; each test collects garbage and fails on any leak report.
 */
@ExtendWith(CofferServerExtension.class)
class BodyReleaseIT {
    private static final byte[] FILE = TestData.randomBytes(256 << 10, 41);
    private static final int ROUNDS = 8;

    private static CofferServer server;
    private static String bucket;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        bucket = server.createBucket("release");
    }

    @Test
    void postFormsRefusedWhenTheirFileBeginsLeakNoBuffer() throws Exception {
        try (LeakReports leaks = LeakReports.capture()) {
            for (int i = 0; i < ROUNDS; i++) {
                // A field the policy does not allow is refused once the file part begins, its content not yet read.
                String key = "odd-" + i;
                int status = PostObjectIT.Form.v4(server, bucket, key, List.of("{\"key\": \"" + key + "\"}"))
                        .with("x-amz-meta-sneaky", "1").post("odd.bin", FILE).statusCode();
                assertThat(status).isEqualTo(403);
            }
            leaks.assertNone("refused POST forms");
        }
        assertThat(server.s3().listObjectsV2(b -> b.bucket(bucket).prefix("odd-")).contents()).isEmpty();
    }

    @Test
    void postFormsRefusedForTheirAclLeakNoBuffer() throws Exception {
        try (LeakReports leaks = LeakReports.capture()) {
            for (int i = 0; i < ROUNDS; i++) {
                // An acl field that names no canned ACL is refused (400) after the file part begins:
                // the form's rights are checked first, off the event loop, with the part not yet read.
                String key = "acl-" + i;
                byte[] file = i % 2 == 0 ? TestData.utf8("x") : FILE;
                int status = PostObjectIT.Form.v4(server, bucket, key, List.of("{\"key\": \"" + key + "\"}",
                                "{\"acl\": \"world-writable\"}"))
                        .with("acl", "world-writable").post("odd.bin", file).statusCode();
                assertThat(status).isEqualTo(400);
            }
            leaks.assertNone("POST forms refused for their acl field");
        }
        assertThat(server.s3().listObjectsV2(b -> b.bucket(bucket).prefix("acl-")).contents()).isEmpty();
    }

    @Test
    void postFormsWhoseClientLeavesInTheFileLeakNoBuffer() throws Exception {
        try (LeakReports leaks = LeakReports.capture()) {
            for (int i = 0; i < ROUNDS; i++) {
                // The client goes in the middle of the file, the receiver writing it (at main 8619db8, before
                // ParserGate, this left LEAK reports: pieces of FluxReceive and of BodyReceiver's groups).
                int round = i;
                sendAndLeave("gone-mid-" + i, form -> form.length / 2 + round * 1000);
            }
            leaks.assertNone("POST forms whose client left in the file");
        }
        assertThat(server.s3().listObjectsV2(b -> b.bucket(bucket).prefix("gone-mid-")).contents()).isEmpty();
    }

    @Test
    void putsWhoseClientLeavesInTheBodyLeakNoBuffer() throws Exception {
        try (LeakReports leaks = LeakReports.capture()) {
            for (int i = 0; i < ROUNDS; i++) {
                String key = "put-gone-" + i;
                Map<String, String> headers = signed("PUT", "/" + bucket + "/" + key, "UNSIGNED-PAYLOAD", Map.of());
                sendAndLeave("PUT", "/" + bucket + "/" + key, headers, FILE, FILE.length / 2 + i * 1000);
            }
            leaks.assertNone("PUTs whose client left in the body");
        }
        assertThat(server.s3().listObjectsV2(b -> b.bucket(bucket).prefix("put-gone-")).contents()).isEmpty();
    }

    @Test
    void awsChunkedPutsWhoseClientLeavesInTheBodyLeakNoBuffer() throws Exception {
        byte[] framed = awsChunked(FILE);
        try (LeakReports leaks = LeakReports.capture()) {
            for (int i = 0; i < ROUNDS; i++) {
                String key = "chunked-gone-" + i;
                Map<String, String> headers = signed("PUT", "/" + bucket + "/" + key, "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
                        Map.of("Content-Encoding", "aws-chunked", "x-amz-trailer", "x-amz-checksum-crc32",
                                "x-amz-decoded-content-length", Integer.toString(FILE.length)));
                sendAndLeave("PUT", "/" + bucket + "/" + key, headers, framed, framed.length / 2 + i * 1000);
            }
            leaks.assertNone("aws-chunked PUTs whose client left in the body");
        }
        assertThat(server.s3().listObjectsV2(b -> b.bucket(bucket).prefix("chunked-gone-")).contents()).isEmpty();
    }

    @Test
    void uploadPartsWhoseClientLeavesInTheBodyLeakNoBuffer() throws Exception {
        String key = "part-gone";
        String uploadId = server.s3().createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        try (LeakReports leaks = LeakReports.capture()) {
            for (int i = 0; i < ROUNDS; i++) {
                String target = "/" + bucket + "/" + key + "?partNumber=" + (i + 1) + "&uploadId=" + uploadId;
                Map<String, String> headers = signed("PUT", target, "UNSIGNED-PAYLOAD", Map.of());
                sendAndLeave("PUT", target, headers, FILE, FILE.length / 2 + i * 1000);
            }
            leaks.assertNone("UploadParts whose client left in the body");
        }
        assertThat(server.s3().listParts(b -> b.bucket(bucket).key(key).uploadId(uploadId)).parts()).isEmpty();
    }

    /** Sends the head of a POST form for {@code key} and its body up to {@code cut}, then nothing more; waits for the server to close. */
    private static void sendAndLeave(String key, java.util.function.ToIntFunction<byte[]> cut) throws Exception {
        PostObjectIT.Form.Encoded form = PostObjectIT.Form.v4(server, bucket, key, List.of("{\"key\": \"" + key + "\"}"))
                .encode("gone.bin", FILE);
        sendAndLeave("POST", "/" + bucket, Map.of("Host", server.endpoint().getAuthority(),
                "Content-Type", form.contentType()), form.body(), cut.applyAsInt(form.body()));
    }

    /**
     * Sends a request's head (with the Content-Length of all of {@code body}) and its body up to
     * {@code cut}, then nothing more: the client is gone as the server sees it. Waits for the server to close.
     */
    private static void sendAndLeave(String method, String target, Map<String, String> headers, byte[] body, int cut)
            throws Exception {
        Map<String, String> head = new LinkedHashMap<>(headers);
        head.put("Content-Length", Integer.toString(body.length));
        try (RawConnection connection = RawConnection.open(server.endpoint())) {
            connection.send(RawConnection.head(method, target, head));
            connection.send(Arrays.copyOf(body, cut));
            connection.stopSending();
            assertThat(connection.closedByServerWithin(Duration.ofSeconds(30))).as("the server closed the connection").isTrue();
        }
    }

    private static Map<String, String> signed(String method, String target, String payload, Map<String, String> headers) {
        return HandSigner.header(method, server.endpoint().resolve(target), headers, payload);
    }

    /** {@code data} as aws-chunked frames of 64 KiB (unsigned), then the final frame and its CRC32 trailer. */
    private static byte[] awsChunked(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < data.length; at += 64 << 10) {
            int length = Math.min(64 << 10, data.length - at);
            out.writeBytes(TestData.utf8(Integer.toHexString(length) + "\r\n"));
            out.write(data, at, length);
            out.writeBytes(TestData.utf8("\r\n"));
        }
        CRC32 crc = new CRC32();
        crc.update(data);
        byte[] sum = ByteBuffer.allocate(4).putInt((int) crc.getValue()).array();
        out.writeBytes(TestData.utf8("0\r\nx-amz-checksum-crc32:" + Base64.getEncoder().encodeToString(sum) + "\r\n\r\n"));
        return out.toByteArray();
    }
}
