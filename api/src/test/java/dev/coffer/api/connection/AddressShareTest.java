package dev.coffer.api.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * One client address's share of the connections, on a real Reactor Netty server with the
 * customizer the application gives its servers: past its share an address's next connection is
 * closed at once and counted, while another address is served, and a freed place is taken again.
 */
class AddressShareTest {
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private DisposableServer server;

    @BeforeEach
    void start() {
        Duration t = Duration.ofSeconds(20);
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("meters", meters);
        HttpServer customized = new ConnectionConfiguration().connectionLimitsCustomizer(
                new ConnectionLimits(t, t, t, t, 10, 2), beans.getBeanProvider(PrometheusMeterRegistry.class))
                .apply(HttpServer.create().host("127.0.0.1").port(0));
        server = customized.handle((request, response) -> response.sendString(Mono.just("ok"))).bindNow();
    }

    @AfterEach
    void stop() {
        server.disposeNow();
    }

    private Socket from(String address) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(InetAddress.getByName(address), 0));
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Whether a GET on {@code socket} is answered 200, read whole (false: the server closed the connection). */
    private static boolean served(Socket socket) throws IOException {
        try {
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            StringBuilder answer = new StringBuilder();
            // The handler answers "ok": the answer ends with it, whether sized or chunked ("2\r\nok\r\n0\r\n\r\n").
            while (!answer.toString().endsWith("\r\n\r\nok") && !answer.toString().endsWith("\r\n0\r\n\r\n")) {
                int b = in.read();
                if (b < 0) return false;
                answer.append((char) b);
            }
            return answer.toString().startsWith("HTTP/1.1 200");
        } catch (java.net.SocketException closed) {
            return false;
        }
    }

    private double refused() {
        return meters.get("coffer.connections.refused").tag("reason", "per-address").functionCounter().count();
    }

    @Test
    void anAddressPastItsShareIsClosedAtOnceWhileAnotherIsServed() throws Exception {
        try (Socket a1 = from("127.0.0.1"); Socket a2 = from("127.0.0.1")) {
            assertThat(served(a1)).isTrue();
            assertThat(served(a2)).isTrue();
            try (Socket a3 = from("127.0.0.1")) {
                assertThat(served(a3)).as("a third connection from the same address").isFalse();
            }
            assertThat(refused()).isEqualTo(1);
            try (Socket b1 = from("127.0.0.2")) {
                assertThat(served(b1)).as("another address is served meanwhile").isTrue();
            }
            assertThat(served(a1)).as("the address's own connections still work").isTrue();
            a2.close();
            Thread.sleep(200); // the server sees the close on its event loop
            try (Socket again = from("127.0.0.1")) {
                assertThat(served(again)).as("a freed place is taken again").isTrue();
            }
        }
        assertThat(refused()).isEqualTo(1);
        assertThat(meters.scrape()).as("as /_coffer/metrics shows it")
                .contains("coffer_connections_refused_total{reason=\"per-address\"} 1.0");
    }
}
