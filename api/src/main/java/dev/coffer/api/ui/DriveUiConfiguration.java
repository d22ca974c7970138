package dev.coffer.api.ui;

import dev.coffer.api.config.CofferProperties;
import dev.coffer.api.cors.DriveCors;
import dev.coffer.api.server.ReservedPaths;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.util.LambdaSafe;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;
import reactor.core.publisher.Mono;

/**
 * The drive on its own port: its server, where it and the S3 endpoint are ({@link DriveOrigins}),
 * the CORS the S3 server grants it, and the redirect of a browser from the S3 port to it.
 */
@Configuration(proxyBeanMethods = false)
public class DriveUiConfiguration {
    static final String CLASSPATH_FOLDER = "coffer-ui";

    /** Filled once the drive's server exists; read lazily, as the port is known only once bound. */
    private final AtomicReference<DriveUiServer> server = new AtomicReference<>();

    @Bean
    DriveOrigins driveOrigins(UiProperties ui, ApplicationContext context) {
        return new DriveOrigins(ui.origin(), ui.s3Endpoint(),
                () -> server.get() == null ? -1 : server.get().port(),
                () -> ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    @Bean
    DriveCors driveCors(DriveOrigins origins) {
        return new DriveCors(origins);
    }

    @Bean
    BrowserRedirect browserRedirect(DriveOrigins origins) {
        return new BrowserRedirect(origins);
    }

    @Bean
    ReservedPaths.Endpoint oldDrivePath(BrowserRedirect redirect) {
        return new ReservedPaths.Endpoint(BrowserRedirect.OLD_PATH, redirect::handleOldPath);
    }

    /**
     * A Netty server built as Spring Boot builds the S3 one (same resource factory, Netty
     * customizers and server.* settings: address, timeouts, SSL, shutdown), on the drive's port.
     */
    @Bean
    @SuppressWarnings("unchecked")
    DriveUiServer driveUiServer(UiProperties ui, CofferProperties coffer, DriveOrigins origins, ReactorResourceFactory resources,
                                ObjectProvider<NettyServerCustomizer> nettyCustomizers,
                                ObjectProvider<WebServerFactoryCustomizer<?>> factoryCustomizers) {
        DriveUiServer drive;
        if (ui.port() < 0) {
            drive = new DriveUiServer(null);
        } else {
            NettyReactiveWebServerFactory factory = new NettyReactiveWebServerFactory();
            factory.setResourceFactory(resources);
            factory.getServerCustomizers().addAll(nettyCustomizers.orderedStream().toList());
            LambdaSafe.callbacks(WebServerFactoryCustomizer.class, factoryCustomizers.orderedStream().toList(), factory)
                    .invoke(customizer -> customizer.customize(factory));
            factory.setPort(ui.port());
            DriveUiEndpoint endpoint = new DriveUiEndpoint(UiAssets.fromClasspath(CLASSPATH_FOLDER), origins, coffer.region());
            // These answers complete synchronously on the event loop, which Reactor Netty 1.3.8 keeps
            // reading (reactor-netty#4361, as in S3HttpHandler).
            drive = new DriveUiServer(factory.getWebServer((request, response) ->
                    Mono.defer(() -> endpoint.handle(request, response))));
        }
        server.set(drive);
        return drive;
    }
}
