package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;

/**
 * Legacy Signature V2: boto3 with {@code signature_version='s3'} signs headers (AWS key:signature)
 * and presigns with AWSAccessKeyId/Expires/Signature, and its POST forms with a V2 policy signature.
 * ({@code aws s3 presign} at its defaults is covered by AwsCliIT.)
 */
@ExtendWith(CofferServerExtension.class)
class SigV2IT {
    private static CofferServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        Boto3IT.requireBoto3();
    }

    @Test
    void boto3WithSignatureV2PutsGetsPresignsAndPosts() throws Exception {
        String output = Boto3IT.run(server, dir, "s3");
        assertThat(output).contains("put small sent as AWS ").contains("presigned GET fetched with urllib (AWSAccessKeyId=")
                .contains("done");
    }
}
