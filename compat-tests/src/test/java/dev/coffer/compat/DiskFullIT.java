package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.compat.support.CofferServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A disk without room above the reserve ({@code coffer.disk-reserve}, here larger than any disk):
 * every object write is refused with 503 ServiceUnavailable saying the disk is full, before
 * anything is stored; reads, listings and deletes go on, so an operator can free space through
 * the S3 API. (Writes accepted again once room returns, without a restart: storage-engine
 * DiskFullTest; the real thing — a size-limited file system filling up and freed while the
 * server runs — is scripts/fault-report.sh.)
 */
class DiskFullIT {
    private static final byte[] MIB = new byte[1 << 20];

    @Test
    void aFullDiskRefusesWritesAndKeepsReadsListingsAndDeletes() throws Exception {
        CofferServer before = CofferServer.startInProcess();
        Path dataDir = before.dataDir();
        String bucket = before.createBucket("full");
        before.s3().putObject(b -> b.bucket(bucket).key("small"), RequestBody.fromString("kept"));
        before.s3().putObject(b -> b.bucket(bucket).key("big"), RequestBody.fromBytes(MIB));
        String uploadId = before.s3().createMultipartUpload(b -> b.bucket(bucket).key("mp")).uploadId();
        before.closeKeepingData();
        long chunksBefore = chunkFiles(dataDir);

        CofferServer full = CofferServer.startInProcessOn(dataDir, "--coffer.disk-reserve=1000TB");
        // One attempt per refusal: the SDK's default retries of a 503 only repeat the same answer.
        try (S3Client s3 = S3Client.builder().endpointOverride(full.endpoint()).region(CofferServer.REGION)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(CofferServer.ACCESS_KEY, CofferServer.SECRET_KEY)))
                .forcePathStyle(true).overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1))).build()) {
            assertDiskFull(() -> s3.putObject(b -> b.bucket(bucket).key("new-small"), RequestBody.fromString("x")));
            assertDiskFull(() -> s3.putObject(b -> b.bucket(bucket).key("new-big"), RequestBody.fromBytes(MIB)));
            assertDiskFull(() -> s3.uploadPart(b -> b.bucket(bucket).key("mp").uploadId(uploadId).partNumber(1),
                    RequestBody.fromBytes(MIB)));
            assertDiskFull(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("big")
                    .destinationBucket(bucket).destinationKey("copy")));
            assertThat(chunkFiles(dataDir)).as("no chunk written or left behind").isEqualTo(chunksBefore);
            assertThat(tempFiles(dataDir)).as("no temporary chunk left").isZero();

            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("small")).asUtf8String()).isEqualTo("kept");
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("big")).asByteArray()).isEqualTo(MIB);
            assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).extracting(o -> o.key())
                    .containsExactly("big", "small");
            s3.deleteObject(b -> b.bucket(bucket).key("big"));
            s3.abortMultipartUpload(b -> b.bucket(bucket).key("mp").uploadId(uploadId));
            assertThat(s3.listObjectsV2(b -> b.bucket(bucket)).contents()).extracting(o -> o.key())
                    .containsExactly("small");
        } finally {
            full.close();
        }
    }

    private static void assertDiskFull(Runnable write) {
        assertThatThrownBy(write::run).isInstanceOfSatisfying(S3Exception.class, e -> {
            assertThat(e.statusCode()).isEqualTo(503);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
            assertThat(e.awsErrorDetails().errorMessage()).contains("disk is full").contains("not stored");
        });
    }

    private static long chunkFiles(Path dataDir) throws Exception {
        try (Stream<Path> files = Files.walk(dataDir.resolve("chunks-store").resolve("chunks"))) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private static long tempFiles(Path dataDir) throws Exception {
        try (Stream<Path> files = Files.walk(dataDir.resolve("chunks-store").resolve("tmp"))) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
