package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertSameBytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.coffer.compat.support.AwsCli;
import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.TestData;

/** The aws CLI (v1) against the server: mb, cp up and down, ls, rm, rb, and presign. */
@ExtendWith(CofferServerExtension.class)
class AwsCliIT {

    private static CofferServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        AwsCli.require();
        server = cofferServer;
    }

    @Test
    void awsCliRoundTripsFilesAtItsDefaultSettings() throws Exception {
        assertRoundTrip(Map.of(), "cli-default");
    }

    @Test
    void awsCliRoundTripsFilesWithChecksumsOnlyWhenRequired() throws Exception {
        // needs issue 3 (flexible checksums / trailers): the CLI without its default CRC32 checksums.
        assertRoundTrip(Map.of("AWS_REQUEST_CHECKSUM_CALCULATION", "when_required",
                "AWS_RESPONSE_CHECKSUM_VALIDATION", "when_required"), "cli-plain");
    }

    @Test
    void awsCliSigV4PresignedUrlIsFetchable() throws Exception {
        Path config = Files.writeString(dir.resolve("s3v4.config"), "[default]\ns3 =\n    signature_version = s3v4\n");
        assertPresignedUrlFetchable(Map.of("AWS_CONFIG_FILE", config.toString()), "cli-presign-v4", "X-Amz-Signature=");
    }

    @Test
    void awsCliDefaultPresignedUrlIsFetchable() throws Exception {
        // aws CLI v1 presigns with Signature Version 2 query parameters (AWSAccessKeyId, Expires,
        // Signature) unless told otherwise; Amazon S3 accepts those in us-east-1.
        assertPresignedUrlFetchable(Map.of(), "cli-presign-default", "Signature=");
    }

    private void assertPresignedUrlFetchable(Map<String, String> extraEnv, String hint, String signatureParameter)
            throws Exception {
        String bucket = server.createBucket(hint);
        byte[] small = TestData.randomBytes(1024, 11);
        server.s3().putObject(b -> b.bucket(bucket).key("dir/small file.bin"),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(small));
        String url = aws(extraEnv, "s3", "presign", "s3://" + bucket + "/dir/small file.bin", "--expires-in", "300").trim();
        assertThat(url).contains(signatureParameter);
        HttpResponse<byte[]> fetched = server.raw().send(HttpRequest.newBuilder(URI.create(url)).GET().build());
        assertThat(fetched.statusCode()).as("GET %s: %s", url, new String(fetched.body(), StandardCharsets.UTF_8))
                .isEqualTo(200);
        assertSameBytes(fetched.body(), small, "1 KiB file fetched through aws s3 presign");
    }

    private void assertRoundTrip(Map<String, String> extraEnv, String hint) throws Exception {
        String bucket = server.uniqueBucketName(hint);
        byte[] small = TestData.randomBytes(1024, 1);
        byte[] large = TestData.randomBytes(5 * TestData.MIB, 5);
        Path smallFile = Files.write(dir.resolve("small.bin"), small);
        Path largeFile = Files.write(dir.resolve("large.bin"), large);

        aws(extraEnv, "s3", "mb", "s3://" + bucket);
        aws(extraEnv, "s3", "cp", smallFile.toString(), "s3://" + bucket + "/small.bin");
        aws(extraEnv, "s3", "cp", largeFile.toString(), "s3://" + bucket + "/dir/large file.bin");

        String listing = aws(extraEnv, "s3", "ls", "--recursive", "s3://" + bucket);
        assertThat(listing).contains("1024 small.bin").contains(5 * TestData.MIB + " dir/large file.bin");
        assertThat(aws(extraEnv, "s3", "ls", "s3://" + bucket)).contains("PRE dir/").contains("small.bin");
        assertThat(aws(extraEnv, "s3", "ls")).contains(bucket);

        Path smallBack = dir.resolve("small.back");
        Path largeBack = dir.resolve("large.back");
        aws(extraEnv, "s3", "cp", "s3://" + bucket + "/small.bin", smallBack.toString());
        aws(extraEnv, "s3", "cp", "s3://" + bucket + "/dir/large file.bin", largeBack.toString());
        assertSameBytes(Files.readAllBytes(smallBack), small, "1 KiB file downloaded by the CLI");
        assertSameBytes(Files.readAllBytes(largeBack), large, "5 MiB file downloaded by the CLI");

        aws(extraEnv, "s3", "rm", "s3://" + bucket + "/small.bin");
        aws(extraEnv, "s3", "rm", "s3://" + bucket + "/dir/large file.bin");
        assertThat(aws(extraEnv, "s3", "ls", "--recursive", "s3://" + bucket)).isBlank();
        aws(extraEnv, "s3", "rb", "s3://" + bucket);
        assertThat(aws(extraEnv, "s3", "ls")).doesNotContain(bucket);
    }

    /** Runs {@code aws --endpoint-url ... args}, asserts exit code 0, and returns standard output. */
    private String aws(Map<String, String> extraEnv, String... args) throws IOException, InterruptedException {
        return new AwsCli(server, dir).run(extraEnv, args);
    }

}
