package dev.coffer.api.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.storage.ChunkId;
import dev.coffer.storage.ChunkRef;
import dev.coffer.storage.ChunkWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chunk port speaks mutual TLS: a caller without a certificate of the cluster's CA is refused
 * at the handshake, even with a request signed as a node signs it. Behind it, the chunk transfer's
 * signature covers the node it is for, what is asked for and what is sent, against real endpoints
 * and stores on loopback: a DELETE signed for one node is refused by another, a read signed for one
 * range is refused for another, and a PUT whose body changed after it was sealed (or that carries
 * another request's seal, or none) is refused with nothing stored; the transfers the nodes make
 * themselves go through.
 */
class ChunkTransferAuthTest {
    @TempDir Path dir;
    private LoopbackNodes nodes;
    private HttpClient http;
    private URI n2;

    @BeforeEach
    void start() throws IOException {
        nodes = new LoopbackNodes(dir);
        nodes.member("n1", false);
        nodes.member("n2", false);
        n2 = nodes.address("n2");
        http = nodes.client();
    }

    @AfterEach
    void stop() {
        nodes.close();
    }

    /** A chunk of {@code size} random bytes written to n1's store. */
    private ChunkId chunkOnN1(int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        try (ChunkWriter writer = nodes.store("n1").newWriter()) {
            writer.write(ByteBuffer.wrap(bytes));
            List<ChunkRef> refs = writer.finish();
            return refs.get(0).id();
        }
    }

    private byte[] fileOnN1(ChunkId id) throws IOException {
        try (FileChannel file = nodes.store("n1").openFile(id)) {
            ByteBuffer all = ByteBuffer.allocate((int) file.size());
            while (all.hasRemaining() && file.read(all, all.position()) >= 0) { }
            return all.array();
        }
    }

    private HttpResponse<String> put(ChunkId id, String signature, byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(n2.resolve(ChunkTransferEndpoint.PATH + "/" + id.value()))
                .header(NodeAuth.HEADER, signature).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] sealed(byte[] file, NodeAuth auth, String signature) throws IOException {
        return SealedBody.sealing(new ByteArrayInputStream(file), auth, signature).readAllBytes();
    }

    @Test
    void theNodesOwnTransfersGoThrough() throws Exception {
        ChunkId id = chunkOnN1(300_000);
        try (FileChannel file = nodes.store("n1").openFile(id)) {
            nodes.peers("n1").send("n2", id, file);
        }
        assertThat(nodes.store("n2").listChunks()).containsExactly(id);
        byte[] file = fileOnN1(id);
        ByteBuffer read = ByteBuffer.allocate(file.length);
        nodes.peers("n2").remote("n1", id, file.length).readFully(read, 0);
        assertThat(read.array()).isEqualTo(file);
    }

    @Test
    void aCallerWithoutAClientCertificateIsRefusedAtTheHandshake() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(n2.resolve(ChunkTransferEndpoint.PATH))
                .header(NodeAuth.HEADER, nodes.auth.sign("GET", "n2", ChunkTransferEndpoint.PATH, null)).GET().build();
        assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).as("a member's").isEqualTo(200);

        SSLContext trustsTheCaOnly = SSLContext.getInstance("TLS");
        trustsTheCaOnly.init(null, new TrustManager[] {nodes.tls.trustManager()}, null);
        HttpClient stranger = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(trustsTheCaOnly).build();
        assertThatThrownBy(() -> stranger.send(request, HttpResponse.BodyHandlers.ofString()))
                .as("the same request without a client certificate").isInstanceOf(IOException.class);
        HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI inClear = URI.create("http://" + n2.getAuthority() + ChunkTransferEndpoint.PATH);
        assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(inClear).headers(NodeAuth.HEADER,
                nodes.auth.sign("GET", "n2", ChunkTransferEndpoint.PATH, null)).GET().build(), HttpResponse.BodyHandlers.ofString()))
                .as("the same request in clear").isInstanceOf(IOException.class);
    }

    @Test
    void aDeleteSignedForOneNodeIsRefusedByAnother() throws Exception {
        ChunkId id = chunkOnN1(1000);
        try (FileChannel file = nodes.store("n1").openFile(id)) {
            nodes.peers("n1").send("n2", id, file);
        }
        String path = ChunkTransferEndpoint.PATH + "/" + id.value();
        String forN2 = nodes.auth.sign("DELETE", "n2", path, null);
        HttpResponse<String> atN1 = http.send(HttpRequest.newBuilder(nodes.address("n1").resolve(path))
                .header(NodeAuth.HEADER, forN2).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(atN1.statusCode()).isEqualTo(403);
        assertThat(nodes.store("n1").listChunks()).containsExactly(id);
        HttpResponse<String> atN2 = http.send(HttpRequest.newBuilder(n2.resolve(path))
                .header(NodeAuth.HEADER, forN2).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(atN2.statusCode()).isEqualTo(204);
        assertThat(nodes.store("n2").listChunks()).isEmpty();
    }

    @Test
    void aReadSignedForOneRangeIsRefusedForAnother() throws Exception {
        ChunkId id = chunkOnN1(300_000);
        String path = ChunkTransferEndpoint.PATH + "/" + id.value();
        String signature = nodes.auth.sign("GET", "n1", path, "bytes=0-99");
        URI n1 = nodes.address("n1").resolve(path);
        HttpResponse<byte[]> asSigned = http.send(HttpRequest.newBuilder(n1).header(NodeAuth.HEADER, signature)
                .header("Range", "bytes=0-99").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(asSigned.statusCode()).isEqualTo(206);
        assertThat(asSigned.body()).hasSize(100);
        HttpResponse<byte[]> another = http.send(HttpRequest.newBuilder(n1).header(NodeAuth.HEADER, signature)
                .header("Range", "bytes=100000-199999").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(another.statusCode()).isEqualTo(403);
        assertThat(another.body()).hasSizeLessThan(100);
    }

    @Test
    void aPutWhoseBodyChangedOrIsNotSealedForItIsRefusedAndStoresNothing() throws Exception {
        ChunkId id = chunkOnN1(300_000);
        byte[] file = fileOnN1(id);
        String path = ChunkTransferEndpoint.PATH + "/" + id.value();
        String signature = nodes.auth.sign("PUT", "n2", path, null);
        byte[] body = sealed(file, nodes.auth, signature);

        byte[] changed = body.clone();
        changed[1000] ^= 1;
        // 403, not the 400 of a failed CRC: the seal is checked when the body ends, before the blocks are.
        assertThat(put(id, signature, changed).statusCode()).isEqualTo(403);
        assertThat(put(id, signature, file).statusCode()).as("no seal").isEqualTo(403);
        String another = nodes.auth.sign("PUT", "n2", path + "0", null);
        assertThat(put(id, signature, sealed(file, nodes.auth, another)).statusCode()).as("another request's seal")
                .isEqualTo(403);
        assertThat(nodes.store("n2").listChunks()).isEmpty();
        assertThat(Files.list(dir.resolve("n2").resolve("tmp")).toList()).isEmpty();

        assertThat(put(id, signature, body).statusCode()).isEqualTo(201);
        assertThat(nodes.store("n2").listChunks()).containsExactly(id);
    }
}
