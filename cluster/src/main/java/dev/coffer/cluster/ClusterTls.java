package dev.coffer.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;
import org.apache.ratis.grpc.GrpcTlsConfig;

/**
 * The cluster's mutual TLS, on the Raft port and the chunk port alike: this node's key and
 * certificate (signed by the cluster's CA), and the CA certificate(s) a peer's certificate must
 * chain to. Every member's server asks the caller for its certificate and refuses a connection
 * without one the CA signed; every member's client (its own proposals, reads, admin calls, the
 * leader's appendEntries, chunk transfers) shows its own and checks the server's, host name
 * included. Both stores are PKCS12 files (scripts/cluster-certs.sh makes them with keytool;
 * docs/cluster.md, "Certificates").
 */
public final class ClusterTls {
    private final X509KeyManager keys;
    private final X509TrustManager trust;

    private ClusterTls(X509KeyManager keys, X509TrustManager trust) {
        this.keys = keys;
        this.trust = trust;
    }

    /**
     * Loads the two stores.
     *
     * @param keyStore PKCS12: this node's private key and its certificate chain (one key entry)
     * @param trustStore PKCS12: the cluster CA's certificate(s)
     * @param password of both stores
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static ClusterTls load(Path keyStore, Path trustStore, char[] password) {
        KeyStore keys = read(keyStore, password, "coffer.cluster.tls.key-store");
        KeyStore trusted = read(trustStore, password, "coffer.cluster.tls.trust-store");
        try {
            if (Collections.list(keys.aliases()).stream().noneMatch(a -> isKey(keys, a))) {
                throw new IllegalArgumentException("coffer.cluster.tls.key-store " + keyStore
                        + " holds no private key: it must hold this node's key and certificate");
            }
            if (trusted.size() == 0) {
                throw new IllegalArgumentException("coffer.cluster.tls.trust-store " + trustStore
                        + " holds no certificate: it must hold the cluster CA's");
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, password);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            return new ClusterTls(only(kmf.getKeyManagers(), X509KeyManager.class), only(tmf.getTrustManagers(), X509TrustManager.class));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the Raft port's TLS stores cannot be used: " + e.getMessage(), e);
        }
    }

    /** Ratis's gRPC TLS, with the client's certificate required (mutual TLS). */
    public GrpcTlsConfig grpc() {
        return new GrpcTlsConfig((KeyManager) keys, (TrustManager) trust, true);
    }

    /** This node's key and certificate chain, shown to every peer (a chunk port's server side). */
    public X509KeyManager keyManager() {
        return keys;
    }

    /** Trusts a peer whose certificate chains to the cluster's CA, and no other. */
    public X509TrustManager trustManager() {
        return trust;
    }

    /** The JDK's TLS with this node's certificate and the cluster's CA only (a chunk client's side). */
    public SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {keys}, new TrustManager[] {trust}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no TLS: " + e.getMessage(), e);
        }
    }

    private static boolean isKey(KeyStore store, String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static <T> T only(Object[] managers, Class<T> type) {
        for (Object m : managers) {
            if (type.isInstance(m)) return type.cast(m);
        }
        throw new IllegalStateException("the JDK offers no " + type.getSimpleName());
    }

    private static KeyStore read(Path file, char[] password, String setting) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException(setting + " " + file + " is not a readable file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(setting + " " + file
                    + " cannot be read as PKCS12 with coffer.cluster.tls.password: " + e.getMessage(), e);
        }
    }
}
