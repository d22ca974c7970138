package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertSameBytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.coffer.compat.clients.ClientConfig;
import dev.coffer.compat.clients.ExternalClient;
import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.TestData;
import dev.coffer.compat.support.Tools;

/**
 * s3cmd (path-style, default settings) against the server, signing with Signature Version 4 and
 * with the legacy Signature Version 2: buckets, puts (one part and multipart), listings, info,
 * server-side copy and move, deletes, and sync both ways.
 */
@ExtendWith(CofferServerExtension.class)
class S3cmdIT {

    private static CofferServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        Tools.requireOnPath("s3cmd", "apt-get install s3cmd");
        server = cofferServer;
    }

    @ParameterizedTest(name = "signature_v2 = {0}")
    @ValueSource(booleans = {false, true})
    void s3cmdRoundTripsFilesAndDirectories(boolean signatureV2) throws Exception {
        S3cmd s3cmd = new S3cmd(signatureV2);
        String bucket = server.uniqueBucketName(signatureV2 ? "s3cmd-v2" : "s3cmd-v4");
        String b = "s3://" + bucket;
        byte[] small = TestData.randomBytes(1000, 30);
        byte[] big = TestData.randomBytes(20 * TestData.MIB, 31);
        Path smallFile = Files.write(dir.resolve("small.bin"), small);
        Path bigFile = Files.write(dir.resolve("big.bin"), big);

        assertThat(s3cmd.ok("mb", b)).contains("Bucket '" + b + "/' created");
        assertThat(s3cmd.ok("ls")).contains(b);
        s3cmd.ok("put", smallFile.toString(), b + "/dir/small.bin");
        // s3cmd uploads in 15 MiB parts above 15 MiB (multipart_chunk_size_mb): 20 MiB goes in two.
        s3cmd.ok("put", bigFile.toString(), b + "/big file.bin");
        assertThat(server.s3().headObject(r -> r.bucket(bucket).key("big file.bin")).eTag())
                .as("the ETag of s3cmd's 2-part upload").matches("\"[0-9a-f]{32}-2\"");
        assertThat(server.s3().headObject(r -> r.bucket(bucket).key("dir/small.bin")).eTag())
                .isEqualTo(TestData.etagOf(small));

        String top = s3cmd.ok("ls", b);
        assertThat(top).containsPattern("DIR\\s+" + b + "/dir/\n")
                .containsPattern(big.length + "\\s+" + b + "/big file.bin\n")
                .doesNotContain("small.bin");
        String recursive = s3cmd.ok("ls", "-r", b);
        assertThat(recursive).containsPattern(big.length + "\\s+" + b + "/big file.bin\n")
                .containsPattern(small.length + "\\s+" + b + "/dir/small.bin\n")
                .doesNotContain("DIR");
        assertThat(s3cmd.ok("la")).contains(b + "/big file.bin").contains(b + "/dir/");

        Path bigBack = dir.resolve("big.back");
        s3cmd.ok("get", b + "/big file.bin", bigBack.toString());
        assertSameBytes(Files.readAllBytes(bigBack), big, "20 MiB multipart upload fetched by s3cmd get");

        String info = s3cmd.ok("info", b + "/big file.bin");
        assertThat(info).contains("File size: " + big.length)
                .contains("MIME type: application/octet-stream")
                // for a multipart upload s3cmd shows the MD5 it stored in x-amz-meta-s3cmd-attrs
                .contains("MD5 sum:   " + md5Hex(big))
                .contains("x-amz-meta-s3cmd-attrs:");

        assertThat(s3cmd.ok("cp", b + "/dir/small.bin", b + "/copy.bin")).contains("remote copy:");
        assertThat(s3cmd.ok("mv", b + "/copy.bin", b + "/moved/copy.bin")).contains("move:");
        assertThat(s3cmd.ok("ls", "-r", b)).doesNotContain(b + "/copy.bin").contains(b + "/moved/copy.bin");
        Path copyBack = dir.resolve("copy.back");
        s3cmd.ok("get", b + "/moved/copy.bin", copyBack.toString());
        assertSameBytes(Files.readAllBytes(copyBack), small, "object copied and moved by s3cmd");
        assertThat(s3cmd.ok("info", b + "/moved/copy.bin")).contains("MD5 sum:   " + md5Hex(small));
        assertThat(s3cmd.ok("del", b + "/moved/copy.bin")).contains("delete: '" + b + "/moved/copy.bin'");

        ExternalClient.Run notEmpty = s3cmd.run("rb", b);
        assertThat(notEmpty.exitCode()).as("s3cmd rb of a bucket that still holds objects").isNotZero();
        assertThat(notEmpty.stderr()).contains("BucketNotEmpty");

        Path tree = dir.resolve("tree");
        Files.createDirectories(tree.resolve("a/b"));
        Files.writeString(tree.resolve("top.txt"), "top\n");
        Files.writeString(tree.resolve("a/with space & plus+.txt"), "odd name");
        Files.writeString(tree.resolve("a/b/deep.txt"), "deep\n");
        Files.write(tree.resolve("big.bin"), big);
        assertThat(s3cmd.ok("sync", tree + "/", b + "/sync/")).contains("[4 of 4]");
        assertThat(s3cmd.ok("sync", tree + "/", b + "/sync/")).as("a second sync of unchanged files")
                .doesNotContain("upload:");
        Files.writeString(tree.resolve("top.txt"), "top, changed\n");
        assertThat(s3cmd.ok("sync", tree + "/", b + "/sync/")).contains("upload: '" + tree.resolve("top.txt"))
                .contains("[1 of 1]");
        Path down = Files.createDirectories(dir.resolve("down"));
        s3cmd.ok("sync", b + "/sync/", down + "/");
        for (String file : new String[] {"top.txt", "a/with space & plus+.txt", "a/b/deep.txt", "big.bin"}) {
            assertSameBytes(Files.readAllBytes(down.resolve(file)), Files.readAllBytes(tree.resolve(file)),
                    file + " synced up and down by s3cmd");
        }

        s3cmd.ok("del", "--recursive", "--force", b);
        assertThat(s3cmd.ok("ls", "-r", b)).isBlank();
        assertThat(s3cmd.ok("rb", b)).contains("Bucket '" + b + "/' removed");
        assertThat(s3cmd.ok("ls")).doesNotContain(b);
    }

    @Test
    void s3cmdBucketInfoIsAnsweredWithoutWaitingForASocketTimeout() throws Exception {
        S3cmd s3cmd = new S3cmd(false);
        String b = "s3://" + server.createBucket("s3cmd-info");
        // s3cmd info asks for location, requestPayment, lifecycle, policy, cors and acl on one
        // connection; the hang shows in about one run in ten.
        for (int i = 0; i < 20; i++) {
            ExternalClient.Run run = s3cmd.run("info", b);
            assertThat(run.exitCode()).as("exit code of %s, run %d: %s", run.command(), i, run.stderr()).isZero();
            assertThat(run.stdout()).contains("Location:  us-east-1");
            assertThat(run.stderr()).as("stderr of %s, run %d", run.command(), i)
                    .doesNotContain("Retrying failed request");
        }
    }

    /** s3cmd with a configuration file for this server. */
    private final class S3cmd {
        private final ExternalClient client = new ExternalClient("s3cmd", dir, 60);
        private final Path config;

        S3cmd(boolean signatureV2) {
            this.config = ClientConfig.render("s3cmd.cfg", Map.of(
                    "host_port", server.endpoint().getHost() + ":" + server.port(),
                    "access_key", CofferServer.ACCESS_KEY,
                    "secret_key", CofferServer.SECRET_KEY,
                    "region", CofferServer.REGION.id(),
                    "signature_v2", signatureV2 ? "True" : "False"),
                    dir.resolve(signatureV2 ? "s3cmd-v2.cfg" : "s3cmd-v4.cfg"));
        }

        String ok(String... args) throws Exception {
            return run(args).ok();
        }

        ExternalClient.Run run(String... args) throws Exception {
            String[] all = new String[args.length + 3];
            all[0] = "-c";
            all[1] = config.toString();
            all[2] = "--no-progress";
            System.arraycopy(args, 0, all, 3, args.length);
            return client.run(all);
        }
    }

    private static String md5Hex(byte[] bytes) {
        String etag = TestData.etagOf(bytes);
        return etag.substring(1, etag.length() - 1);
    }
}
