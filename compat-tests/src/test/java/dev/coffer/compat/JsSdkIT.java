package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.NodeScripts;

/**
 * The AWS SDK for JavaScript v3 at its defaults, run by node from {@code compat-tests/js/s3-sdk.mjs}
 * (its packages pinned by the committed package-lock.json, installed by {@code npm ci}): put and
 * get with its default CRC32, an 8 MiB put (Expect: 100-continue over a connection it closes),
 * a streaming aws-chunked put whose Content-Encoding keeps the client's spelling, lib-storage's
 * Upload of 20 MiB in four parallel parts, a presigned GET through fetch, ListObjectsV2 with a
 * delimiter and DeleteObjects.
 */
@ExtendWith(CofferServerExtension.class)
class JsSdkIT {
    private static CofferServer server;
    private static NodeScripts scripts;

    @TempDir
    Path dir;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        scripts = NodeScripts.at("compat-tests/js")
                .require("@aws-sdk/client-s3", "@aws-sdk/lib-storage", "@aws-sdk/s3-request-presigner");
    }

    @Test
    void theJavaScriptSdkAtItsDefaultsPutsGetsStreamsUploadsInPartsPresignsListsAndDeletes() throws Exception {
        String bucket = server.createBucket("js-sdk");
        NodeScripts.Result result = scripts.run("s3-sdk.mjs", 300, server.endpoint().toString(),
                CofferServer.ACCESS_KEY, CofferServer.SECRET_KEY, bucket, dir.toString());
        assertThat(result.output()).as(result.output())
                .contains("ok - put and get with the default CRC32 checksum")
                .contains("ok - put of 8 MiB from a Buffer (sent with Expect: 100-continue)")
                .contains("ok - streaming (aws-chunked) put of a stream keeps Content-Encoding deflate, gzip")
                .contains("ok - lib-storage Upload of a 20 MiB file at its defaults (4 parts in parallel)")
                .contains("ok - presigned GET fetched with fetch")
                .contains("ok - presigned PUT with Metadata (hoisted into the query) stores it")
                .contains("ok - ListObjectsV2 with a delimiter")
                .contains("ok - DeleteObjects removes the keys it names and reports each")
                .contains("all passed")
                .doesNotContain("not ok");
        assertThat(result.exitCode()).as(result.output()).isZero();
    }
}
