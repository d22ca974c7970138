package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.Tools;

/**
 * Browser-style POST forms sent by Python's requests (python/requests_post.py), which gives every
 * form part a filename: fields as file parts, Content-Type, x-amz-meta-*, success_action_status and
 * _redirect, a checksum field, a tagging field, and a forged signature and a stranger's key (403).
 * Under {@code CI=true} a missing python3, boto3 or requests fails the test instead of skipping it.
 */
@ExtendWith(CofferServerExtension.class)
class PostFormRequestsIT {
    private static CofferServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start(CofferServer cofferServer) {
        server = cofferServer;
        Tools.requirePythonModule("boto3, requests", "apt-get install python3-boto3 python3-requests");
    }

    @Test
    void formWhoseEveryFieldHasAFilenameIsReadAsS3ReadsIt() throws Exception {
        String bucket = server.createBucket("requests-post");
        Path script = Path.of(PostFormRequestsIT.class.getResource("/python/requests_post.py").toURI());
        ProcessBuilder builder = new ProcessBuilder(List.of("python3", script.toString(), server.endpoint().toString(),
                bucket)).directory(dir.toFile()).redirectErrorStream(true);
        Boto3IT.useTestCredentialsOnly(builder.environment(), dir);
        builder.environment().put("NO_PROXY", "*");
        Path out = dir.resolve("requests.out");
        Process process = builder.redirectOutput(out.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("requests script did not finish in 120 s");
        }
        String output = Files.readString(out);
        assertThat(process.exitValue()).as("requests script:%n%s", output).isZero();
        assertThat(output).contains("ok: fields sent as file parts").contains("ok: wrong V4 signature").contains("ok: wrong V2 signature").endsWith("done\n");
    }
}
