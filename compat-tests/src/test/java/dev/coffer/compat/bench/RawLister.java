package dev.coffer.compat.bench;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * A ListObjectsV2 client that does the least a client can (not a test; see {@link ListingHttpBenchmark}):
 * each request signed by the SDK's SigV4 signer, written on one kept-alive socket, and the answer
 * read as bytes — no XML parse. It asks what the SDK asks (encoding-type=url included). Only what
 * a walk needs is found in them by a byte search: the continuation token and the count of entries.
 * So a page's wall time here is the server's own latency plus a socket round trip.
 */
final class RawLister implements ListingHttpBenchmark.Lister {
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final byte[] TOKEN_OPEN = bytes("<NextContinuationToken>");
    private static final byte[] CONTENTS = bytes("<Contents>");
    private static final byte[] PREFIX = bytes("<CommonPrefixes>");
    private static final byte[] TRUNCATED = bytes("<IsTruncated>true<");

    private final int port;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final AwsCredentialsIdentity credentials = AwsCredentialsIdentity.create("BENCHKEY", "BENCHSECRET");
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private byte[] body = new byte[1 << 20];

    RawLister(int port) {
        this.port = port;
        try {
            socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ListingHttpBenchmark.Page list(String delimiter, String startAfter, String token) {
        SdkHttpRequest.Builder b = SdkHttpRequest.builder().method(SdkHttpMethod.GET)
                .uri(URI.create("http://127.0.0.1:" + port + "/bench"))
                .putRawQueryParameter("list-type", "2").putRawQueryParameter("max-keys", "1000")
                .putRawQueryParameter("encoding-type", "url") // as the SDK and boto3 ask, so the server does the same work
                .putHeader("x-amz-content-sha256", EMPTY_SHA256);
        if (delimiter != null) b.putRawQueryParameter("delimiter", delimiter);
        if (startAfter != null) b.putRawQueryParameter("start-after", startAfter);
        if (token != null) b.putRawQueryParameter("continuation-token", token);
        SdkHttpRequest signed = signer.sign(s -> s.identity(credentials).request(b.build())
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)).request();
        try {
            send(signed);
            int length = readHead();
            if (body.length < length) body = new byte[length];
            in.readNBytes(body, 0, length);
            return page(length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void send(SdkHttpRequest signed) throws IOException {
        URI uri = signed.getUri();
        StringBuilder s = new StringBuilder(512).append("GET ").append(uri.getRawPath()).append('?')
                .append(uri.getRawQuery()).append(" HTTP/1.1\r\nHost: 127.0.0.1:").append(port).append("\r\n");
        for (Map.Entry<String, java.util.List<String>> h : signed.headers().entrySet()) {
            if (h.getKey().equalsIgnoreCase("host")) continue;
            s.append(h.getKey()).append(": ").append(h.getValue().get(0)).append("\r\n");
        }
        out.write(s.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads the status line and headers; the body's length (the listings are sent with Content-Length). */
    private int readHead() throws IOException {
        StringBuilder head = new StringBuilder(256);
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            int n = head.length();
            if (n >= 4 && head.charAt(n - 1) == '\n' && head.charAt(n - 2) == '\r' && head.charAt(n - 3) == '\n') break;
        }
        String text = head.toString();
        if (!text.startsWith("HTTP/1.1 200")) throw new IllegalStateException("answered: " + text);
        for (String line : text.split("\r\n")) {
            if (line.regionMatches(true, 0, "content-length:", 0, 15)) return Integer.parseInt(line.substring(15).trim());
        }
        throw new IllegalStateException("no Content-Length: " + text);
    }

    private ListingHttpBenchmark.Page page(int length) {
        int entries = count(CONTENTS, length) + count(PREFIX, length);
        boolean truncated = indexOf(TRUNCATED, 0, length) >= 0;
        int at = indexOf(TOKEN_OPEN, 0, length);
        String next = null;
        if (at >= 0) {
            int from = at + TOKEN_OPEN.length;
            int to = from;
            while (body[to] != '<') to++;
            next = new String(body, from, to - from, StandardCharsets.UTF_8);
        }
        return new ListingHttpBenchmark.Page(entries, next, truncated);
    }

    private int count(byte[] what, int length) {
        int n = 0;
        for (int at = indexOf(what, 0, length); at >= 0; at = indexOf(what, at + what.length, length)) n++;
        return n;
    }

    private int indexOf(byte[] what, int from, int length) {
        for (int i = from; i <= length - what.length; i++) {
            if (body[i] == what[0] && Arrays.equals(body, i, i + what.length, what, 0, what.length)) return i;
        }
        return -1;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
