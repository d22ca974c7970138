package dev.coffer.compat;

import static dev.coffer.compat.support.S3Assertions.assertXmlError;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import software.amazon.awssdk.core.sync.RequestBody;

/** Errors in S3's XML form for requests the SDK would not send: unsupported operations and the like. */
@ExtendWith(CofferServerExtension.class)
class ErrorDocumentIT {

    private static CofferServer server;
    private static String bucket;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        bucket = server.createBucket("errdoc");
        server.s3().putObject(b -> b.bucket(bucket).key("obj"), RequestBody.fromString("secret bytes"));
    }

    @Test
    void unsupportedObjectSubresourceReturnsNotImplementedNotTheObject() {
        // Coffer does not implement GetObjectTorrent: it must say so, never fall through to GetObject.
        HttpResponse<byte[]> response = server.raw().signed("GET", "/" + bucket + "/obj?torrent");
        String xml = assertXmlError(response, 501, "NotImplemented");
        assertThat(xml).doesNotContain("secret bytes");
    }

    @Test
    void putObjectWithUnknownStorageClassReturnsInvalidStorageClass() {
        HttpResponse<byte[]> response = server.raw().signed("PUT", "/" + bucket + "/cls",
                java.util.Map.of("x-amz-storage-class", "NOT_A_CLASS"), "x".getBytes());
        assertXmlError(response, 400, "InvalidStorageClass");
    }
}
