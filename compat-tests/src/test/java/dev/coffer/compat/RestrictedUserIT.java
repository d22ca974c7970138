package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.support.AwsCli;
import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.TestData;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Least privilege end to end (issue 14): IAM users made with the SDK v2's IAM client, then used
 * through the SDK v2's S3 client, its presigner, a browser-style POST form and the aws CLI. Alice
 * may list and write only under {@code home/alice/} of one bucket (the docs/policies.md policy
 * with {@code ${aws:username}}), write anywhere in a second bucket and read one folder of a third.
 * Carol may list and read one bucket. Each test shows one thing she can do and the thing next to
 * it that she cannot.
 */
@ExtendWith(CofferServerExtension.class)
@org.junit.jupiter.api.Timeout(value = 10, unit = java.util.concurrent.TimeUnit.MINUTES)
class RestrictedUserIT {
    private static CofferServer server;
    private static IamClient iam;
    private static String data;
    private static String dest;
    private static String other;
    private static AccessKey alice;
    private static AccessKey carol;
    private static S3Client aliceS3;
    private static S3Client carolS3;

    @TempDir
    Path dir;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        iam = IamClient.builder().endpointOverride(server.endpoint()).region(Region.AWS_GLOBAL)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(CofferServer.ACCESS_KEY, CofferServer.SECRET_KEY)))
                .build();
        data = server.createBucket("ru-data");
        dest = server.createBucket("ru-dest");
        other = server.createBucket("ru-other");
        for (String key : List.of("home/alice/a.txt", "home/bob/b.txt")) {
            server.s3().putObject(b -> b.bucket(data).key(key), RequestBody.fromString(key));
        }
        server.s3().putObject(b -> b.bucket(other).key("secret.txt"), RequestBody.fromString("secret"));
        server.s3().putObject(b -> b.bucket(other).key("public/p.txt"), RequestBody.fromString("public"));

        String suffix = Long.toHexString(System.nanoTime());
        alice = user("alice-" + suffix, "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Sid\":\"ListHome\",\"Effect\":\"Allow\",\"Action\":\"s3:ListBucket\",\"Resource\":\"arn:aws:s3:::" + data
                + "\",\"Condition\":{\"StringLike\":{\"s3:prefix\":[\"home/${aws:username}/*\"]}}},"
                + "{\"Sid\":\"Home\",\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:PutObject\",\"s3:DeleteObject\"],"
                + "\"Resource\":\"arn:aws:s3:::" + data + "/home/${aws:username}/*\"},"
                + "{\"Sid\":\"Dest\",\"Effect\":\"Allow\",\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::" + dest + "/*\"},"
                + "{\"Sid\":\"Public\",\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::" + other
                + "/public/*\"}]}");
        carol = user("carol-" + suffix, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
                + "\"Action\":[\"s3:ListBucket\",\"s3:GetObject\"],\"Resource\":[\"arn:aws:s3:::" + data + "\",\"arn:aws:s3:::"
                + data + "/*\"]}]}");
        aliceS3 = server.newClient(alice.accessKeyId(), alice.secretAccessKey());
        carolS3 = server.newClient(carol.accessKeyId(), carol.secretAccessKey());
    }

    private static AccessKey user(String name, String policy) {
        iam.createUser(b -> b.userName(name));
        iam.putUserPolicy(b -> b.userName(name).policyName("scope").policyDocument(policy));
        return iam.createAccessKey(b -> b.userName(name)).accessKey();
    }

    @AfterAll
    static void stop() {
        aliceS3.close();
        carolS3.close();
        iam.close();
    }

    private static String aliceHome() {
        return "home/" + alice.userName() + "/";
    }

    @Test
    void aUserLimitedToHerFolderWritesReadsAndListsThereAndNowhereElse() {
        String key = aliceHome() + "list/notes.txt";
        aliceS3.putObject(b -> b.bucket(data).key(key), RequestBody.fromString("mine"));
        assertThat(aliceS3.getObjectAsBytes(b -> b.bucket(data).key(key)).asUtf8String()).isEqualTo("mine");
        assertThat(aliceS3.listObjectsV2(b -> b.bucket(data).prefix(aliceHome() + "list/")).contents())
                .extracting(S3Object::key).containsExactly(key);

        assertThat(errorCode(() -> aliceS3.putObject(b -> b.bucket(data).key("home/bob/x"), RequestBody.fromString("no"))))
                .isEqualTo("AccessDenied");
        assertThat(errorCode(() -> aliceS3.getObject(b -> b.bucket(data).key("home/bob/b.txt")))).isEqualTo("AccessDenied");
        assertThat(errorCode(() -> aliceS3.listObjectsV2(b -> b.bucket(data)))).isEqualTo("AccessDenied");
        assertThat(errorCode(() -> aliceS3.listObjectsV2(b -> b.bucket(data).prefix("home/bob/")))).isEqualTo("AccessDenied");
        assertThat(errorCode(() -> aliceS3.listObjectsV2(b -> b.bucket(other)))).isEqualTo("AccessDenied");
        assertThat(errorCode(() -> aliceS3.listBuckets())).isEqualTo("AccessDenied");
        assertThat(errorCode(() -> aliceS3.deleteBucket(b -> b.bucket(dest)))).isEqualTo("AccessDenied");
    }

    @Test
    void theAwsCliAtItsDefaultsGetsExactlyTheSameRights() throws Exception {
        AwsCli cli = new AwsCli(server.endpoint().toString(), dir, AwsCli.credentials(Map.of(
                "AWS_ACCESS_KEY_ID", alice.accessKeyId(), "AWS_SECRET_ACCESS_KEY", alice.secretAccessKey())));
        Path file = Files.writeString(dir.resolve("cli.txt"), "from the cli");
        cli.run("s3", "cp", file.toString(), "s3://" + data + "/" + aliceHome() + "cli.txt");
        assertThat(cli.run("s3", "ls", "s3://" + data + "/" + aliceHome())).contains("cli.txt");
        assertThat(cli.run("s3", "cp", "s3://" + data + "/" + aliceHome() + "cli.txt", "-")).isEqualTo("from the cli");
        assertThat(cli.fail("s3", "cp", file.toString(), "s3://" + data + "/home/bob/cli.txt")).contains("AccessDenied");
        assertThat(cli.fail("s3", "ls", "s3://" + data + "/")).contains("AccessDenied");
        assertThat(cli.fail("s3", "ls")).contains("AccessDenied");
    }

    @Test
    void aMissingKeyIs403WithoutListBucketAnd404WithIt() {
        String missing = aliceHome() + "missing.txt";
        assertThat(status(() -> aliceS3.getObject(b -> b.bucket(data).key(missing)))).isEqualTo(403);
        assertThat(errorCode(() -> aliceS3.getObject(b -> b.bucket(data).key(missing)))).isEqualTo("AccessDenied");
        assertThat(status(() -> aliceS3.headObject(b -> b.bucket(data).key(missing)))).isEqualTo(403);
        assertThat(errorCode(() -> carolS3.getObject(b -> b.bucket(data).key(missing)))).isEqualTo("NoSuchKey");
        assertThat(status(() -> carolS3.headObject(b -> b.bucket(data).key(missing)))).isEqualTo(404);
    }

    @Test
    void deleteObjectsDeletesTheAllowedKeysAndAnswersAccessDeniedForEachOther() {
        String mine = aliceHome() + "delete-me.txt";
        server.s3().putObject(b -> b.bucket(data).key(mine), RequestBody.fromString("x"));
        server.s3().putObject(b -> b.bucket(data).key("home/bob/keep.txt"), RequestBody.fromString("x"));
        DeleteObjectsResponse r = aliceS3.deleteObjects(b -> b.bucket(data).delete(d -> d.objects(
                ObjectIdentifier.builder().key(mine).build(), ObjectIdentifier.builder().key("home/bob/keep.txt").build())));
        assertThat(r.deleted()).extracting(d -> d.key()).containsExactly(mine);
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo("home/bob/keep.txt");
            assertThat(e.code()).isEqualTo("AccessDenied");
        });
        assertThat(server.s3().headObject(b -> b.bucket(data).key("home/bob/keep.txt")).contentLength()).isEqualTo(1);
        assertThat(errorCode(() -> server.s3().headObject(b -> b.bucket(data).key(mine)))).isNotNull();
    }

    @Test
    void copyObjectNeedsReadOnTheSourceAndWriteOnTheTarget() {
        String mine = aliceHome() + "a.txt";
        server.s3().putObject(b -> b.bucket(data).key(mine), RequestBody.fromString("copy me"));
        aliceS3.copyObject(b -> b.sourceBucket(data).sourceKey(mine).destinationBucket(dest).destinationKey("from-home"));
        assertThat(server.s3().getObjectAsBytes(b -> b.bucket(dest).key("from-home")).asUtf8String()).isEqualTo("copy me");
        aliceS3.copyObject(b -> b.sourceBucket(other).sourceKey("public/p.txt").destinationBucket(dest).destinationKey("p"));

        assertThat(errorCode(() -> aliceS3.copyObject(b -> b.sourceBucket(other).sourceKey("secret.txt")
                .destinationBucket(dest).destinationKey("stolen")))).isEqualTo("AccessDenied");
        assertThat(errorCode(() -> aliceS3.copyObject(b -> b.sourceBucket(data).sourceKey(mine)
                .destinationBucket(other).destinationKey("planted")))).isEqualTo("AccessDenied");
        assertThat(errorCode(() -> server.s3().headObject(b -> b.bucket(dest).key("stolen")))).isEqualTo("NoSuchKey");
        assertThat(errorCode(() -> server.s3().headObject(b -> b.bucket(other).key("planted")))).isEqualTo("NoSuchKey");
    }

    @Test
    void presignedUrlsActWithTheSignersRightsAndAnUploadUrlCannotReadAnotherBucket() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        try (S3Presigner presigner = server.newPresigner(alice.accessKeyId(), alice.secretAccessKey())) {
            URI mine = presigner.presignGetObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket(data).key("home/alice/a.txt".replace("alice", alice.userName()))))
                    .url().toURI();
            server.s3().putObject(b -> b.bucket(data).key(aliceHome() + "a.txt"), RequestBody.fromString("presigned"));
            assertThat(http.send(HttpRequest.newBuilder(mine).build(), HttpResponse.BodyHandlers.ofString()).body())
                    .isEqualTo("presigned");
            URI bobs = presigner.presignGetObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket(data).key("home/bob/b.txt"))).url().toURI();
            assertThat(http.send(HttpRequest.newBuilder(bobs).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(403);
        }
        // An upload URL whose signature covers x-amz-copy-source turns the PUT into a copy: it copies
        // only what its signer may read.
        var raw = server.raw(alice.accessKeyId(), alice.secretAccessKey());
        String target = "/" + data + "/" + aliceHome() + "upload";
        URI steal = raw.presigned("PUT", target, Map.of("x-amz-copy-source", "/" + other + "/secret.txt"), Duration.ofMinutes(5));
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(steal).header("x-amz-copy-source", "/" + other
                + "/secret.txt").PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("<Code>AccessDenied</Code>");
        assertThat(errorCode(() -> server.s3().headObject(b -> b.bucket(data).key(aliceHome() + "upload"))))
                .isEqualTo("NoSuchKey");
        URI own = raw.presigned("PUT", target, Map.of("x-amz-copy-source", "/" + other + "/public/p.txt"), Duration.ofMinutes(5));
        assertThat(http.send(HttpRequest.newBuilder(own).header("x-amz-copy-source", "/" + other + "/public/p.txt")
                .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isEqualTo(200);
        assertThat(server.s3().getObjectAsBytes(b -> b.bucket(data).key(aliceHome() + "upload")).asUtf8String())
                .isEqualTo("public");
    }

    @Test
    void aPostFormActsWithItsSignersRights() {
        HttpResponse<byte[]> ok = form(aliceHome() + "posted.txt").post("posted.txt", TestData.utf8("posted"));
        assertThat(ok.statusCode()).as(new String(ok.body())).isEqualTo(204);
        assertThat(server.s3().getObjectAsBytes(b -> b.bucket(data).key(aliceHome() + "posted.txt")).asUtf8String())
                .isEqualTo("posted");
        HttpResponse<byte[]> refused = form("home/bob/posted.txt").post("posted.txt", TestData.utf8("posted"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(new String(refused.body())).contains("<Code>AccessDenied</Code>");
        // Tags need s3:PutObjectTagging, which Alice lacks.
        PostObjectIT.Form tagged = form(aliceHome() + "tagged.txt");
        tagged.conditions.add("[\"starts-with\", \"$tagging\", \"\"]");
        tagged.with("tagging", "<Tagging><TagSet><Tag><Key>k</Key><Value>v</Value></Tag></TagSet></Tagging>");
        assertThat(tagged.post("t.txt", TestData.utf8("t")).statusCode()).isEqualTo(403);
    }

    private static PostObjectIT.Form form(String key) {
        PostObjectIT.Form form = PostObjectIT.Form.v4(server, data, key, List.of("{\"key\": \"" + key + "\"}"));
        form.fields.replaceAll((name, value) -> value.replace(CofferServer.ACCESS_KEY, alice.accessKeyId()));
        form.conditions.replaceAll(c -> c.replace(CofferServer.ACCESS_KEY, alice.accessKeyId()));
        form.secret = alice.secretAccessKey();
        return form;
    }

    @Test
    void tagsOnAWriteNeedPutObjectTaggingAsInAws() {
        assertThat(errorCode(() -> aliceS3.putObject(b -> b.bucket(data).key(aliceHome() + "t").tagging("k=v"),
                RequestBody.fromString("t")))).isEqualTo("AccessDenied");
        aliceS3.putObject(b -> b.bucket(data).key(aliceHome() + "t"), RequestBody.fromString("t"));
    }

    @Test
    void tagConditionsReadTheObjectsTagsAndTheTagsARequestSets() throws Exception {
        String bucket = server.createBucket("ru-tags");
        server.s3().putObject(b -> b.bucket(bucket).key("open").tagging("class=public"), RequestBody.fromString("open"));
        server.s3().putObject(b -> b.bucket(bucket).key("closed").tagging("class=secret"), RequestBody.fromString("closed"));
        AccessKey tess = user("tess-" + Long.toHexString(System.nanoTime()), "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:GetObjectTagging\"],\"Resource\":\"arn:aws:s3:::"
                + bucket + "/*\",\"Condition\":{\"StringEquals\":{\"s3:ExistingObjectTag/class\":\"public\"}}},"
                + "{\"Effect\":\"Allow\",\"Action\":[\"s3:PutObject\",\"s3:PutObjectTagging\"],\"Resource\":\"arn:aws:s3:::"
                + bucket + "/*\",\"Condition\":{\"ForAllValues:StringEquals\":{\"s3:RequestObjectTagKeys\":[\"project\"]}}},"
                + "{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"StringEquals\":"
                + "{\"s3:authType\":\"REST-QUERY-STRING\"}}}]}");
        try (S3Client s3 = server.newClient(tess.accessKeyId(), tess.secretAccessKey());
             S3Presigner presigner = server.newPresigner(tess.accessKeyId(), tess.secretAccessKey())) {
            assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("open")).asUtf8String()).isEqualTo("open");
            assertThat(errorCode(() -> s3.getObject(b -> b.bucket(bucket).key("closed")))).isEqualTo("AccessDenied");
            assertThat(s3.getObjectTagging(b -> b.bucket(bucket).key("open")).tagSet()).hasSize(1);

            s3.putObject(b -> b.bucket(bucket).key("new").tagging("project=blue"), RequestBody.fromString("n"));
            assertThat(errorCode(() -> s3.putObject(b -> b.bucket(bucket).key("new2").tagging("owner=me"),
                    RequestBody.fromString("n")))).isEqualTo("AccessDenied");
            s3.putObjectTagging(b -> b.bucket(bucket).key("new").tagging(t -> t.tagSet(
                    software.amazon.awssdk.services.s3.model.Tag.builder().key("project").value("green").build())));
            assertThat(errorCode(() -> s3.putObjectTagging(b -> b.bucket(bucket).key("new").tagging(t -> t.tagSet(
                    software.amazon.awssdk.services.s3.model.Tag.builder().key("owner").value("me").build())))))
                    .isEqualTo("AccessDenied");
            assertThat(server.s3().getObjectTagging(b -> b.bucket(bucket).key("new")).tagSet())
                    .extracting(t -> t.key() + "=" + t.value()).containsExactly("project=green");
            // s3:authType: the same read through a presigned URL is denied by the policy's Deny.
            URI url = presigner.presignGetObject(b -> b.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket(bucket).key("open"))).url().toURI();
            assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(url).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
        }
    }

    @Test
    void aCopyOfANamedVersionIsJudgedOnThatVersionsTags() {
        String bucket = server.createBucket("ru-vtags");
        server.s3().putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status("Enabled")));
        String publicVersion = server.s3().putObject(b -> b.bucket(bucket).key("doc").tagging("class=public"),
                RequestBody.fromString("v1")).versionId();
        String secretVersion = server.s3().putObject(b -> b.bucket(bucket).key("doc").tagging("class=secret"),
                RequestBody.fromString("v2")).versionId();
        AccessKey vera = user("vera-" + Long.toHexString(System.nanoTime()), "{\"Version\":\"2012-10-17\",\"Statement\":["
                + "{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:GetObjectVersion\"],\"Resource\":\"arn:aws:s3:::"
                + bucket + "/*\",\"Condition\":{\"StringEquals\":{\"s3:ExistingObjectTag/class\":\"public\"}}},"
                + "{\"Effect\":\"Allow\",\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/copies/*\"}]}");
        try (S3Client s3 = server.newClient(vera.accessKeyId(), vera.secretAccessKey())) {
            // The current version is secret: a copy of it is refused; the older, public version may be copied.
            assertThat(errorCode(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("doc")
                    .destinationBucket(bucket).destinationKey("copies/current")))).isEqualTo("AccessDenied");
            s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("doc").sourceVersionId(publicVersion)
                    .destinationBucket(bucket).destinationKey("copies/old"));
            assertThat(errorCode(() -> s3.copyObject(b -> b.sourceBucket(bucket).sourceKey("doc").sourceVersionId(secretVersion)
                    .destinationBucket(bucket).destinationKey("copies/secret")))).isEqualTo("AccessDenied");
        }
        assertThat(server.s3().getObjectAsBytes(b -> b.bucket(bucket).key("copies/old")).asUtf8String()).isEqualTo("v1");
        assertThat(server.s3().listObjectsV2(b -> b.bucket(bucket).prefix("copies/")).contents())
                .extracting(o -> o.key()).containsExactly("copies/old");
    }

    @Test
    void objectLockHeadersOnAWriteNeedTheLockPermissionsAsInAws() {
        String bucket = "ru-lock-" + Long.toHexString(System.nanoTime());
        server.s3().createBucket(b -> b.bucket(bucket).objectLockEnabledForBucket(true));
        String writeOnly = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:PutObject\","
                + "\"Resource\":\"arn:aws:s3:::" + bucket + "/*\"}]}";
        AccessKey wes = user("wes-" + Long.toHexString(System.nanoTime()), writeOnly);
        AccessKey holly = user("holly-" + Long.toHexString(System.nanoTime()), writeOnly.replace("\"s3:PutObject\"",
                "[\"s3:PutObject\",\"s3:PutObjectLegalHold\"]"));
        try (S3Client w = server.newClient(wes.accessKeyId(), wes.secretAccessKey());
             S3Client h = server.newClient(holly.accessKeyId(), holly.secretAccessKey())) {
            w.putObject(b -> b.bucket(bucket).key("plain"), RequestBody.fromString("p"));
            assertThat(errorCode(() -> w.putObject(b -> b.bucket(bucket).key("held").objectLockLegalHoldStatus("ON"),
                    RequestBody.fromString("h")))).isEqualTo("AccessDenied");
            assertThat(errorCode(() -> w.putObject(b -> b.bucket(bucket).key("kept").objectLockMode("COMPLIANCE")
                    .objectLockRetainUntilDate(java.time.Instant.now().plus(Duration.ofDays(1))),
                    RequestBody.fromString("k")))).isEqualTo("AccessDenied");
            h.putObject(b -> b.bucket(bucket).key("held").objectLockLegalHoldStatus("ON"), RequestBody.fromString("h"));
            assertThat(errorCode(() -> h.putObject(b -> b.bucket(bucket).key("kept").objectLockMode("COMPLIANCE")
                    .objectLockRetainUntilDate(java.time.Instant.now().plus(Duration.ofDays(1))),
                    RequestBody.fromString("k")))).isEqualTo("AccessDenied");
        }
        assertThat(server.s3().listObjectsV2(b -> b.bucket(bucket)).contents()).extracting(o -> o.key())
                .containsExactly("held", "plain");
        String held = server.s3().headObject(b -> b.bucket(bucket).key("held")).versionId();
        server.s3().putObjectLegalHold(b -> b.bucket(bucket).key("held").versionId(held).legalHold(l -> l.status("OFF")));
    }

    @Test
    void denialsAreCountedByActionInTheMetrics() throws Exception {
        double before = denials("s3:PutBucketVersioning");
        for (int i = 0; i < 3; i++) {
            assertThat(errorCode(() -> aliceS3.putBucketVersioning(b -> b.bucket(data)
                    .versioningConfiguration(v -> v.status("Enabled"))))).isEqualTo("AccessDenied");
        }
        assertThat(denials("s3:PutBucketVersioning")).isEqualTo(before + 3);
    }

    private static double denials(String action) throws Exception {
        String token = Files.readString(server.dataDir().resolve("metrics-token"));
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.endpoint().resolve("/_coffer/metrics"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("^coffer_authorization_denials_total\\{action=\"" + Pattern.quote(action)
                + "\",decision=\"implicit\",?\\} ([0-9.eE+-]+)$", Pattern.MULTILINE).matcher(body);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static String errorCode(Runnable call) {
        try {
            call.run();
        } catch (S3Exception e) {
            return e.awsErrorDetails().errorCode();
        }
        throw new AssertionError("the call succeeded");
    }

    private static int status(Runnable call) {
        try {
            call.run();
        } catch (S3Exception e) {
            return e.statusCode();
        }
        throw new AssertionError("the call succeeded");
    }
}
