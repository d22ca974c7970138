package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.support.AwsCli;
import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Versioning through the aws CLI: put-bucket-versioning, list-object-versions, get-object --version-id, delete markers. */
@ExtendWith(CofferServerExtension.class)
class VersioningCliIT {
    private static CofferServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        AwsCli.require();
        server = cofferServer;
    }

    @Test
    void awsCliListsVersionsGetsOldVersionsAndSeesDeleteMarkers() throws Exception {
        AwsCli aws = new AwsCli(server, dir);
        String bucket = server.createBucket("cli-ver");
        aws.run("s3api", "put-bucket-versioning", "--bucket", bucket, "--versioning-configuration", "Status=Enabled");
        assertThat(aws.run("s3api", "get-bucket-versioning", "--bucket", bucket)).contains("\"Enabled\"");
        Path one = Files.writeString(dir.resolve("one.txt"), "first");
        Path two = Files.writeString(dir.resolve("two.txt"), "second");
        // Uploads go through "s3 cp" (s3api put-object sends Expect: 100-continue, a separate concern).
        aws.run("s3", "cp", one.toString(), "s3://" + bucket + "/doc.txt");
        String v1 = aws.run("s3api", "head-object", "--bucket", bucket, "--key", "doc.txt",
                "--query", "VersionId", "--output", "text").trim();
        aws.run("s3", "cp", two.toString(), "s3://" + bucket + "/doc.txt");
        String marker = aws.run("s3api", "delete-object", "--bucket", bucket, "--key", "doc.txt",
                "--query", "VersionId", "--output", "text").trim();

        String listing = aws.run("s3api", "list-object-versions", "--bucket", bucket, "--output", "json");
        assertThat(listing).contains(v1).contains(marker).contains("\"DeleteMarkers\"").contains("\"IsLatest\": true");
        String paged = aws.run("s3api", "list-object-versions", "--bucket", bucket, "--page-size", "1",
                "--query", "length(Versions)", "--output", "json"); // text output would apply the query per page
        assertThat(paged.trim()).isEqualTo("2");

        Path back = dir.resolve("back.txt");
        aws.run("s3api", "get-object", "--bucket", bucket, "--key", "doc.txt", "--version-id", v1, back.toString());
        assertThat(Files.readString(back)).isEqualTo("first");

        aws.run("s3api", "delete-object", "--bucket", bucket, "--key", "doc.txt", "--version-id", marker);
        aws.run("s3api", "get-object", "--bucket", bucket, "--key", "doc.txt", back.toString());
        assertThat(Files.readString(back)).isEqualTo("second");
    }
}
