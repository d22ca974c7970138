package dev.coffer.compat.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Plain HTTP requests (java.net.http) to the server, signed with SigV4 by the SDK's own signer or
 * sent anonymously: for what the SDK cannot send or hides (raw XML, unsupported operations,
 * encoded listings, bodies of error responses).
 */
public final class RawS3 {

    /** Headers java.net.http sets itself and refuses to take from the caller. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect");

    private final URI endpoint;
    private final String accessKey;
    private final String secretKey;
    private final String region;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    RawS3(URI endpoint, String accessKey, String secretKey, String region) {
        this.endpoint = endpoint;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.region = region;
    }

    /** The URI of an already encoded path and query, e.g. {@code "/bucket/key?torrent"}. */
    public URI uri(String encodedPathAndQuery) {
        return endpoint.resolve(encodedPathAndQuery);
    }

    /** Sends a SigV4-signed request (payload hash signed) and returns the response with its body. */
    public HttpResponse<byte[]> signed(String method, String encodedPathAndQuery, Map<String, String> headers,
            byte[] body) {
        return signedWithBody(method, encodedPathAndQuery, headers, body, body);
    }

    /** Signs one body and sends another, of the same length: a payload tampered with on the way. */
    public HttpResponse<byte[]> signedWithBody(String method, String encodedPathAndQuery, Map<String, String> headers,
            byte[] signedBody, byte[] sentBody) {
        return signedThenAdded(method, encodedPathAndQuery, headers, signedBody, sentBody, Map.of());
    }

    /** Signs a body-less request, then adds a header the signature does not cover: a request tampered with on the way. */
    public HttpResponse<byte[]> signedPlus(String method, String encodedPathAndQuery, String addedName, String addedValue) {
        return signedThenAdded(method, encodedPathAndQuery, Map.of(), new byte[0], new byte[0], Map.of(addedName, addedValue));
    }

    private HttpResponse<byte[]> signedThenAdded(String method, String encodedPathAndQuery, Map<String, String> headers,
            byte[] signedBody, byte[] sentBody, Map<String, String> added) {
        byte[] body = signedBody;
        URI uri = uri(encodedPathAndQuery);
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method)).uri(uri);
        headers.forEach(request::putHeader);
        request.putHeader("x-amz-content-sha256", TestData.sha256Hex(body));
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(accessKey, secretKey))
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false));
        HttpRequest.Builder out = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60))
                .method(method, body.length == 0 && !method.equals("PUT") && !method.equals("POST")
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(sentBody));
        signed.request().headers().forEach((name, values) -> {
            if (!RESTRICTED.contains(name.toLowerCase())) {
                values.forEach(v -> out.header(name, v));
            }
        });
        added.forEach(out::header);
        return send(out.build());
    }

    /**
     * A SigV4 presigned URL, signed by the SDK's own signer, for a path whose query may carry
     * {@code x-amz-*} parameters (signed as part of the query, as presigners that hoist headers do).
     */
    public URI presigned(String method, String encodedPathAndQuery, Duration expires) {
        return presigned(method, encodedPathAndQuery, Map.of(), expires);
    }

    /** As above, with headers the URL signs (and that the request must then carry). */
    public URI presigned(String method, String encodedPathAndQuery, Map<String, String> signedHeaders, Duration expires) {
        SdkHttpRequest.Builder builder = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method))
                .uri(uri(encodedPathAndQuery));
        signedHeaders.forEach(builder::putHeader);
        SdkHttpRequest request = builder.build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(accessKey, secretKey))
                .request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AwsV4HttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, expires)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false));
        return signed.request().getUri();
    }

    public HttpResponse<byte[]> signed(String method, String encodedPathAndQuery) {
        return signed(method, encodedPathAndQuery, Map.of(), new byte[0]);
    }

    /** Sends a request with no credentials at all. */
    public HttpResponse<byte[]> anonymous(String method, String encodedPathAndQuery) {
        return send(HttpRequest.newBuilder(uri(encodedPathAndQuery)).timeout(Duration.ofSeconds(60))
                .method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    /** Sends any prepared request (a presigned URL, say). */
    public HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
