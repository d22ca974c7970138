package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertS3Error;
import static dev.coffer.compat.support.S3Assertions.assertXmlError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Bucket policies through the AWS SDK for Java v2 at its defaults, and what they grant to a
 * browser with no credentials (plain HTTP GETs, no signature), Block Public Access included.
 */
@ExtendWith(CofferServerExtension.class)
class BucketPolicyIT {
    private static CofferServer server;
    private static S3Client s3;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        s3 = server.s3();
    }

    private static String publicFolder(String bucket, String folder) {
        return """
                {"Version":"2012-10-17","Statement":[{"Sid":"PublicReadFolder","Effect":"Allow","Principal":"*",
                 "Action":"s3:GetObject","Resource":"arn:aws:s3:::%s/%s/*"}]}""".formatted(bucket, folder);
    }

    /** A browser's GET: no Authorization, no query signature, the JDK's client at its defaults. */
    private static HttpResponse<String> browserGet(String path) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        return client.send(HttpRequest.newBuilder(URI.create(server.endpoint() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void aPublicReadFolderServesABrowserWithNoCredentialsAndNothingElse() throws Exception {
        String bucket = server.createBucket("public-folder");
        s3.putObject(b -> b.bucket(bucket).key("public/index.html").contentType("text/html"),
                RequestBody.fromString("<h1>hello</h1>"));
        s3.putObject(b -> b.bucket(bucket).key("private/secret.txt"), RequestBody.fromString("secret"));

        assertThat(browserGet("/" + bucket + "/public/index.html").statusCode()).isEqualTo(403);

        s3.putBucketPolicy(b -> b.bucket(bucket).policy(publicFolder(bucket, "public")));
        HttpResponse<String> page = browserGet("/" + bucket + "/public/index.html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).isEqualTo("<h1>hello</h1>");
        assertThat(page.headers().firstValue("content-type")).hasValue("text/html");

        HttpResponse<String> secret = browserGet("/" + bucket + "/private/secret.txt");
        assertThat(secret.statusCode()).isEqualTo(403);
        assertThat(secret.body()).contains("<Code>AccessDenied</Code>").doesNotContain("secret<");
        assertXmlError(server.raw().anonymous("GET", "/" + bucket), 403, "AccessDenied");
        assertXmlError(server.raw().anonymous("DELETE", "/" + bucket + "/public/index.html"), 403, "AccessDenied");
        // Anonymous may not s3:ListBucket: a missing key is 403, as S3 answers, so keys cannot be probed for.
        assertXmlError(server.raw().anonymous("GET", "/" + bucket + "/public/missing.html"), 403, "AccessDenied");

        s3.deleteBucketPolicy(b -> b.bucket(bucket));
        assertThat(browserGet("/" + bucket + "/public/index.html").statusCode()).isEqualTo(403);
    }

    // S3 API Reference, GetObject, "Overriding response header values through the request": the
    // response-* parameters need a signed request; "They cannot be used with an unsigned
    // (anonymous) request." Else anyone could serve a public text object as text/html.
    @Test
    void anAnonymousGetMayNotOverrideResponseHeaders() throws Exception {
        String bucket = server.createBucket("public-overrides");
        s3.putObject(b -> b.bucket(bucket).key("public/note.txt").contentType("text/plain"),
                RequestBody.fromString("<script>alert(1)</script>"));
        s3.putBucketPolicy(b -> b.bucket(bucket).policy(publicFolder(bucket, "public")));
        String path = "/" + bucket + "/public/note.txt";

        for (String override : new String[] {"response-content-type=text%2Fhtml",
                "response-content-disposition=inline", "response-cache-control=max-age%3D9", "response-expires=0",
                "response-content-encoding=gzip", "response-content-language=fr"}) {
            String body = assertXmlError(server.raw().anonymous("GET", path + "?" + override), 400, "InvalidRequest");
            assertThat(body).contains("Request specific response headers cannot be used for anonymous GET requests.");
        }
        HttpResponse<String> plain = browserGet(path);
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("content-type")).hasValue("text/plain");
        // Signed (here presigned), the override is honoured, as S3 honours it.
        HttpResponse<byte[]> presigned = server.raw().send(HttpRequest.newBuilder(server.raw().presigned("GET",
                path + "?response-content-type=text%2Fhtml", java.time.Duration.ofMinutes(5))).GET().build());
        assertThat(presigned.statusCode()).isEqualTo(200);
        assertThat(presigned.headers().firstValue("content-type")).hasValue("text/html");
    }

    /** HeadObject has the same options as GetObject (API Reference), so the same refusal: 400, no body. */
    @Test
    void anAnonymousHeadMayNotOverrideResponseHeadersEither() {
        String bucket = server.createBucket("public-head-overrides");
        s3.putObject(b -> b.bucket(bucket).key("public/note.txt").contentType("text/plain"), RequestBody.fromString("x"));
        s3.putBucketPolicy(b -> b.bucket(bucket).policy(publicFolder(bucket, "public")));
        String path = "/" + bucket + "/public/note.txt";

        for (String override : new String[] {"response-content-type=text%2Fhtml", "response-content-disposition=inline"}) {
            HttpResponse<byte[]> refused = server.raw().anonymous("HEAD", path + "?" + override);
            assertThat(refused.statusCode()).as(override).isEqualTo(400);
            assertThat(refused.headers().firstValue("content-type").orElse("")).as(override).doesNotContain("text/html");
        }
        HttpResponse<byte[]> plain = server.raw().anonymous("HEAD", path);
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("content-type")).hasValue("text/plain");
        HttpResponse<byte[]> presigned = server.raw().send(HttpRequest.newBuilder(server.raw().presigned("HEAD",
                path + "?response-content-type=text%2Fhtml", java.time.Duration.ofMinutes(5)))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(presigned.statusCode()).isEqualTo(200);
        assertThat(presigned.headers().firstValue("content-type")).hasValue("text/html");
    }

    @Test
    void thePolicyReadsBackAsPutAndItsStatusSaysWhetherItIsPublic() {
        String bucket = server.createBucket("policy-crud");
        assertS3Error(404, "NoSuchBucketPolicy", () -> s3.getBucketPolicy(b -> b.bucket(bucket)));
        assertS3Error(404, "NoSuchBucketPolicy", () -> s3.getBucketPolicyStatus(b -> b.bucket(bucket)));
        String policy = publicFolder(bucket, "web");
        s3.putBucketPolicy(b -> b.bucket(bucket).policy(policy));
        assertThat(s3.getBucketPolicy(b -> b.bucket(bucket)).policy()).isEqualTo(policy);
        assertThat(s3.getBucketPolicyStatus(b -> b.bucket(bucket)).policyStatus().isPublic()).isTrue();

        String ipBound = """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject",
                 "Resource":"arn:aws:s3:::%s/*","Condition":{"IpAddress":{"aws:SourceIp":"192.0.2.0/24"}}}]}"""
                .formatted(bucket);
        s3.putBucketPolicy(b -> b.bucket(bucket).policy(ipBound));
        assertThat(s3.getBucketPolicyStatus(b -> b.bucket(bucket)).policyStatus().isPublic()).isFalse();

        s3.deleteBucketPolicy(b -> b.bucket(bucket));
        s3.deleteBucketPolicy(b -> b.bucket(bucket)); // 204 again, as S3 answers
        assertS3Error(404, "NoSuchBucketPolicy", () -> s3.getBucketPolicy(b -> b.bucket(bucket)));
        assertS3Error(404, "NoSuchBucket", () -> s3.getBucketPolicy(b -> b.bucket(bucket + "-absent")));
    }

    @Test
    void aMalformedPolicyIsRefusedWithS3sMessage() {
        String bucket = server.createBucket("policy-malformed");
        S3Exception e = assertS3Error(400, "MalformedPolicy", () -> s3.putBucketPolicy(b -> b.bucket(bucket).policy("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject",
                 "Resource":"arn:aws:s3:::%s/*"}]}""".formatted(bucket))));
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Missing required field Principal");
        e = assertS3Error(400, "MalformedPolicy", () -> s3.putBucketPolicy(b -> b.bucket(bucket).policy("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"s3:GetObject",
                 "Resource":"arn:aws:s3:::another-bucket/*"}]}""")));
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Policy has invalid resource");
        assertS3Error(400, "MalformedPolicy", () -> s3.putBucketPolicy(b -> b.bucket(bucket).policy("not json")));
        assertS3Error(404, "NoSuchBucketPolicy", () -> s3.getBucketPolicy(b -> b.bucket(bucket)));
    }

    // S3 API Reference, PutBucketPolicy: "the root principal in a bucket owner's AWS account can
    // perform the GetBucketPolicy, PutBucketPolicy, and DeleteBucketPolicy API actions, even if
    // their root-level permissions are explicitly denied by the bucket policy".
    @Test
    void anExplicitDenyBindsTheRootExceptForThePolicyItself() {
        String bucket = server.createBucket("policy-deny-root");
        s3.putObject(b -> b.bucket(bucket).key("locked/a.txt"), RequestBody.fromString("a"));
        s3.putObject(b -> b.bucket(bucket).key("open/b.txt"), RequestBody.fromString("b"));
        s3.putBucketPolicy(b -> b.bucket(bucket).policy("""
                {"Version":"2012-10-17","Statement":[
                 {"Sid":"DenyLocked","Effect":"Deny","Principal":"*","Action":"s3:*","Resource":"arn:aws:s3:::%s/locked/*"},
                 {"Sid":"DenyPolicyOps","Effect":"Deny","Principal":"*",
                  "Action":["s3:GetBucketPolicy","s3:PutBucketPolicy","s3:DeleteBucketPolicy"],
                  "Resource":"arn:aws:s3:::%s"}]}""".formatted(bucket, bucket)));

        assertS3Error(403, "AccessDenied", () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("locked/a.txt")));
        assertS3Error(403, "AccessDenied", () -> s3.putObject(b -> b.bucket(bucket).key("locked/new.txt"),
                RequestBody.fromString("x")));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("open/b.txt")).asUtf8String()).isEqualTo("b");
        // DeleteObjects: each key on its own — the open one goes, the locked one is AccessDenied.
        var result = s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(
                o -> o.key("open/b.txt"), o -> o.key("locked/a.txt"))));
        assertThat(result.deleted()).extracting(dd -> dd.key()).containsExactly("open/b.txt");
        assertThat(result.errors()).extracting(er -> er.key() + " " + er.code()).containsExactly("locked/a.txt AccessDenied");
        // CopyObject needs s3:GetObject on the source: a locked source cannot be copied out.
        assertS3Error(403, "AccessDenied", () -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("locked/a.txt")
                .destinationBucket(bucket).destinationKey("open/copy.txt")));

        assertThat(s3.getBucketPolicy(b -> b.bucket(bucket)).policy()).contains("DenyLocked");
        s3.deleteBucketPolicy(b -> b.bucket(bucket));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("locked/a.txt")).asUtf8String()).isEqualTo("a");
    }

    @Test
    void denyUnlessTlsRefusesPlainHttpEvenToTheRoot() {
        String bucket = server.createBucket("policy-tls");
        s3.putObject(b -> b.bucket(bucket).key("a"), RequestBody.fromString("a"));
        s3.putBucketPolicy(b -> b.bucket(bucket).policy("""
                {"Version":"2012-10-17","Statement":[{"Sid":"RestrictToTLSRequestsOnly","Effect":"Deny","Principal":"*",
                 "Action":"s3:*","Resource":["arn:aws:s3:::%s","arn:aws:s3:::%s/*"],
                 "Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}""".formatted(bucket, bucket)));
        assertS3Error(403, "AccessDenied", () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("a")));
        assertS3Error(403, "AccessDenied", () -> s3.listObjectsV2(b -> b.bucket(bucket)));
        s3.deleteBucketPolicy(b -> b.bucket(bucket));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("a")).asUtf8String()).isEqualTo("a");
    }

    @Test
    void blockPublicAccessRefusesAndIgnoresPublicPolicies() throws Exception {
        String bucket = server.createBucket("policy-bpa");
        s3.putObject(b -> b.bucket(bucket).key("web/page.html"), RequestBody.fromString("page"));
        assertS3Error(404, "NoSuchPublicAccessBlockConfiguration", () -> s3.getPublicAccessBlock(b -> b.bucket(bucket)));

        s3.putPublicAccessBlock(b -> b.bucket(bucket).publicAccessBlockConfiguration(c -> c.blockPublicPolicy(true)));
        var settings = s3.getPublicAccessBlock(b -> b.bucket(bucket)).publicAccessBlockConfiguration();
        assertThat(settings.blockPublicPolicy()).isTrue();
        assertThat(settings.restrictPublicBuckets()).isFalse();
        assertS3Error(403, "AccessDenied", () -> s3.putBucketPolicy(b -> b.bucket(bucket).policy(publicFolder(bucket, "web"))));
        assertS3Error(404, "NoSuchBucketPolicy", () -> s3.getBucketPolicy(b -> b.bucket(bucket)));

        // RestrictPublicBuckets: the public policy is stored but grants nothing outside the account.
        s3.putPublicAccessBlock(b -> b.bucket(bucket).publicAccessBlockConfiguration(c -> c.restrictPublicBuckets(true)));
        s3.putBucketPolicy(b -> b.bucket(bucket).policy(publicFolder(bucket, "web")));
        assertThat(browserGet("/" + bucket + "/web/page.html").statusCode()).isEqualTo(403);

        s3.deletePublicAccessBlock(b -> b.bucket(bucket));
        assertS3Error(404, "NoSuchPublicAccessBlockConfiguration", () -> s3.getPublicAccessBlock(b -> b.bucket(bucket)));
        assertThat(browserGet("/" + bucket + "/web/page.html").statusCode()).isEqualTo(200);
    }

    @Test
    void theServerWideSettingAppliesToEveryBucket() throws Exception {
        try (CofferServer locked = CofferServer.startInProcess("--coffer.public-access-block.block-public-policy=true",
                "--coffer.public-access-block.restrict-public-buckets=true")) {
            S3Client client = locked.s3();
            String bucket = locked.createBucket("server-bpa");
            assertS3Error(403, "AccessDenied", () -> client.putBucketPolicy(b -> b.bucket(bucket)
                    .policy(publicFolder(bucket, "web"))));
            String privatePolicy = """
                    {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},
                     "Action":"s3:GetObject","Resource":"arn:aws:s3:::%s/*"}]}""".formatted(bucket);
            client.putBucketPolicy(b -> b.bucket(bucket).policy(privatePolicy));
            assertThat(client.getBucketPolicy(b -> b.bucket(bucket)).policy()).isEqualTo(privatePolicy);
        }
    }
}
