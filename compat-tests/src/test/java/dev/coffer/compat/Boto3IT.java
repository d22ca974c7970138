package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.Tools;

/**
 * boto3 at its defaults (python/boto3_client.py): put, get and head of 1 KiB and 5 MiB objects,
 * every checksum algorithm, presigned GET and PUT fetched with urllib, and a POST form from
 * generate_presigned_post sent with requests. SigV2IT runs the same script with SigV2.
 */
@ExtendWith(CofferServerExtension.class)
class Boto3IT {
    private static CofferServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        requireBoto3();
    }

    @Test
    void boto3AtItsDefaultsPutsGetsPresignsAndPosts() throws Exception {
        String output = run(server, dir, "default");
        assertThat(output).contains("put large sent as AWS4-HMAC-SHA256").contains("presigned GET").contains("done");
    }

    /**
     * Issue 24: a metadata header with a raw non-ASCII value (boto3 sends and signs its UTF-8
     * bytes) verifies under SigV4 and SigV2 and reads back as sent; a non-ASCII x-amz-tagging value
     * passes the signature check too. Before, both were SignatureDoesNotMatch.
     */
    @Test
    void rawNonAsciiHeaderBytesVerifyAndReadBack() throws Exception {
        for (String version : List.of("default", "s3")) {
            assertThat(run(server, dir, "boto3_raw_headers.py", version)).contains("metadata reads back as sent")
                    .contains("passes the signature check").contains("done");
        }
    }

    /** Runs the script against a new bucket and returns its output; fails the test on a non-zero exit. */
    static String run(CofferServer server, Path dir, String signatureVersion) throws Exception {
        return run(server, dir, "boto3_client.py", signatureVersion);
    }

    /** Runs {@code python/<script> ENDPOINT BUCKET SIGNATURE_VERSION} with the server's credentials. */
    static String run(CofferServer server, Path dir, String script, String signatureVersion) throws Exception {
        String bucket = server.createBucket("boto3-" + signatureVersion);
        ProcessBuilder builder = new ProcessBuilder(List.of("python3", script(script).toString(),
                server.endpoint().toString(), bucket, signatureVersion)).directory(dir.toFile()).redirectErrorStream(true);
        useTestCredentialsOnly(builder.environment(), dir);
        Path out = dir.resolve(script + "-" + signatureVersion + ".out");
        Process process = builder.redirectOutput(out.toFile()).start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(script + " did not finish in 180 s");
        }
        String output = Files.readString(out);
        assertThat(process.exitValue()).as("%s (%s):%n%s", script, signatureVersion, output).isZero();
        return output;
    }

    /** The test key pair and nothing else of the host's AWS configuration (files, variables, instance metadata). */
    static void useTestCredentialsOnly(Map<String, String> env, Path dir) {
        env.keySet().removeIf(k -> k.startsWith("AWS_"));
        env.put("AWS_ACCESS_KEY_ID", CofferServer.ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", CofferServer.SECRET_KEY);
        env.put("AWS_CONFIG_FILE", dir.resolve("no-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-credentials").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
    }

    /** Skips where python3 with boto3 is missing, or fails under CI=true ({@link Tools}). */
    static void requireBoto3() {
        Tools.requirePythonModule("boto3", "apt-get install python3-boto3, or pip install boto3");
    }

    private static Path script(String name) throws URISyntaxException {
        return Path.of(Boto3IT.class.getResource("/python/" + name).toURI());
    }
}
