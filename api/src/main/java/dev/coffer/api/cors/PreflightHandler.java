package dev.coffer.api.cors;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.routing.S3Operation;
import dev.coffer.api.routing.S3Request;
import dev.coffer.api.server.AuthenticatesItself;
import dev.coffer.api.server.S3Call;
import dev.coffer.api.server.S3Handler;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * OPTIONS object: a browser's CORS preflight on a bucket or object path, answered from the
 * bucket's CORS configuration without authentication and without looking up the key.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/RESTOPTIONSobject.html
 *
 * <p>S3's answers, in the order it gives them (recorded against S3 by LocalStack's validated
 * tests and Eucalyptus's): no {@code Origin} → 400 BadRequest; an
 * {@code Access-Control-Request-Method} that is not one of S3's five methods → 400 BadRequest; no
 * such bucket, or no configuration → 403 AccessForbidden naming the method asked (OPTIONS when
 * none) and resource type BUCKET; no method asked → 400; no rule matching the origin, the method
 * and every requested header → 403 AccessForbidden (resource type OBJECT on a key); else 200 with
 * an empty body and the first matching rule's headers ({@link CorsHeaders}). The drive's own
 * preflights never reach this handler ({@link DriveCors}).
 */
public final class PreflightHandler implements S3Handler, AuthenticatesItself {
    static final String NO_ORIGIN = "Insufficient information. Origin request header needed.";
    static final String BUCKET_NOT_FOUND = "CORSResponse: Bucket not found";
    static final String NOT_ENABLED = "CORSResponse: CORS is not enabled for this bucket.";
    /** S3's text, its misspelling ("evalution") included. */
    static final String NOT_ALLOWED = "CORSResponse: This CORS request is not allowed. This is usually because the "
            + "evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers "
            + "are not whitelisted by the resource's CORS spec.";

    private final CorsStore store;
    private final Function<String, Mono<Boolean>> bucketExists;

    public PreflightHandler(CorsStore store, Function<String, Mono<Boolean>> bucketExists) {
        this.store = store;
        this.bucketExists = bucketExists;
    }

    @Override
    public S3Operation operation() {
        return S3Operation.OPTIONS_OBJECT;
    }

    @Override
    public Mono<Void> handle(S3Call call) {
        S3Request s3 = call.s3();
        HttpHeaders in = call.requestHeaders();
        String origin = in.getOrigin();
        if (origin == null) throw S3Exception.of(S3ErrorCode.BadRequest).withMessage(NO_ORIGIN);
        String method = in.getFirst(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
        if (method != null && !CorsConfig.METHODS.contains(method)) throw invalidMethod(method);
        String shownMethod = method == null ? "OPTIONS" : method;
        if (s3.bucket() == null) throw forbidden(BUCKET_NOT_FOUND, shownMethod, "BUCKET");
        return store.find(s3.bucket()).flatMap(config -> config.isPresent()
                ? answer(call, config.get(), origin, method)
                : bucketExists.apply(s3.bucket()).flatMap(exists ->
                        Mono.error(forbidden(exists ? NOT_ENABLED : BUCKET_NOT_FOUND, shownMethod, "BUCKET"))));
    }

    private static Mono<Void> answer(S3Call call, CorsConfig config, String origin, String method) {
        if (method == null) return Mono.error(invalidMethod(null));
        List<String> requested = CorsHeaders.requestedHeaders(call.requestHeaders());
        Optional<CorsRule> rule = config.firstMatch(origin, method, requested);
        if (rule.isEmpty()) {
            return Mono.error(forbidden(NOT_ALLOWED, method, call.s3().key() == null ? "BUCKET" : "OBJECT"));
        }
        CorsHeaders.write(call.responseHeaders(), rule.get(), origin, requested);
        return call.empty(HttpStatus.OK);
    }

    private static S3Exception invalidMethod(String method) {
        return S3Exception.of(S3ErrorCode.BadRequest).withMessage("Invalid Access-Control-Request-Method: " + method);
    }

    private static S3Exception forbidden(String message, String method, String resourceType) {
        return S3Exception.of(S3ErrorCode.AccessForbidden).withMessage(message)
                .with("Method", method).with("ResourceType", resourceType);
    }
}
