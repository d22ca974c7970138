package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.HandSigner;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The drive's admin console against a server of its own (so that the storage overview's figures
 * are exactly what this class wrote): the overview endpoint the console reads, signed by the root
 * from the drive's origin.
 */
class ConsoleUiIT {
    private static final String UNSIGNED = "UNSIGNED-PAYLOAD";

    private static CofferServer server;
    private static String dataBucket;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = CofferServer.startInProcess("--coffer.metrics.stats-interval=1h");
        S3Client s3 = server.s3();
        dataBucket = server.createVersionedBucket("console-data");
        s3.putObject(b -> b.bucket(dataBucket).key("report.txt"), RequestBody.fromString("x".repeat(100)));
        s3.putObject(b -> b.bucket(dataBucket).key("report.txt"), RequestBody.fromString("y".repeat(200)));
        s3.putObject(b -> b.bucket(dataBucket).key("notes/todo.md"), RequestBody.fromString("# todo\n" + "z".repeat(43)));
        String upload = s3.createMultipartUpload(b -> b.bucket(dataBucket).key("big.bin")).uploadId();
        s3.uploadPart(b -> b.bucket(dataBucket).key("big.bin").uploadId(upload).partNumber(1),
                RequestBody.fromBytes(new byte[1000]));
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) server.close();
    }

    private HttpResponse<String> overview(String query, boolean signed) throws Exception {
        URI uri = URI.create(server.endpoint() + "/_coffer/admin/overview" + query);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET()
                .header("Origin", server.driveUrl().toString().replaceAll("/$", ""));
        if (signed) {
            HandSigner.header("GET", uri, Map.of(), UNSIGNED).forEach((k, v) -> {
                if (!k.equals("host")) request.header(k, v);
            });
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theOverviewCountsWhatWasWrittenForTheRootCalledFromTheDrive() throws Exception {
        HttpResponse<String> counted = overview("?recount", true);
        assertThat(counted.statusCode()).as(counted.body()).isEqualTo(200);
        assertThat(counted.headers().firstValue("Access-Control-Allow-Origin"))
                .hasValue(server.driveUrl().toString().replaceAll("/$", ""));
        assertThat(counted.body())
                .contains("\"objects\":2,\"bytes\":250,\"versions\":1,\"versionBytes\":100,\"deleteMarkers\":0,"
                        + "\"uploads\":1,\"uploadBytes\":1000,\"totalBytes\":1350")
                .contains("{\"kind\":\"gc\"").contains("{\"kind\":\"scrub\"").contains("{\"kind\":\"lifecycle\"")
                .contains("\"cluster\":null");

        HttpResponse<String> anonymous = overview("", false);
        assertThat(anonymous.statusCode()).isEqualTo(403);
        assertThat(anonymous.body()).contains("AccessDenied");
    }
}
