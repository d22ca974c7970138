package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.coffer.compat.support.AwsCli;
import dev.coffer.compat.support.BigFiles;
import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.TestData;

/**
 * The aws CLI at its defaults (8 MiB multipart chunks, 10 threads, its default checksums): a large
 * file up and down with {@code aws s3 cp}, and a nested tree with {@code aws s3 sync}, a changed
 * file re-synced, bytes compared.
 *
 * <p>The large file is {@code coffer.cli.it.bytes} long: 160 MiB + 1 in {@code mvn verify}, 20
 * parts of 8 MiB and a last one of 1 byte, twice as many as the CLI's 10 concurrent requests, read
 * back in as many ranged GETs; with {@code -Dcoffer.cli.it.bytes=1073741824} it is the GiB
 * (128 parts) the class copied before (docs/benchmarks.md, "CI time, fourth pass").
 */
@ExtendWith(CofferServerExtension.class)
class MultipartCliIT {
    private static final long LARGE = Long.getLong("coffer.cli.it.bytes", 160L * 1024 * 1024 + 1);
    private static final long PART = 8L * 1024 * 1024; // the CLI's default multipart_chunksize
    private static CofferServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        AwsCli.require();
        server = cofferServer;
    }

    @Test
    @Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
    void aLargeFileCopiesUpAndDownByteForByte() throws Exception {
        AwsCli aws = new AwsCli(server, dir);
        String bucket = server.createBucket("cli-large");
        Path source = BigFiles.write(dir.resolve("large.bin"), LARGE, 1);
        aws.run("s3", "cp", source.toString(), "s3://" + bucket + "/big/large.bin");
        long parts = (LARGE + PART - 1) / PART;
        assertThat(server.s3().headObject(h -> h.bucket(bucket).key("big/large.bin")).eTag()).endsWith("-" + parts + "\"");
        Path back = dir.resolve("large.back");
        aws.run("s3", "cp", "s3://" + bucket + "/big/large.bin", back.toString());
        BigFiles.assertSame(back, source);
    }

    @Test
    void syncUploadsANestedTreeAndReSyncsAChangedFile() throws Exception {
        AwsCli aws = new AwsCli(server, dir);
        String bucket = server.createBucket("cli-sync");
        Path tree = Files.createDirectories(dir.resolve("tree"));
        List<String> files = List.of("top.txt", "a/one.bin", "a/b/two.bin", "a/b/c/three.bin", "d/large.bin");
        for (int i = 0; i < files.size(); i++) {
            Path f = tree.resolve(files.get(i));
            Files.createDirectories(f.getParent());
            Files.write(f, TestData.randomBytes(files.get(i).contains("large") ? 20 * TestData.MIB + 1 : 100 * (i + 1), i));
        }
        aws.run("s3", "sync", tree.toString(), "s3://" + bucket + "/backup");
        assertThat(aws.run("s3", "ls", "--recursive", "s3://" + bucket)).contains("backup/a/b/c/three.bin")
                .contains("backup/d/large.bin");

        Path changed = tree.resolve("a/b/two.bin");
        Files.write(changed, TestData.randomBytes(12 * TestData.MIB, 99)); // now itself a multipart upload
        String second = aws.run("s3", "sync", tree.toString(), "s3://" + bucket + "/backup");
        assertThat(second).contains("a/b/two.bin").doesNotContain("three.bin");

        Path down = dir.resolve("down");
        aws.run("s3", "sync", "s3://" + bucket + "/backup", down.toString());
        for (String f : files) BigFiles.assertSame(down.resolve(f), tree.resolve(f));
        assertThat(aws.run("s3", "sync", "s3://" + bucket + "/backup", down.toString())).isBlank();
    }
}
