package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.Tools;

/**
 * boto3's {@code upload_file} / {@code download_file} with 5 MiB parts on 8 threads, driven
 * through {@code multipart/boto3_transfer.py} on this machine's python3.
 */
@ExtendWith(CofferServerExtension.class)
class MultipartBoto3IT {
    private static CofferServer server;

    @TempDir
    Path dir;

    @BeforeAll
    static void start(CofferServer cofferServer) throws Exception {
        Tools.requirePythonModule("boto3", "apt-get install python3-boto3, or pip install boto3");
        server = cofferServer;
    }

    @Test
    void uploadFileAndDownloadFileWithSmallPartsAndSeveralThreads() throws Exception {
        String bucket = server.createBucket("boto3");
        Path script = dir.resolve("boto3_transfer.py");
        try (InputStream in = MultipartBoto3IT.class.getResourceAsStream("/multipart/boto3_transfer.py")) {
            Files.copy(in, script);
        }
        Process p = new ProcessBuilder("python3", script.toString(), server.endpoint().toString(), bucket,
                CofferServer.ACCESS_KEY, CofferServer.SECRET_KEY, dir.toString(), "64")
                .redirectErrorStream(true).redirectOutput(dir.resolve("boto3.log").toFile()).start();
        assertThat(p.waitFor(110, TimeUnit.SECONDS)).as("boto3 script finished").isTrue();
        String log = Files.readString(dir.resolve("boto3.log"));
        assertThat(p.exitValue()).as(log).isZero();
        assertThat(log).contains("-13\"").contains("OK");
    }
}
