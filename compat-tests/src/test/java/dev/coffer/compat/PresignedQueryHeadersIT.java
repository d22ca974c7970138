package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertXmlError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * A presigned SigV4 URL's {@code x-amz-*} query parameters count as request headers, as in S3:
 * presigners (the JS SDK v3's, see JsSdkIT) hoist {@code x-amz-meta-*}, {@code x-amz-storage-class}…
 * into the signed query. Before, Coffer ignored them: the metadata was silently lost and a header
 * Coffer does not implement was not refused.
 */
@ExtendWith(CofferServerExtension.class)
class PresignedQueryHeadersIT {
    private static CofferServer server;
    private static String bucket;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        bucket = server.createBucket("presign-query-headers");
    }

    private static HttpResponse<byte[]> put(URI url, Map<String, String> headers, String body) {
        HttpRequest.Builder put = HttpRequest.newBuilder(url).PUT(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(put::header);
        return server.raw().send(put.build());
    }

    @Test
    void metadataInThePresignedQueryIsStored() {
        URI url = server.raw().presigned("PUT", "/" + bucket + "/hoisted?x-amz-meta-colour=blue&x-amz-meta-Shape=round%20ish",
                Duration.ofMinutes(5));
        HttpResponse<byte[]> response = put(url, Map.of(), "hoisted");
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(server.s3().headObject(b -> b.bucket(bucket).key("hoisted")).metadata())
                .containsExactlyInAnyOrderEntriesOf(Map.of("colour", "blue", "shape", "round ish"));
    }

    @Test
    void theSdkV2PresignerWithMetadataStoresIt() throws URISyntaxException {
        PresignedPutObjectRequest presigned = server.presigner().presignPutObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                .putObjectRequest(o -> o.bucket(bucket).key("sdk-v2").metadata(Map.of("colour", "green"))));
        HttpRequest.Builder put = HttpRequest.newBuilder(presigned.url().toURI()).PUT(HttpRequest.BodyPublishers.ofString("v2"));
        presigned.signedHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) values.forEach(v -> put.header(name, v));
        });
        HttpResponse<byte[]> response = server.raw().send(put.build());
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(server.s3().headObject(b -> b.bucket(bucket).key("sdk-v2")).metadata()).containsEntry("colour", "green");
    }

    @Test
    void anUnimplementedHeaderInThePresignedQueryIsRefusedAndNothingIsStored() {
        URI url = server.raw().presigned("PUT", "/" + bucket + "/glacier?x-amz-storage-class=GLACIER", Duration.ofMinutes(5));
        assertXmlError(put(url, Map.of(), "cold"), 501, "NotImplemented");
        assertThatThrownBy(() -> server.s3().headObject(b -> b.bucket(bucket).key("glacier")))
                .isInstanceOf(NoSuchKeyException.class);
    }

    /** Undocumented in S3; Coffer refuses rather than pick one silently. */
    @Test
    void theSameNameAsHeaderAndQueryParameterIsInvalidArgument() {
        URI url = server.raw().presigned("PUT", "/" + bucket + "/clash?x-amz-meta-colour=blue",
                Map.of("x-amz-meta-colour", "red"), Duration.ofMinutes(5));
        String xml = assertXmlError(put(url, Map.of("x-amz-meta-colour", "red"), "clash"), 400, "InvalidArgument");
        assertThat(xml).contains("<ArgumentName>x-amz-meta-colour</ArgumentName>");
        assertThatThrownBy(() -> server.s3().headObject(b -> b.bucket(bucket).key("clash")))
                .isInstanceOf(NoSuchKeyException.class);
    }

    @Test
    void aChangedHoistedParameterBreaksTheSignature() {
        URI url = server.raw().presigned("PUT", "/" + bucket + "/tampered?x-amz-meta-colour=blue", Duration.ofMinutes(5));
        URI tampered = URI.create(url.toString().replace("x-amz-meta-colour=blue", "x-amz-meta-colour=red"));
        assertXmlError(put(tampered, Map.of(), "t"), 403, "SignatureDoesNotMatch");
    }
}
