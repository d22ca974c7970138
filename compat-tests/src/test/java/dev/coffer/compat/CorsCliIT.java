package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.compat.support.AwsCli;
import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Bucket CORS through the aws CLI: put-bucket-cors, get-bucket-cors, delete-bucket-cors, and a preflight it enables. */
@ExtendWith(CofferServerExtension.class)
class CorsCliIT {
    private static CofferServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        AwsCli.require();
        server = cofferServer;
    }

    @Test
    void awsCliPutsGetsAndDeletesBucketCors() throws Exception {
        AwsCli aws = new AwsCli(server, dir);
        String bucket = server.createBucket("cli-cors");
        Path rules = Files.writeString(dir.resolve("cors.json"), """
                {"CORSRules": [
                  {"ID": "uploads", "AllowedOrigins": ["http://localhost:3000"], "AllowedMethods": ["PUT", "POST"],
                   "AllowedHeaders": ["*"], "ExposeHeaders": ["ETag"], "MaxAgeSeconds": 600},
                  {"AllowedOrigins": ["*"], "AllowedMethods": ["GET", "HEAD"]}
                ]}""");
        aws.run("s3api", "put-bucket-cors", "--bucket", bucket, "--cors-configuration", "file://" + rules);

        String got = aws.run("s3api", "get-bucket-cors", "--bucket", bucket, "--output", "json");
        assertThat(got).contains("\"ID\": \"uploads\"").contains("\"http://localhost:3000\"").contains("\"MaxAgeSeconds\": 600")
                .contains("\"ExposeHeaders\"").contains("\"HEAD\"");
        assertThat(aws.run("s3api", "get-bucket-cors", "--bucket", bucket, "--query", "CORSRules[1].AllowedMethods",
                "--output", "text").trim()).isEqualTo("GET\tHEAD");

        HttpResponse<byte[]> preflight = server.raw().send(HttpRequest.newBuilder(server.raw().uri("/" + bucket + "/a"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "PUT").build());
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValue("PUT, POST");

        aws.run("s3api", "delete-bucket-cors", "--bucket", bucket);
        assertThatThrownBy(() -> aws.run("s3api", "get-bucket-cors", "--bucket", bucket))
                .hasMessageContaining("NoSuchCORSConfiguration");
    }

    @Test
    void awsCliShowsS3sRefusalOfAnUnsupportedMethod() throws Exception {
        AwsCli aws = new AwsCli(server, dir);
        String bucket = server.createBucket("cli-cors-bad");
        Path rules = Files.writeString(dir.resolve("bad.json"),
                "{\"CORSRules\": [{\"AllowedOrigins\": [\"*\"], \"AllowedMethods\": [\"OPTIONS\"]}]}");
        assertThatThrownBy(() -> aws.run("s3api", "put-bucket-cors", "--bucket", bucket, "--cors-configuration",
                "file://" + rules))
                .hasMessageContaining("InvalidRequest")
                .hasMessageContaining("Found unsupported HTTP method in CORS config. Unsupported method is OPTIONS");
    }
}
