package dev.coffer.api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration;

/**
 * Starts Coffer: the S3 API on Reactor Netty over the chunk store and the RocksDB catalogue. The
 * annotation-driven WebFlux stack is left out: one HttpHandler serves every request.
 */
@SpringBootApplication(exclude = {WebFluxAutoConfiguration.class, ErrorWebFluxAutoConfiguration.class})
@ConfigurationPropertiesScan
public class CofferApplication {
    public static void main(String[] args) {
        SpringApplication.run(CofferApplication.class, args);
    }
}
