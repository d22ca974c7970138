package dev.coffer.api.sse;

import dev.coffer.api.config.CofferProperties;
import dev.coffer.api.config.RootCredentials;
import dev.coffer.api.ops.RootSignature;
import dev.coffer.api.server.ReservedPaths;
import dev.coffer.api.service.BlockingIo;
import dev.coffer.auth.RequestAuthenticator;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires server-side encryption: the master key from the data directory, the key ring (the
 * built-in one unless the application context holds another {@link KeyRing} bean, e.g. a real
 * KMS's), and the root's key-ring endpoint.
 */
@Configuration(proxyBeanMethods = false)
public class SseConfiguration {

    @Bean
    Encryption encryption(CofferProperties props, SseProperties settings, ObjectProvider<KeyRing> plugged)
            throws IOException {
        byte[] master = MasterKey.loadOrCreate(props.dataDir());
        KeyRing keyRing = plugged.getIfAvailable();
        if (keyRing == null) keyRing = new LocalKeyRing(props.dataDir().resolve("kms"), master, props.region());
        return new Encryption(master, keyRing, settings);
    }

    @Bean
    ReservedPaths.Endpoint kmsAdminEndpoint(Encryption encryption, BlockingIo io, RootCredentials root) {
        RequestAuthenticator rootOnly = new RequestAuthenticator(accessKey -> accessKey.equals(root.accessKey())
                ? Optional.of(root.secretKey()) : Optional.empty(), Clock.systemUTC());
        return new ReservedPaths.Endpoint(KmsAdminEndpoint.PATH,
                new KmsAdminEndpoint(encryption.keyRing(), io, new RootSignature(rootOnly, root.accessKey())));
    }
}
