package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertSameBytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.coffer.compat.clients.ClientConfig;
import dev.coffer.compat.clients.ExternalClient;
import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.TestData;
import dev.coffer.compat.support.Tools;

/**
 * rclone's s3 backend (provider Other, path-style, default settings) against the server: a
 * directory tree up and down, listings, hash checks against the MD5 ETags, sync, and deletes.
 */
@ExtendWith(CofferServerExtension.class)
class RcloneIT {

    private static CofferServer server;

    @TempDir
    Path dir;

    private ExternalClient rclone;
    private Path config;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        Tools.requireOnPath("rclone", "apt-get install rclone");
        server = cofferServer;
    }

    @BeforeEach
    void configure() {
        rclone = new ExternalClient("rclone", dir, 60);
        config = ClientConfig.render("rclone.conf", Map.of(
                "endpoint", server.endpoint().toString(),
                "access_key", CofferServer.ACCESS_KEY,
                "secret_key", CofferServer.SECRET_KEY,
                "region", CofferServer.REGION.id()), dir.resolve("rclone.conf"));
    }

    @Test
    void rcloneCopiesListsChecksSyncsAndDeletesADirectoryTree() throws Exception {
        String bucket = server.uniqueBucketName("rclone");
        Path src = dir.resolve("src");
        Files.createDirectories(src.resolve("a/b"));
        Files.writeString(src.resolve("top.txt"), "top\n");
        Files.writeString(src.resolve("a/one.txt"), "one\n");
        Files.writeString(src.resolve("a/b/two.txt"), "two two\n");
        Files.writeString(src.resolve("a/with space & plus+.txt"), "odd name");
        byte[] big = TestData.randomBytes(20 * TestData.MIB, 20);
        Files.write(src.resolve("big.bin"), big);

        rcloneOk("mkdir", remote(bucket));
        assertThat(rcloneOk("lsf", "coffer:")).contains(bucket + "/");
        rcloneOk("copy", src.toString(), remote(bucket + "/tree"));

        assertThat(lines(rcloneOk("lsf", "-R", remote(bucket)))).containsExactlyInAnyOrder(
                "tree/", "tree/a/", "tree/a/b/",
                "tree/top.txt", "tree/a/one.txt", "tree/a/b/two.txt", "tree/a/with space & plus+.txt", "tree/big.bin");
        assertThat(lines(rcloneOk("lsf", "--dirs-only", remote(bucket + "/tree")))).containsExactly("a/");
        String json = rcloneOk("lsjson", "-R", "--hash", remote(bucket + "/tree"));
        assertThat(json)
                .contains("\"Path\":\"big.bin\",\"Name\":\"big.bin\",\"Size\":" + big.length)
                .contains("\"Path\":\"a/b\",\"Name\":\"b\",\"Size\":-1")
                .contains("\"md5\":\"" + md5Hex(big) + "\"")
                .contains("\"md5\":\"" + md5Hex(TestData.utf8("odd name")) + "\"");
        // The ETag of a single-part upload is the MD5 of its bytes: what rclone check compares.
        assertThat(server.s3().headObject(b -> b.bucket(bucket).key("tree/big.bin")).eTag())
                .isEqualTo(TestData.etagOf(big));

        String check = rcloneRun("check", src.toString(), remote(bucket + "/tree"));
        assertThat(check).contains("0 differences found").contains("5 matching files")
                .doesNotContain("hashes could not be checked");

        Files.writeString(src.resolve("top.txt"), "top, changed\n");
        Files.delete(src.resolve("a/one.txt"));
        rcloneOk("sync", src.toString(), remote(bucket + "/tree"));
        assertThat(lines(rcloneOk("lsf", "-R", "--files-only", remote(bucket + "/tree")))).containsExactlyInAnyOrder(
                "top.txt", "a/b/two.txt", "a/with space & plus+.txt", "big.bin");
        assertThat(rcloneRun("check", src.toString(), remote(bucket + "/tree"))).contains("0 differences found");

        Path bigBack = dir.resolve("big.back");
        Path topBack = dir.resolve("top.back");
        rcloneOk("copyto", remote(bucket + "/tree/big.bin"), bigBack.toString());
        rcloneOk("copyto", remote(bucket + "/tree/top.txt"), topBack.toString());
        assertSameBytes(Files.readAllBytes(bigBack), big, "20 MiB file copied down by rclone");
        assertThat(Files.readString(topBack)).isEqualTo("top, changed\n");

        rcloneOk("delete", "--include", "*.txt", remote(bucket + "/tree"));
        assertThat(lines(rcloneOk("lsf", "-R", "--files-only", remote(bucket)))).containsExactly("tree/big.bin");
        rcloneOk("copyto", remote(bucket + "/tree/big.bin"), remote(bucket + "/other/big.bin"));
        rcloneOk("purge", remote(bucket + "/tree"));
        assertThat(lines(rcloneOk("lsf", "-R", remote(bucket)))).containsExactlyInAnyOrder("other/", "other/big.bin");

        ExternalClient.Run notEmpty = rclone.run("--config", config.toString(), "rmdir", remote(bucket));
        assertThat(notEmpty.exitCode()).as("rclone rmdir of a bucket that still holds an object").isNotZero();
        assertThat(notEmpty.stderr()).contains("BucketNotEmpty");
        rcloneOk("delete", remote(bucket));
        rcloneOk("rmdir", remote(bucket));
        assertThat(rcloneOk("lsf", "coffer:")).doesNotContain(bucket + "/");
    }

    @Test
    void rclonePurgeRemovesABucketWithItsObjects() throws Exception {
        String bucket = server.createBucketWithKeys("rclone-purge", List.of("a.txt", "dir/b.txt", "dir/sub/c.txt"));
        rcloneOk("purge", remote(bucket));
        assertThat(rcloneOk("lsf", "coffer:")).doesNotContain(bucket + "/");
    }

    @Test
    void rcloneMultipartUploadRoundTripsWithSmallChunks() throws Exception {
        // rclone uploads in parts above --s3-upload-cutoff (200 MiB by default); 5 MiB forces a
        // 4-part upload of 20 MiB with the smallest part size S3 allows.
        String bucket = server.createBucket("rclone-mpu");
        byte[] big = TestData.randomBytes(20 * TestData.MIB, 21);
        Path file = Files.write(dir.resolve("parts.bin"), big);

        rcloneOk("copy", "--s3-upload-cutoff", "5M", "--s3-chunk-size", "5M", file.toString(), remote(bucket + "/mpu"));

        assertThat(server.s3().headObject(b -> b.bucket(bucket).key("mpu/parts.bin")).eTag())
                .as("the ETag of a 4-part upload").matches("\"[0-9a-f]{32}-4\"");
        // rclone keeps the whole file's MD5 in x-amz-meta-md5chksum, so check still compares hashes.
        assertThat(rcloneRun("check", dir.toString(), remote(bucket + "/mpu"), "--include", "parts.bin"))
                .contains("0 differences found").contains("1 matching files");
        Path back = dir.resolve("parts.back");
        rcloneOk("copyto", remote(bucket + "/mpu/parts.bin"), back.toString());
        assertSameBytes(Files.readAllBytes(back), big, "20 MiB multipart upload copied down by rclone");
    }

    private static String remote(String path) {
        return "coffer:" + path;
    }

    /** Runs rclone, asserts exit 0 and that it logged no ERROR (rclone logs some failures and still exits 0). */
    private String rcloneOk(String... args) throws Exception {
        ExternalClient.Run run = rclone.run(withConfig(args));
        run.ok();
        assertThat(run.stderr()).as("stderr of %s", run.command()).doesNotContain("ERROR");
        return run.stdout();
    }

    /** Like {@link #rcloneOk} but returns standard error, where rclone check reports. */
    private String rcloneRun(String... args) throws Exception {
        ExternalClient.Run run = rclone.run(withConfig(args));
        run.ok();
        assertThat(run.stderr()).as("stderr of %s", run.command()).doesNotContain("ERROR");
        return run.stderr();
    }

    private String[] withConfig(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--config";
        all[1] = config.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return all;
    }

    private static List<String> lines(String text) {
        return Arrays.stream(text.split("\n")).filter(s -> !s.isBlank()).toList();
    }

    private static String md5Hex(byte[] bytes) {
        String etag = TestData.etagOf(bytes);
        return etag.substring(1, etag.length() - 1);
    }
}
