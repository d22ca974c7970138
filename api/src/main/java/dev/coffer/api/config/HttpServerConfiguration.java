package dev.coffer.api.config;

import dev.coffer.api.server.InterimResponses;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What Coffer changes in Reactor Netty's HTTP server, each change a customizer of its own. */
@Configuration(proxyBeanMethods = false)
public class HttpServerConfiguration {

    @Bean
    NettyServerCustomizer interimResponsesWithoutConnectionHeader() {
        return InterimResponses::install;
    }
}
