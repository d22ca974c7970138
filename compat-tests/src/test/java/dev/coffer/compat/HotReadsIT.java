package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertS3Error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * GET and HEAD resolved from the catalogue's hot records in memory (a small object's bytes, a
 * large one's chunk pointers): what a client sees is what it saw when every read went to RocksDB —
 * each write (overwrite, delete, tags, versioning, a policy) seen by the next read, and the reads
 * counted as hits.
 */
@ExtendWith(CofferServerExtension.class)
class HotReadsIT {
    private static CofferServer server;
    private static S3Client s3;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        s3 = server.s3();
    }

    @Test
    void eachOverwriteOfASmallObjectIsReadBackAtOnceAndRepeatedReadsAreAnsweredFromMemory() throws Exception {
        String bucket = server.createBucket("hot-overwrite");
        double hitsBefore = metric("coffer_catalog_hot_hits_total");
        for (int i = 0; i < 40; i++) {
            String body = "version " + i + " " + "x".repeat(i * 100);
            s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString(body));
            for (int read = 0; read < 3; read++) {
                assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo(body);
                assertThat(s3.headObject(b -> b.bucket(bucket).key("k")).contentLength()).isEqualTo(body.length());
            }
        }
        assertThat(metric("coffer_catalog_hot_hits_total")).isGreaterThan(hitsBefore + 100);
        s3.deleteObject(b -> b.bucket(bucket).key("k"));
        assertS3Error(404, "NoSuchKey", () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")));
    }

    @Test
    void eachOverwriteOfAChunkedObjectIsReadBackAtOnceAndRepeatedReadsResolveFromMemory() throws Exception {
        String bucket = server.createBucket("hot-chunked");
        java.util.Random random = new java.util.Random(23);
        double missesBefore = metric("coffer_catalog_hot_misses_total");
        for (int i = 0; i < 6; i++) {
            byte[] body = new byte[(1 << 20) + i * 4099]; // above the inline threshold: stored in chunks
            random.nextBytes(body);
            s3.putObject(b -> b.bucket(bucket).key("big"), RequestBody.fromBytes(body));
            for (int read = 0; read < 3; read++) {
                assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("big")).asByteArray()).isEqualTo(body);
                assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("big").range("bytes=65536-65545"))
                        .asByteArray()).isEqualTo(java.util.Arrays.copyOfRange(body, 65536, 65546));
                assertThat(s3.headObject(b -> b.bucket(bucket).key("big")).contentLength()).isEqualTo(body.length);
            }
        }
        // 9 reads of each of 6 versions: only the first read of each goes to RocksDB (54 when each did)
        assertThat(metric("coffer_catalog_hot_misses_total")).isLessThan(missesBefore + 6 * 9 / 2);
        s3.deleteObject(b -> b.bucket(bucket).key("big"));
        assertS3Error(404, "NoSuchKey", () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("big")));
    }

    @Test
    void tagsAndVersioningChangedAfterReadsShowInTheNextRead() {
        String bucket = server.createBucket("hot-versioning");
        s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("one"));
        for (int i = 0; i < 3; i++) {
            GetObjectResponse r = s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).response();
            assertThat(r.versionId()).isNull();
            assertThat(r.tagCount()).isNull();
        }
        s3.putObjectTagging(b -> b.bucket(bucket).key("k").tagging(t -> t.tagSet(s -> s.key("a").value("b"))));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).response().tagCount()).isEqualTo(1);

        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).response().versionId()).isEqualTo("null");
        String second = s3.putObject(b -> b.bucket(bucket).key("k"), RequestBody.fromString("two")).versionId();
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("two");
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).response().versionId()).isEqualTo(second);
        s3.deleteObject(b -> b.bucket(bucket).key("k"));
        assertS3Error(404, "NoSuchKey", () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")));
        s3.deleteObject(b -> b.bucket(bucket).key("k").versionId(
                s3.listObjectVersions(l -> l.bucket(bucket)).deleteMarkers().get(0).versionId()));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("k")).asUtf8String()).isEqualTo("two");
    }

    @Test
    void aPolicyRemovedAfterAnonymousReadsRefusesTheNextOne() throws Exception {
        String bucket = server.createBucket("hot-policy");
        s3.putObject(b -> b.bucket(bucket).key("public/page"), RequestBody.fromString("hello"));
        s3.putBucketPolicy(b -> b.bucket(bucket).policy("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*",
                 "Action":"s3:GetObject","Resource":"arn:aws:s3:::%s/public/*"}]}""".formatted(bucket)));
        for (int i = 0; i < 3; i++) {
            assertThat(server.raw().anonymous("GET", "/" + bucket + "/public/page").statusCode()).isEqualTo(200);
        }
        s3.deleteBucketPolicy(b -> b.bucket(bucket));
        assertThat(server.raw().anonymous("GET", "/" + bucket + "/public/page").statusCode()).isEqualTo(403);
        s3.putBucketPolicy(b -> b.bucket(bucket).policy("""
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*",
                 "Action":"s3:GetObject","Resource":"arn:aws:s3:::%s/public/*"}]}""".formatted(bucket)));
        assertThat(server.raw().anonymous("GET", "/" + bucket + "/public/page").statusCode()).isEqualTo(200);
    }

    private double metric(String series) throws Exception {
        String token = Files.readString(server.dataDir().resolve("metrics-token"));
        String body = http.send(HttpRequest.newBuilder(URI.create(server.endpoint() + "/_coffer/metrics"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " ([0-9.eE+-]+)$", Pattern.MULTILINE).matcher(body);
        assertThat(m.find()).as(series + " in the metrics").isTrue();
        return Double.parseDouble(m.group(1));
    }
}
