package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertS3Error;
import static dev.coffer.compat.support.S3Assertions.assertXmlError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.clients.ClientConfig;
import dev.coffer.compat.clients.ExternalClient;
import dev.coffer.compat.support.AwsCli;
import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.Tools;
import java.net.URI;
import java.net.http.HttpClient;
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
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectOwnership;
import tools.jackson.databind.JsonNode;

/**
 * What ACLs grant, decided by the one Authorizer: the owner, a second account, anonymous
 * browsers (plain HTTP GETs), Block Public Access; and the tools that set ACLs at their defaults
 * (aws CLI {@code --acl public-read}, s3cmd {@code --acl-public} / {@code setacl}, rclone's
 * {@code --s3-acl} and its configuration's {@code acl}) followed by an anonymous GET.
 */
@ExtendWith(CofferServerExtension.class)
class AclAccessIT {
    private static CofferServer server;
    private static S3Client s3;
    private static AclITAccounts accounts;
    private static JsonNode other;

    @TempDir
    Path dir;

    @BeforeAll
    static void start(CofferServer cofferServer) throws Exception {
        server = cofferServer;
        s3 = server.s3();
        accounts = new AclITAccounts(server);
        other = accounts.create("acl-access-other");
    }

    /** A browser's GET: no credentials, the JDK's client at its defaults. */
    private static HttpResponse<String> browserGet(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.endpoint() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String writerBucket(String hint) {
        return accounts.writerBucket(s3, hint);
    }

    @Test
    void aPublicReadObjectServesABrowserWithNoCredentialsWhereBlockPublicAccessAllows() throws Exception {
        String bucket = writerBucket("acl-public-read");
        s3.putObject(b -> b.bucket(bucket).key("index.html").contentType("text/html").acl(ObjectCannedACL.PUBLIC_READ),
                RequestBody.fromString("<h1>hi</h1>"));
        s3.putObject(b -> b.bucket(bucket).key("secret.txt"), RequestBody.fromString("secret"));

        HttpResponse<String> page = browserGet("/" + bucket + "/index.html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).isEqualTo("<h1>hi</h1>");
        assertThat(browserGet("/" + bucket + "/secret.txt").statusCode()).isEqualTo(403);
        assertXmlError(server.raw().anonymous("GET", "/" + bucket), 403, "AccessDenied"); // the bucket is not listable
        assertXmlError(server.raw().anonymous("DELETE", "/" + bucket + "/index.html"), 403, "AccessDenied");
        assertXmlError(server.raw().anonymous("GET", "/" + bucket + "/index.html?acl"), 403, "AccessDenied");

        // IgnorePublicAcls disregards the grant; BlockPublicAcls refuses new public ACLs.
        s3.putPublicAccessBlock(b -> b.bucket(bucket).publicAccessBlockConfiguration(c -> c.ignorePublicAcls(true)));
        assertThat(browserGet("/" + bucket + "/index.html").statusCode()).isEqualTo(403);
        s3.putPublicAccessBlock(b -> b.bucket(bucket).publicAccessBlockConfiguration(c -> c.blockPublicAcls(true)));
        assertThat(browserGet("/" + bucket + "/index.html").statusCode()).isEqualTo(200);
        assertS3Error(403, "AccessDenied", () -> s3.putObject(b -> b.bucket(bucket).key("more.html")
                .acl(ObjectCannedACL.PUBLIC_READ), RequestBody.fromString("x")));
        assertS3Error(403, "AccessDenied", () -> s3.putObjectAcl(b -> b.bucket(bucket).key("secret.txt")
                .acl(ObjectCannedACL.AUTHENTICATED_READ)));
        assertS3Error(404, "NoSuchKey", () -> s3.headObject(b -> b.bucket(bucket).key("more.html")));
        s3.deletePublicAccessBlock(b -> b.bucket(bucket));

        s3.putObjectAcl(b -> b.bucket(bucket).key("index.html").acl(ObjectCannedACL.PRIVATE));
        assertThat(browserGet("/" + bucket + "/index.html").statusCode()).isEqualTo(403);
        // Enforcing ownership disables ACLs: a public-read object is then owner-only.
        s3.putObjectAcl(b -> b.bucket(bucket).key("index.html").acl(ObjectCannedACL.PUBLIC_READ));
        s3.putBucketOwnershipControls(b -> b.bucket(bucket).ownershipControls(c -> c.rules(r -> r
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED))));
        assertThat(browserGet("/" + bucket + "/index.html").statusCode()).isEqualTo(403);
    }

    /**
     * GetObject, "Permissions": a key that does not exist is 404 NoSuchKey to whoever may list the
     * bucket, 403 to anyone else, even when only the bucket's ACL lets them list (ceph/s3-tests
     * test_object_raw_get_object_gone, test_cors_origin_response).
     */
    @Test
    void aMissingKeyIsNoSuchKeyToWhoeverTheBucketAclLetsList() {
        String bucket = writerBucket("acl-missing-key");
        s3.putObject(b -> b.bucket(bucket).key("private.txt"), RequestBody.fromString("private"));
        assertXmlError(server.raw().anonymous("GET", "/" + bucket + "/gone.txt"), 403, "AccessDenied");
        try (S3Client theirs = accounts.client(other)) {
            assertS3Error(403, "AccessDenied", () -> theirs.getObject(b -> b.bucket(bucket).key("gone.txt")));

            s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ));
            assertXmlError(server.raw().anonymous("GET", "/" + bucket + "/gone.txt"), 404, "NoSuchKey");
            assertThat(server.raw().anonymous("HEAD", "/" + bucket + "/gone.txt").statusCode()).isEqualTo(404);
            assertS3Error(404, "NoSuchKey", () -> theirs.getObject(b -> b.bucket(bucket).key("gone.txt")));
            // An object that exists stays refused to whoever its ACL does not let read it.
            assertXmlError(server.raw().anonymous("GET", "/" + bucket + "/private.txt"), 403, "AccessDenied");
            assertS3Error(403, "AccessDenied", () -> theirs.getObject(b -> b.bucket(bucket).key("private.txt")));

            s3.deleteObject(b -> b.bucket(bucket).key("private.txt"));
            assertXmlError(server.raw().anonymous("GET", "/" + bucket + "/private.txt"), 404, "NoSuchKey");
        }
    }

    @Test
    void bucketAclsGrantAnotherAccountAndAnonymousWhatS3Maps() {
        String bucket = writerBucket("acl-bucket-grants");
        s3.putObject(b -> b.bucket(bucket).key("owners.txt"), RequestBody.fromString("owner's"));
        try (S3Client theirs = accounts.client(other)) {
            assertS3Error(403, "AccessDenied", () -> theirs.listObjectsV2(b -> b.bucket(bucket)));
            assertS3Error(403, "AccessDenied", () -> theirs.putObject(b -> b.bucket(bucket).key("x"),
                    RequestBody.fromString("x")));

            s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.AUTHENTICATED_READ));
            assertThat(theirs.listObjectsV2(b -> b.bucket(bucket)).contents()).hasSize(1);
            assertXmlError(server.raw().anonymous("GET", "/" + bucket), 403, "AccessDenied");
            // READ on the bucket lists it; the objects keep their own ACLs.
            assertS3Error(403, "AccessDenied", () -> theirs.getObject(b -> b.bucket(bucket).key("owners.txt")));

            s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PUBLIC_READ_WRITE));
            assertThat(server.raw().anonymous("GET", "/" + bucket).statusCode()).isEqualTo(200);
            // WRITE: the other account writes, and owns what it writes (ObjectWriter).
            theirs.putObject(b -> b.bucket(bucket).key("theirs.txt"), RequestBody.fromString("theirs"));
            assertThat(theirs.getObjectAcl(b -> b.bucket(bucket).key("theirs.txt")).owner().id())
                    .isEqualTo(other.get("canonicalUserId").asText());
            assertThat(theirs.getObjectAsBytes(b -> b.bucket(bucket).key("theirs.txt")).asUtf8String()).isEqualTo("theirs");
            theirs.deleteObject(b -> b.bucket(bucket).key("owners.txt"));

            // A grant by id gives exactly that permission.
            s3.putBucketAcl(b -> b.bucket(bucket).acl(BucketCannedACL.PRIVATE));
            s3.putObject(b -> b.bucket(bucket).key("shared.txt").grantRead("id=\"" + other.get("canonicalUserId").asText()
                    + "\""), RequestBody.fromString("shared"));
            assertThat(theirs.getObjectAsBytes(b -> b.bucket(bucket).key("shared.txt")).asUtf8String()).isEqualTo("shared");
            assertS3Error(403, "AccessDenied", () -> theirs.getObjectAcl(b -> b.bucket(bucket).key("shared.txt")));
            assertS3Error(403, "AccessDenied", () -> theirs.listObjectsV2(b -> b.bucket(bucket)));
        }
    }

    @Test
    void bucketOwnerPreferredGivesTheBucketOwnerWhatIsWrittenWithBucketOwnerFullControl() {
        String bucket = server.uniqueBucketName("acl-preferred");
        s3.createBucket(b -> b.bucket(bucket).objectOwnership(ObjectOwnership.BUCKET_OWNER_PREFERRED)
                .grantWrite("id=\"" + other.get("canonicalUserId").asText() + "\""));
        try (S3Client theirs = accounts.client(other)) {
            theirs.putObject(b -> b.bucket(bucket).key("handed-over").acl(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL),
                    RequestBody.fromString("a"));
            theirs.putObject(b -> b.bucket(bucket).key("kept"), RequestBody.fromString("b"));
        }
        String ownerId = s3.listBuckets().owner().id();
        assertThat(s3.getObjectAcl(b -> b.bucket(bucket).key("handed-over")).owner().id()).isEqualTo(ownerId);
        assertThat(s3.getObjectAcl(b -> b.bucket(bucket).key("kept")).owner().id())
                .isEqualTo(other.get("canonicalUserId").asText());
    }

    @Test
    void awsCliCpWithAclPublicReadThenAnonymousCurl() throws Exception {
        AwsCli.require();
        AwsCli aws = new AwsCli(server, dir);
        Path file = Files.writeString(dir.resolve("page.html"), "<p>from the cli</p>");
        String enforced = server.createBucket("acl-cli-enforced");
        assertThat(aws.fail("s3", "cp", "--acl", "public-read", file.toString(), "s3://" + enforced + "/page.html"))
                .contains("AccessControlListNotSupported");
        String bucket = writerBucket("acl-cli");
        aws.run("s3", "cp", "--acl", "public-read", file.toString(), "s3://" + bucket + "/page.html");
        assertThat(curl("/" + bucket + "/page.html")).isEqualTo("200 <p>from the cli</p>");
        aws.run("s3api", "put-object-acl", "--bucket", bucket, "--key", "page.html", "--acl", "private");
        assertThat(curl("/" + bucket + "/page.html")).startsWith("403 ");
        assertThat(aws.run("s3api", "get-object-acl", "--bucket", bucket, "--key", "page.html")).contains("FULL_CONTROL")
                .doesNotContain("AllUsers");
    }

    @Test
    void s3cmdAclPublicAndSetaclThenAnonymousCurl() throws Exception {
        Tools.requireOnPath("s3cmd", "apt-get install s3cmd");
        ExternalClient s3cmd = new ExternalClient("s3cmd", dir, 60);
        Path config = ClientConfig.render("s3cmd.cfg", Map.of(
                "host_port", server.endpoint().getHost() + ":" + server.port(),
                "access_key", CofferServer.ACCESS_KEY, "secret_key", CofferServer.SECRET_KEY,
                "region", CofferServer.REGION.id(), "signature_v2", "False"), dir.resolve("s3cmd.cfg"));
        Path file = Files.writeString(dir.resolve("a.txt"), "from s3cmd");
        String bucket = writerBucket("acl-s3cmd");
        String b = "s3://" + bucket;
        s3cmd.run("-c", config.toString(), "--no-progress", "put", "--acl-public", file.toString(), b + "/a.txt").ok();
        assertThat(curl("/" + bucket + "/a.txt")).isEqualTo("200 from s3cmd");
        s3cmd.run("-c", config.toString(), "setacl", "--acl-private", b + "/a.txt").ok();
        assertThat(curl("/" + bucket + "/a.txt")).startsWith("403 ");
        s3cmd.run("-c", config.toString(), "setacl", "--acl-public", b + "/a.txt").ok();
        assertThat(curl("/" + bucket + "/a.txt")).isEqualTo("200 from s3cmd");
        assertThat(s3cmd.run("-c", config.toString(), "info", b + "/a.txt").ok()).contains("*anon*: READ");
    }

    @Test
    void rcloneS3AclPublicReadThenAnonymousCurl() throws Exception {
        Tools.requireOnPath("rclone", "apt-get install rclone");
        ExternalClient rclone = new ExternalClient("rclone", dir, 60);
        Path config = ClientConfig.render("rclone.conf", Map.of("endpoint", server.endpoint().toString(),
                "access_key", CofferServer.ACCESS_KEY, "secret_key", CofferServer.SECRET_KEY,
                "region", CofferServer.REGION.id()), dir.resolve("rclone.conf"));
        Path file = Files.writeString(dir.resolve("r.txt"), "from rclone");
        String bucket = writerBucket("acl-rclone");
        rclone.run("--config", config.toString(), "copyto", "--s3-acl", "public-read", file.toString(),
                "coffer:" + bucket + "/r.txt").ok();
        assertThat(curl("/" + bucket + "/r.txt")).isEqualTo("200 from rclone");
    }

    /**
     * rclone's own {@code acl} setting in its remote's configuration (no flag): {@code public-read}
     * into the owner's bucket; {@code bucket-owner-full-control} as another account writing into a
     * BucketOwnerPreferred bucket whose policy lets it put objects, which the bucket owner then owns.
     */
    @Test
    void rcloneWithAclInItsConfigurationPublicReadAndBucketOwnerFullControl() throws Exception {
        Tools.requireOnPath("rclone", "apt-get install rclone");
        ExternalClient rclone = new ExternalClient("rclone", dir, 60);
        Path ownConfig = rcloneConfig("own.conf", CofferServer.ACCESS_KEY, CofferServer.SECRET_KEY, "public-read");
        Path file = Files.writeString(dir.resolve("c.txt"), "from rclone's config");
        String bucket = writerBucket("acl-rclone-conf");
        rclone.run("--config", ownConfig.toString(), "copyto", file.toString(), "coffer:" + bucket + "/c.txt").ok();
        assertThat(curl("/" + bucket + "/c.txt")).isEqualTo("200 from rclone's config");

        String shared = server.uniqueBucketName("acl-rclone-bofc");
        s3.createBucket(b -> b.bucket(shared).objectOwnership(ObjectOwnership.BUCKET_OWNER_PREFERRED));
        // At its defaults rclone HEADs the bucket and the object before the upload, and the object
        // after it: s3:ListBucket and s3:GetObject besides s3:PutObject (as on AWS).
        String them = "\"Principal\":{\"AWS\":\"arn:aws:iam::" + other.get("accountId").asText() + ":root\"}";
        s3.putBucketPolicy(b -> b.bucket(shared).policy("{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\"," + them + ",\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:s3:::" + shared + "\"},"
                + "{\"Effect\":\"Allow\"," + them + ",\"Action\":[\"s3:PutObject\",\"s3:GetObject\"],"
                + "\"Resource\":\"arn:aws:s3:::" + shared + "/*\"}]}"));
        Path theirConfig = rcloneConfig("theirs.conf", other.get("accessKeyId").asText(),
                other.get("secretAccessKey").asText(), "bucket-owner-full-control");
        rclone.run("--config", theirConfig.toString(), "copyto", file.toString(), "coffer:" + shared + "/handed.txt").ok();
        assertThat(s3.getObjectAcl(b -> b.bucket(shared).key("handed.txt")).owner().id())
                .isEqualTo(s3.listBuckets().owner().id());
        assertThat(s3.getObjectAsBytes(b -> b.bucket(shared).key("handed.txt")).asUtf8String())
                .isEqualTo("from rclone's config");
        assertThat(curl("/" + shared + "/handed.txt")).startsWith("403 ");
    }

    private Path rcloneConfig(String name, String accessKey, String secretKey, String acl) throws Exception {
        Path config = ClientConfig.render("rclone.conf", Map.of("endpoint", server.endpoint().toString(),
                "access_key", accessKey, "secret_key", secretKey, "region", CofferServer.REGION.id()), dir.resolve(name));
        return Files.writeString(config, Files.readString(config) + "acl = " + acl + "\n");
    }

    /** curl with no credentials: "STATUS BODY". */
    private String curl(String path) throws Exception {
        ExternalClient curl = new ExternalClient("curl", dir, 30);
        ExternalClient.Run run = curl.run("-s", "-w", "\n%{http_code}", server.endpoint() + path);
        String out = run.stdout();
        int nl = out.lastIndexOf('\n');
        return out.substring(nl + 1) + " " + out.substring(0, nl);
    }
}
