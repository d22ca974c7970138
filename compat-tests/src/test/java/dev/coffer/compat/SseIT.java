package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertS3Error;
import static dev.coffer.compat.support.S3Assertions.assertXmlError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.support.AwsCli;
import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Encryption at rest with the AWS SDK for Java v2 and the aws CLI at their defaults: SSE-S3,
 * bucket default encryption, SSE-C (single and multipart, copies, ranges) and SSE-KMS with the
 * built-in key ring; and no byte of an encrypted object is on disk in the clear. The server runs
 * with {@code coffer.sse.customer-keys-over-http=true} (the setting for a TLS proxy in front),
 * since the test server speaks plain HTTP; UnimplementedHeadersIT shows the refusal without it.
 */
class SseIT {
    private static final String MARKER = "coffer-sse-marker-5b1f0e";
    private static final byte[] KEY = TestData.randomBytes(32, 1);
    private static final byte[] OTHER_KEY = TestData.randomBytes(32, 2);

    private static CofferServer server;
    private static S3Client s3;
    private static String bucket;

    @BeforeAll
    static void start() {
        server = CofferServer.startInProcess("--coffer.sse.customer-keys-over-http=true");
        s3 = server.s3();
        bucket = server.createBucket("sse");
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
    }

    @Test
    void noByteOfAnEncryptedObjectIsOnDiskInTheClearWhileAPlainOneIs() {
        for (int size : new int[] {1000, 300_000}) {
            byte[] body = markers(size);
            PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key("s3-" + size)
                    .serverSideEncryption(ServerSideEncryption.AES256), RequestBody.fromBytes(body));
            assertThat(put.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
            s3.putObject(b -> b.bucket(bucket).key("c-" + size).sseCustomerAlgorithm("AES256")
                    .sseCustomerKey(base64(KEY)).sseCustomerKeyMD5(TestData.md5Base64(KEY)), RequestBody.fromBytes(body));
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("s3-" + size)).asByteArray()).isEqualTo(body);
        }
        assertThat(filesContaining(MARKER)).as("files holding the marker of encrypted objects").isEmpty();

        s3.putObject(b -> b.bucket(bucket).key("plain-chunked"), RequestBody.fromBytes(markers(300_000)));
        assertThat(filesContaining(MARKER)).as("a plain chunked object's marker is found").isNotEmpty();
    }

    @Test
    void aPlainInlineObjectsMarkerIsFoundToo() {
        String marker = "coffer-plain-inline-marker-77";
        s3.putObject(b -> b.bucket(bucket).key("plain-inline"), RequestBody.fromString(marker.repeat(10)));
        assertThat(filesContaining(marker)).isNotEmpty();
    }

    @Test
    void sseS3ShowsOnHeadGetAndCopyAndTheBucketDefaultAppliesUntilDeleted() {
        String b2 = server.createBucket("sse-default");
        assertS3Error(404, "ServerSideEncryptionConfigurationNotFoundError",
                () -> s3.getBucketEncryption(b -> b.bucket(b2)));
        s3.putBucketEncryption(b -> b.bucket(b2).serverSideEncryptionConfiguration(c -> c.rules(r -> r
                .applyServerSideEncryptionByDefault(d -> d.sseAlgorithm(ServerSideEncryption.AES256)))));
        assertThat(s3.getBucketEncryption(b -> b.bucket(b2)).serverSideEncryptionConfiguration().rules().get(0)
                .applyServerSideEncryptionByDefault().sseAlgorithm()).isEqualTo(ServerSideEncryption.AES256);

        byte[] body = TestData.randomBytes(100_000, 5);
        assertThat(s3.putObject(b -> b.bucket(b2).key("by-default"), RequestBody.fromBytes(body)).serverSideEncryption())
                .isEqualTo(ServerSideEncryption.AES256);
        assertThat(s3.headObject(b -> b.bucket(b2).key("by-default")).serverSideEncryption())
                .isEqualTo(ServerSideEncryption.AES256);
        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(b2).key("by-default"));
        assertThat(got.asByteArray()).isEqualTo(body);
        assertThat(got.response().serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        assertThat(got.response().eTag()).isEqualTo(TestData.etagOf(body));

        // A copy into a plain bucket, asking for nothing, is stored plain and reads the same.
        s3.copyObject(b -> b.sourceBucket(b2).sourceKey("by-default").destinationBucket(bucket).destinationKey("copied-plain"));
        HeadObjectResponse plain = s3.headObject(b -> b.bucket(bucket).key("copied-plain"));
        assertThat(plain.serverSideEncryption()).isNull();
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("copied-plain")).asByteArray()).isEqualTo(body);
        // A copy onto itself that asks for encryption changes it: allowed, as in S3.
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("copied-plain").destinationBucket(bucket)
                .destinationKey("copied-plain").serverSideEncryption(ServerSideEncryption.AES256));
        assertThat(s3.headObject(b -> b.bucket(bucket).key("copied-plain")).serverSideEncryption())
                .isEqualTo(ServerSideEncryption.AES256);

        s3.deleteBucketEncryption(b -> b.bucket(b2));
        assertS3Error(404, "ServerSideEncryptionConfigurationNotFoundError",
                () -> s3.getBucketEncryption(b -> b.bucket(b2)));
        assertThat(s3.putObject(b -> b.bucket(b2).key("after"), RequestBody.fromBytes(body)).serverSideEncryption()).isNull();
    }

    @Test
    void sseCNeedsItsKeyForEveryReadAndAnswersWrongOrMissingKeysAsS3() {
        byte[] body = TestData.randomBytes(200_000, 9);
        PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key("customer").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(base64(KEY)).sseCustomerKeyMD5(TestData.md5Base64(KEY)), RequestBody.fromBytes(body));
        assertThat(put.sseCustomerAlgorithm()).isEqualTo("AES256");
        assertThat(put.sseCustomerKeyMD5()).isEqualTo(TestData.md5Base64(KEY));

        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("customer").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(base64(KEY)).sseCustomerKeyMD5(TestData.md5Base64(KEY))).asByteArray()).isEqualTo(body);
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("customer").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(base64(KEY)).sseCustomerKeyMD5(TestData.md5Base64(KEY)));
        assertThat(head.sseCustomerKeyMD5()).isEqualTo(TestData.md5Base64(KEY));
        assertThat(head.contentLength()).isEqualTo(body.length);

        String missing = assertXmlError(server.raw().signed("GET", "/" + bucket + "/customer", Map.of(), new byte[0]),
                400, "InvalidRequest");
        assertThat(missing).contains("The object was stored using a form of Server Side Encryption. The correct "
                + "parameters must be provided to retrieve the object.");
        assertS3Error(403, "AccessDenied", () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("customer")
                .sseCustomerAlgorithm("AES256").sseCustomerKey(base64(OTHER_KEY))
                .sseCustomerKeyMD5(TestData.md5Base64(OTHER_KEY))));
        assertThat(server.raw().signed("HEAD", "/" + bucket + "/customer", Map.of(), new byte[0]).statusCode())
                .isEqualTo(400);
        String badMd5 = assertXmlError(server.raw().signed("GET", "/" + bucket + "/customer", Map.of(
                "x-amz-server-side-encryption-customer-algorithm", "AES256",
                "x-amz-server-side-encryption-customer-key", base64(KEY),
                "x-amz-server-side-encryption-customer-key-MD5", TestData.md5Base64(OTHER_KEY)), new byte[0]),
                400, "InvalidArgument");
        assertThat(badMd5).contains("The calculated MD5 hash of the key did not match the hash that was provided.");

        s3.putObject(b -> b.bucket(bucket).key("not-customer"), RequestBody.fromBytes(body));
        String unneeded = assertXmlError(server.raw().signed("GET", "/" + bucket + "/not-customer", customerHeaders(KEY),
                new byte[0]), 400, "InvalidRequest");
        assertThat(unneeded).contains("The encryption parameters are not applicable to this object.");
    }

    @Test
    void aRangedReadOfAnSseCObjectStartingMidBlockReturnsExactlyThoseBytes() {
        byte[] body = TestData.randomBytes(3 * 65536 + 777, 11);
        s3.putObject(b -> b.bucket(bucket).key("ranged").sseCustomerAlgorithm("AES256").sseCustomerKey(base64(KEY))
                .sseCustomerKeyMD5(TestData.md5Base64(KEY)), RequestBody.fromBytes(body));
        for (long[] r : new long[][] {{100_000, 150_000}, {65_535, 65_537}, {1, 1}, {196_000, body.length - 1}}) {
            ResponseBytes<GetObjectResponse> part = s3.getObjectAsBytes(b -> b.bucket(bucket).key("ranged")
                    .range("bytes=" + r[0] + "-" + r[1]).sseCustomerAlgorithm("AES256").sseCustomerKey(base64(KEY))
                    .sseCustomerKeyMD5(TestData.md5Base64(KEY)));
            assertThat(part.asByteArray()).isEqualTo(java.util.Arrays.copyOfRange(body, (int) r[0], (int) r[1] + 1));
            assertThat(part.response().contentRange()).isEqualTo("bytes " + r[0] + "-" + r[1] + "/" + body.length);
        }
    }

    @Test
    void copiesOpenTheSourceWithItsKeyAndSealTheTargetWithItsOwn() {
        byte[] body = TestData.randomBytes(100_000, 13);
        s3.putObject(b -> b.bucket(bucket).key("copy-src").sseCustomerAlgorithm("AES256").sseCustomerKey(base64(KEY))
                .sseCustomerKeyMD5(TestData.md5Base64(KEY)), RequestBody.fromBytes(body));
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("copy-src").destinationBucket(bucket).destinationKey("copy-c2")
                .copySourceSSECustomerAlgorithm("AES256").copySourceSSECustomerKey(base64(KEY))
                .copySourceSSECustomerKeyMD5(TestData.md5Base64(KEY))
                .sseCustomerAlgorithm("AES256").sseCustomerKey(base64(OTHER_KEY)).sseCustomerKeyMD5(TestData.md5Base64(OTHER_KEY)));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("copy-c2").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(base64(OTHER_KEY)).sseCustomerKeyMD5(TestData.md5Base64(OTHER_KEY))).asByteArray())
                .isEqualTo(body);
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("copy-src").destinationBucket(bucket).destinationKey("copy-s3")
                .copySourceSSECustomerAlgorithm("AES256").copySourceSSECustomerKey(base64(KEY))
                .copySourceSSECustomerKeyMD5(TestData.md5Base64(KEY)).serverSideEncryption(ServerSideEncryption.AES256));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("copy-s3")).asByteArray()).isEqualTo(body);

        var wrong = assertS3Error(400, "InvalidRequest", () -> s3.copyObject(b -> b.sourceBucket(bucket)
                .sourceKey("copy-src").destinationBucket(bucket).destinationKey("copy-wrong")
                .copySourceSSECustomerAlgorithm("AES256").copySourceSSECustomerKey(base64(OTHER_KEY))
                .copySourceSSECustomerKeyMD5(TestData.md5Base64(OTHER_KEY))));
        assertThat(wrong.awsErrorDetails().errorMessage())
                .isEqualTo("The provided encryption parameters did not match the ones used originally.");
    }

    @Test
    void multipartSseCWithTheSdkNeedsTheKeyOnEveryPartAndReadsBackWhole() {
        byte[] body = TestData.randomBytes(5 * TestData.MIB + 300_000, 17);
        String id = s3.createMultipartUpload(b -> b.bucket(bucket).key("mpu-c").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(base64(KEY)).sseCustomerKeyMD5(TestData.md5Base64(KEY))).uploadId();
        var noKey = assertS3Error(400, "InvalidRequest", () -> s3.uploadPart(b -> b.bucket(bucket).key("mpu-c")
                .uploadId(id).partNumber(1), RequestBody.fromBytes(new byte[10])));
        assertThat(noKey.awsErrorDetails().errorMessage()).startsWith("The multipart upload initiate requested encryption.");
        assertS3Error(400, "InvalidRequest", () -> s3.uploadPart(b -> b.bucket(bucket).key("mpu-c").uploadId(id)
                .partNumber(1).sseCustomerAlgorithm("AES256").sseCustomerKey(base64(OTHER_KEY))
                .sseCustomerKeyMD5(TestData.md5Base64(OTHER_KEY)), RequestBody.fromBytes(new byte[10])));

        List<CompletedPart> parts = new ArrayList<>();
        int[][] ranges = {{0, 5 * TestData.MIB}, {5 * TestData.MIB, body.length}};
        for (int i = 0; i < ranges.length; i++) {
            int n = i + 1;
            byte[] part = java.util.Arrays.copyOfRange(body, ranges[i][0], ranges[i][1]);
            String etag = s3.uploadPart(b -> b.bucket(bucket).key("mpu-c").uploadId(id).partNumber(n)
                    .sseCustomerAlgorithm("AES256").sseCustomerKey(base64(KEY)).sseCustomerKeyMD5(TestData.md5Base64(KEY)),
                    RequestBody.fromBytes(part)).eTag();
            parts.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
        }
        s3.completeMultipartUpload(b -> b.bucket(bucket).key("mpu-c").uploadId(id).multipartUpload(m -> m.parts(parts))
                .sseCustomerAlgorithm("AES256").sseCustomerKey(base64(KEY)).sseCustomerKeyMD5(TestData.md5Base64(KEY)));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("mpu-c").sseCustomerAlgorithm("AES256")
                .sseCustomerKey(base64(KEY)).sseCustomerKeyMD5(TestData.md5Base64(KEY))).asByteArray()).isEqualTo(body);
        assertThat(server.raw().signed("GET", "/" + bucket + "/mpu-c", Map.of(), new byte[0]).statusCode()).isEqualTo(400);

        // UploadPartCopy from the SSE-C object into an SSE-S3 upload.
        String copyId = s3.createMultipartUpload(b -> b.bucket(bucket).key("mpu-copy")
                .serverSideEncryption(ServerSideEncryption.AES256)).uploadId();
        String etag = s3.uploadPartCopy(b -> b.sourceBucket(bucket).sourceKey("mpu-c").destinationBucket(bucket)
                .destinationKey("mpu-copy").uploadId(copyId).partNumber(1).copySourceRange("bytes=1000-99999")
                .copySourceSSECustomerAlgorithm("AES256").copySourceSSECustomerKey(base64(KEY))
                .copySourceSSECustomerKeyMD5(TestData.md5Base64(KEY))).copyPartResult().eTag();
        var done = s3.completeMultipartUpload(b -> b.bucket(bucket).key("mpu-copy").uploadId(copyId)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())));
        assertThat(done.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("mpu-copy")).asByteArray())
                .isEqualTo(java.util.Arrays.copyOfRange(body, 1000, 100_000));
    }

    @Test
    void sseKmsUsesKeysTheRootCreatesAndRefusesUnknownOnes() {
        HttpResponse<byte[]> created = server.raw().signed("POST", "/_coffer/admin/kms/keys", Map.of(), new byte[0]);
        assertThat(created.statusCode()).isEqualTo(200);
        String keyId = json(created, "KeyId");
        String arn = json(created, "Arn");
        assertThat(new String(server.raw().signed("GET", "/_coffer/admin/kms/keys", Map.of(), new byte[0]).body(),
                StandardCharsets.UTF_8)).contains(keyId);
        assertThat(server.raw().anonymous("GET", "/_coffer/admin/kms/keys").statusCode()).isEqualTo(403);

        byte[] body = TestData.randomBytes(80_000, 19);
        PutObjectResponse put = s3.putObject(b -> b.bucket(bucket).key("kms").serverSideEncryption(ServerSideEncryption.AWS_KMS)
                .ssekmsKeyId(keyId).bucketKeyEnabled(true), RequestBody.fromBytes(body));
        assertThat(put.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(put.ssekmsKeyId()).isEqualTo(arn);
        assertThat(put.bucketKeyEnabled()).isTrue();
        HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key("kms"));
        assertThat(head.ssekmsKeyId()).isEqualTo(arn);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("kms")).asByteArray()).isEqualTo(body);

        assertThat(s3.putObject(b -> b.bucket(bucket).key("kms-default").serverSideEncryption(ServerSideEncryption.AWS_KMS),
                RequestBody.fromBytes(body)).ssekmsKeyId()).startsWith("arn:aws:kms:");
        var unknown = assertS3Error(400, "KMS.NotFoundException", () -> s3.putObject(b -> b.bucket(bucket).key("kms-unknown")
                .serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId("00000000-0000-0000-0000-000000000000"),
                RequestBody.fromBytes(body)));
        assertThat(unknown.awsErrorDetails().errorMessage()).contains("00000000-0000-0000-0000-000000000000");
    }

    @Test
    void theAwsCliAtDefaultsUploadsAndDownloadsWithSseAndSseC(@TempDir Path dir) throws Exception {
        AwsCli.require();
        String marker = "coffer-cli-marker-3c9e";
        byte[] body = markers(marker, 9 * TestData.MIB); // over the CLI's 8 MiB multipart threshold
        Path file = dir.resolve("in.bin");
        Files.write(file, body);
        Path keyFile = dir.resolve("key.bin");
        Files.write(keyFile, KEY);
        AwsCli cli = new AwsCli(server, dir);
        cli.run("s3", "cp", file.toString(), "s3://" + bucket + "/cli-sse", "--sse", "AES256");
        assertThat(s3.headObject(b -> b.bucket(bucket).key("cli-sse")).serverSideEncryption())
                .isEqualTo(ServerSideEncryption.AES256);
        cli.run("s3", "cp", file.toString(), "s3://" + bucket + "/cli-sse-c", "--sse-c", "AES256",
                "--sse-c-key", "fileb://" + keyFile);
        cli.run("s3", "cp", "s3://" + bucket + "/cli-sse-c", dir.resolve("out.bin").toString(), "--sse-c", "AES256",
                "--sse-c-key", "fileb://" + keyFile);
        assertThat(Files.readAllBytes(dir.resolve("out.bin"))).isEqualTo(body);
        assertThat(filesContaining(marker)).isEmpty();
    }

    private static Map<String, String> customerHeaders(byte[] key) {
        return Map.of("x-amz-server-side-encryption-customer-algorithm", "AES256",
                "x-amz-server-side-encryption-customer-key", base64(key),
                "x-amz-server-side-encryption-customer-key-MD5", TestData.md5Base64(key));
    }

    private static String json(HttpResponse<byte[]> response, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":\"([^\"]+)\"").matcher(new String(response.body(), StandardCharsets.UTF_8));
        assertThat(m.find()).as(field + " in " + new String(response.body(), StandardCharsets.UTF_8)).isTrue();
        return m.group(1);
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] markers(int size) {
        return markers(MARKER, size);
    }

    private static byte[] markers(String marker, int size) {
        byte[] one = (marker + "|").getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[size];
        for (int i = 0; i < size; i++) body[i] = one[i % one.length];
        return body;
    }

    /** Every file under the data directory whose bytes contain {@code marker} (the grep of the issue). */
    private static List<Path> filesContaining(String marker) {
        byte[] needle = marker.getBytes(StandardCharsets.US_ASCII);
        try (Stream<Path> files = Files.walk(server.dataDir())) {
            return files.filter(Files::isRegularFile).filter(f -> {
                try {
                    return indexOf(Files.readAllBytes(f), needle) >= 0;
                } catch (IOException e) {
                    return false; // a file removed while walking (a RocksDB log rolled over)
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
