package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.coffer.compat.support.BigFiles;
import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.TestData;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.transfer.s3.S3TransferManager;
import software.amazon.awssdk.transfer.s3.model.CompletedDirectoryDownload;
import software.amazon.awssdk.transfer.s3.model.CompletedDirectoryUpload;

/**
 * S3TransferManager at its default settings over the SDK's Java async client with multipart on
 * (the transfer manager needs either that or the CRT client to split transfers; without either it
 * sends one PUT): a multi-GiB file up and down through files in a temp directory, and a directory
 * tree up and down. Also the async client's own multipart upload and download.
 */
@ExtendWith(CofferServerExtension.class)
class TransferManagerIT {
    /** 2 GiB: past every 32-bit boundary and many default 8 MiB parts, in CI time. */
    private static final long LARGE = 2L * 1024 * 1024 * 1024;
    private static CofferServer server;
    private static S3AsyncClient multipart;
    private static S3TransferManager transfers;
    private static String bucket;

    @TempDir
    Path dir;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        bucket = server.createBucket("transfer-manager");
        multipart = S3AsyncClient.builder().endpointOverride(server.endpoint()).region(CofferServer.REGION)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(CofferServer.ACCESS_KEY, CofferServer.SECRET_KEY)))
                .forcePathStyle(true).multipartEnabled(true).build();
        transfers = S3TransferManager.builder().s3Client(multipart).build();
    }

    @AfterAll
    static void stop() {
        if (transfers != null) transfers.close();
        if (multipart != null) multipart.close();
    }

    @Test
    @Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
    void twoGibFileUploadsAndDownloadsByteForByte() throws Exception {
        Path source = BigFiles.write(dir.resolve("large.bin"), LARGE, 2024);
        transfers.uploadFile(u -> u.source(source).putObjectRequest(p -> p.bucket(bucket).key("large.bin")))
                .completionFuture().get();
        var head = server.s3().headObject(h -> h.bucket(bucket).key("large.bin"));
        assertThat(head.contentLength()).isEqualTo(LARGE);
        assertThat(head.eTag()).matches("\"[0-9a-f]{32}-\\d+\"");
        Path back = dir.resolve("large.back");
        transfers.downloadFile(d -> d.destination(back).getObjectRequest(g -> g.bucket(bucket).key("large.bin")))
                .completionFuture().get();
        BigFiles.assertSame(back, source);
        server.s3().deleteObject(d -> d.bucket(bucket).key("large.bin"));
    }

    @Test
    void directoryTreeUploadsAndDownloads() throws Exception {
        Path tree = Files.createDirectories(dir.resolve("tree"));
        List<String> files = List.of("a.txt", "docs/b.bin", "docs/deep/c.bin", "empty.dat", "photos/2025/d.jpg");
        for (int i = 0; i < files.size(); i++) {
            Path f = tree.resolve(files.get(i));
            Files.createDirectories(f.getParent());
            int size = files.get(i).startsWith("empty") ? 0 : (i == 2 ? 17 * TestData.MIB + 5 : 1000 * (i + 1));
            Files.write(f, TestData.randomBytes(size, i));
        }
        CompletedDirectoryUpload up = transfers.uploadDirectory(u -> u.source(tree).bucket(bucket).s3Prefix("dir"))
                .completionFuture().get();
        assertThat(up.failedTransfers()).isEmpty();
        Path down = dir.resolve("down");
        CompletedDirectoryDownload got = transfers.downloadDirectory(d -> d.destination(down).bucket(bucket)
                .listObjectsV2RequestTransformer(l -> l.prefix("dir/"))).completionFuture().get();
        assertThat(got.failedTransfers()).isEmpty();
        for (String f : files) {
            assertThat(down.resolve(f)).as(f).exists();
            BigFiles.assertSame(down.resolve(f), tree.resolve(f));
        }
        try (Stream<Path> all = Files.walk(down)) {
            assertThat(all.filter(Files::isRegularFile).count()).isEqualTo(files.size());
        }
    }

    @Test
    void asyncClientMultipartUploadAndPartwiseDownload() throws Exception {
        byte[] bytes = TestData.randomBytes(40 * TestData.MIB + 123, 40);
        multipart.putObject(p -> p.bucket(bucket).key("async"), AsyncRequestBody.fromBytes(bytes)).get();
        var head = server.s3().headObject(h -> h.bucket(bucket).key("async"));
        assertThat(head.eTag()).endsWith("-6\""); // 8 MiB parts: five full, one of 123 bytes
        byte[] got = multipart.getObject(g -> g.bucket(bucket).key("async"), AsyncResponseTransformer.toBytes())
                .get().asByteArray();
        assertThat(got).isEqualTo(bytes);
    }
}
