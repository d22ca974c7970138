package dev.coffer.compat.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One TCP connection to the server driven byte by byte, for what no HTTP client will do: stop
 * half-way through the headers, stall a body, stop reading a response, hold a connection idle.
 * Every read waits at most the bound it is given, so a server that never answers fails the
 * test instead of hanging it.
 */
public final class RawConnection implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawConnection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects to the server at {@code endpoint}. */
    public static RawConnection open(URI endpoint) throws IOException {
        return open(endpoint, 0);
    }

    /** Connects with a small socket receive buffer (bytes; 0 = the system's), so that a reader that stops is felt soon. */
    public static RawConnection open(URI endpoint, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) socket.setReceiveBufferSize(receiveBuffer);
        socket.connect(new InetSocketAddress(endpoint.getHost(), endpoint.getPort()), 10_000);
        return new RawConnection(socket);
    }

    /** The head of a request: request line, the given headers, blank line. */
    public static String head(String method, String pathAndQuery, Map<String, String> headers) {
        StringBuilder b = new StringBuilder(method).append(' ').append(pathAndQuery).append(" HTTP/1.1\r\n");
        headers.forEach((k, v) -> b.append(k).append(": ").append(v).append("\r\n"));
        return b.append("\r\n").toString();
    }

    public void send(String ascii) throws IOException {
        send(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Sends nothing more: the server reads the end of the stream (a client gone, as the server sees it). */
    public void stopSending() throws IOException {
        socket.shutdownOutput();
    }

    /** Reads one response (status, headers, a Content-Length body), waiting at most {@code bound} per read. */
    public Response readResponse(Duration bound) throws IOException {
        socket.setSoTimeout((int) bound.toMillis());
        String status = line();
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(); !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = in.readNBytes(length);
        return new Response(Integer.parseInt(status.split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    /** Reads {@code n} bytes of whatever comes (a response being streamed), at most {@code bound} per read. */
    public byte[] readBytes(int n, Duration bound) throws IOException {
        socket.setSoTimeout((int) bound.toMillis());
        return in.readNBytes(n);
    }

    /**
     * Whether the server closes the connection within {@code bound}: reads (and drops) whatever
     * still comes until end of stream or a reset; false when the bound passes first.
     */
    public boolean closedByServerWithin(Duration bound) throws IOException {
        long deadline = System.nanoTime() + bound.toNanos();
        byte[] sink = new byte[64 * 1024];
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) return false;
            socket.setSoTimeout((int) Math.max(1, Duration.ofNanos(left).toMillis()));
            try {
                if (in.read(sink) < 0) return true;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (SocketException e) {
                return true; // reset by the server
            }
        }
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) throw new IOException("connection closed in a response head: " + b);
            if (c != '\r') b.write(c);
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** A response as read off the wire. */
    public record Response(int status, Map<String, String> headers, String body) {}
}
