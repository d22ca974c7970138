package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.support.AwsCli;
import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tags through the aws CLI at its defaults: s3api put/get/delete-object-tagging (with --version-id),
 * put-object, copy-object and create-multipart-upload with --tagging, TagCount on get-object,
 * put/get/delete-bucket-tagging, and each of S3's limits answered with its error code.
 */
@ExtendWith(CofferServerExtension.class)
class TaggingCliIT {
    private static CofferServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        AwsCli.require();
        server = cofferServer;
    }

    private static String tagSet(String... keysAndValues) {
        StringBuilder b = new StringBuilder("{\"TagSet\": [");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (i > 0) b.append(", ");
            b.append("{\"Key\": \"").append(keysAndValues[i]).append("\", \"Value\": \"").append(keysAndValues[i + 1]).append("\"}");
        }
        return b.append("]}").toString();
    }

    @Test
    void objectTagsThroughS3api() throws Exception {
        AwsCli aws = new AwsCli(server, dir);
        String bucket = server.createBucket("cli-tags");
        Path file = Files.writeString(dir.resolve("f.txt"), "tagged by the CLI");

        aws.run("s3api", "put-object", "--bucket", bucket, "--key", "doc", "--body", file.toString(),
                "--tagging", "project=apollo&stage=dev%20one");
        assertThat(aws.run("s3api", "get-object-tagging", "--bucket", bucket, "--key", "doc", "--output", "json"))
                .contains("\"Key\": \"project\"").contains("\"Value\": \"apollo\"").contains("\"Value\": \"dev one\"");
        assertThat(aws.run("s3api", "get-object", "--bucket", bucket, "--key", "doc", dir.resolve("back").toString(),
                "--query", "TagCount", "--output", "text").trim()).isEqualTo("2");

        aws.run("s3api", "put-object-tagging", "--bucket", bucket, "--key", "doc", "--tagging", tagSet("owner", "ops"));
        assertThat(aws.run("s3api", "get-object-tagging", "--bucket", bucket, "--key", "doc",
                "--query", "TagSet[0].[Key,Value]", "--output", "text").trim()).isEqualTo("owner\tops");
        aws.run("s3api", "delete-object-tagging", "--bucket", bucket, "--key", "doc");
        assertThat(aws.run("s3api", "get-object-tagging", "--bucket", bucket, "--key", "doc",
                "--query", "length(TagSet)", "--output", "text").trim()).isEqualTo("0");

        aws.run("s3api", "put-object-tagging", "--bucket", bucket, "--key", "doc", "--tagging", tagSet("kept", "yes"));
        aws.run("s3api", "copy-object", "--bucket", bucket, "--key", "copied", "--copy-source", bucket + "/doc");
        assertThat(aws.run("s3api", "get-object-tagging", "--bucket", bucket, "--key", "copied", "--output", "json"))
                .contains("\"Key\": \"kept\"");
        aws.run("s3api", "copy-object", "--bucket", bucket, "--key", "replaced", "--copy-source", bucket + "/doc",
                "--tagging-directive", "REPLACE", "--tagging", "fresh=1");
        assertThat(aws.run("s3api", "get-object-tagging", "--bucket", bucket, "--key", "replaced",
                "--query", "TagSet[].Key", "--output", "text").trim()).isEqualTo("fresh");

        String uploadId = aws.run("s3api", "create-multipart-upload", "--bucket", bucket, "--key", "assembled",
                "--tagging", "via=multipart", "--query", "UploadId", "--output", "text").trim();
        String etag = aws.run("s3api", "upload-part", "--bucket", bucket, "--key", "assembled", "--upload-id", uploadId,
                "--part-number", "1", "--body", file.toString(), "--query", "ETag", "--output", "text").trim();
        aws.run("s3api", "complete-multipart-upload", "--bucket", bucket, "--key", "assembled", "--upload-id", uploadId,
                "--multipart-upload", "{\"Parts\": [{\"PartNumber\": 1, \"ETag\": " + quoted(etag) + "}]}");
        assertThat(aws.run("s3api", "get-object-tagging", "--bucket", bucket, "--key", "assembled",
                "--query", "TagSet[0].Value", "--output", "text").trim()).isEqualTo("multipart");
    }

    @Test
    void versionedTagsThroughS3api() throws Exception {
        AwsCli aws = new AwsCli(server, dir);
        String bucket = server.createVersionedBucket("cli-tag-versions");
        Path file = Files.writeString(dir.resolve("v.txt"), "version");
        String v1 = aws.run("s3api", "put-object", "--bucket", bucket, "--key", "doc", "--body", file.toString(),
                "--tagging", "gen=1", "--query", "VersionId", "--output", "text").trim();
        aws.run("s3api", "put-object", "--bucket", bucket, "--key", "doc", "--body", file.toString(), "--tagging", "gen=2");

        assertThat(aws.run("s3api", "get-object-tagging", "--bucket", bucket, "--key", "doc", "--version-id", v1,
                "--output", "json")).contains("\"VersionId\": \"" + v1 + "\"").contains("\"Value\": \"1\"");
        assertThat(aws.run("s3api", "put-object-tagging", "--bucket", bucket, "--key", "doc", "--version-id", v1,
                "--tagging", tagSet("gen", "first"), "--query", "VersionId", "--output", "text").trim()).isEqualTo(v1);
        assertThat(aws.run("s3api", "get-object-tagging", "--bucket", bucket, "--key", "doc", "--version-id", v1,
                "--query", "TagSet[0].Value", "--output", "text").trim()).isEqualTo("first");
        assertThat(aws.run("s3api", "get-object-tagging", "--bucket", bucket, "--key", "doc",
                "--query", "TagSet[0].Value", "--output", "text").trim()).isEqualTo("2");

        aws.run("s3api", "delete-object", "--bucket", bucket, "--key", "doc");
        assertThat(aws.fail("s3api", "get-object-tagging", "--bucket", bucket, "--key", "doc"))
                .contains("(MethodNotAllowed)");
    }

    @Test
    void bucketTagsThroughS3api() throws Exception {
        AwsCli aws = new AwsCli(server, dir);
        String bucket = server.createBucket("cli-bucket-tags");
        assertThat(aws.fail("s3api", "get-bucket-tagging", "--bucket", bucket)).contains("(NoSuchTagSet)");
        aws.run("s3api", "put-bucket-tagging", "--bucket", bucket, "--tagging", tagSet("cost-center", "42", "team", "storage"));
        assertThat(aws.run("s3api", "get-bucket-tagging", "--bucket", bucket, "--query", "TagSet[].Key", "--output", "text")
                .trim()).isEqualTo("cost-center\tteam");
        aws.run("s3api", "delete-bucket-tagging", "--bucket", bucket);
        assertThat(aws.fail("s3api", "get-bucket-tagging", "--bucket", bucket)).contains("(NoSuchTagSet)");
    }

    @Test
    void eachLimitAnswersS3sErrorCode() throws Exception {
        AwsCli aws = new AwsCli(server, dir);
        String bucket = server.createBucket("cli-tag-limits");
        Path file = Files.writeString(dir.resolve("l.txt"), "limits");
        aws.run("s3api", "put-object", "--bucket", bucket, "--key", "doc", "--body", file.toString());
        String[] eleven = IntStream.range(0, 11).boxed().flatMap(i -> java.util.stream.Stream.of("k" + i, "v"))
                .toArray(String[]::new);
        assertThat(aws.fail("s3api", "put-object-tagging", "--bucket", bucket, "--key", "doc", "--tagging", tagSet(eleven)))
                .contains("(BadRequest)").contains("Object tags cannot be greater than 10");
        assertThat(aws.fail("s3api", "put-object-tagging", "--bucket", bucket, "--key", "doc", "--tagging",
                tagSet("a", "1", "a", "2"))).contains("(InvalidTag)").contains("Cannot provide multiple Tags with the same key");
        assertThat(aws.fail("s3api", "put-object-tagging", "--bucket", bucket, "--key", "doc", "--tagging",
                tagSet("k".repeat(129), "v"))).contains("(InvalidTag)").contains("The TagKey you have provided is invalid");
        assertThat(aws.fail("s3api", "put-object-tagging", "--bucket", bucket, "--key", "doc", "--tagging",
                tagSet("k", "v".repeat(257)))).contains("(InvalidTag)").contains("The TagValue you have provided is invalid");
        assertThat(aws.fail("s3api", "put-object-tagging", "--bucket", bucket, "--key", "doc", "--tagging",
                tagSet("semi;colon", "v"))).contains("(InvalidTag)");
        assertThat(aws.fail("s3api", "put-object-tagging", "--bucket", bucket, "--key", "doc", "--tagging",
                tagSet("aws:reserved", "v"))).contains("(InvalidTag)");
        String elevenHeader = IntStream.range(0, 11).mapToObj(i -> "k" + i + "=v").collect(Collectors.joining("&"));
        assertThat(aws.fail("s3api", "put-object", "--bucket", bucket, "--key", "refused", "--body", file.toString(),
                "--tagging", elevenHeader)).contains("(BadRequest)");
        assertThat(aws.fail("s3api", "put-object", "--bucket", bucket, "--key", "refused", "--body", file.toString(),
                "--tagging", "a=1&a=2")).contains("(InvalidArgument)");
        String[] fiftyOne = IntStream.range(0, 51).boxed().flatMap(i -> java.util.stream.Stream.of("k" + i, "v"))
                .toArray(String[]::new);
        assertThat(aws.fail("s3api", "put-bucket-tagging", "--bucket", bucket, "--tagging", tagSet(fiftyOne)))
                .contains("(BadRequest)").contains("Bucket tag count cannot be greater than 50");
    }

    private static String quoted(String etag) {
        return "\"" + etag.replace("\"", "\\\"") + "\"";
    }
}
