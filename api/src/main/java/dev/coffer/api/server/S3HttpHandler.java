package dev.coffer.api.server;

import dev.coffer.api.authz.AccessChecks;
import dev.coffer.api.authz.ConditionKeys;
import dev.coffer.api.authz.ExpectedBucketOwner;
import dev.coffer.api.authz.IamActions;
import dev.coffer.api.authz.RequestAccess;
import dev.coffer.api.connection.BodyTimeout;
import dev.coffer.api.cors.BucketCors;
import dev.coffer.api.cors.DriveCors;
import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.http.HttpDates;
import dev.coffer.api.http.Names;
import dev.coffer.api.http.UnimplementedHeaders;
import dev.coffer.api.iam.IamEndpoint;
import dev.coffer.api.ops.RequestTrace;
import dev.coffer.api.routing.QueryString;
import dev.coffer.api.routing.S3Operation;
import dev.coffer.api.routing.S3Request;
import dev.coffer.api.routing.S3RequestResolver;
import dev.coffer.api.ui.BrowserRedirect;
import dev.coffer.auth.AuthError;
import dev.coffer.auth.AuthException;
import dev.coffer.auth.AuthResult;
import dev.coffer.auth.PayloadMode;
import dev.coffer.auth.RequestAuthenticator;
import dev.coffer.auth.SignedRequest;
import dev.coffer.auth.policy.Principal;
import dev.coffer.auth.policy.RequestContext;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The path of every request: resolve once, authenticate, authorize, dispatch through one
 * EnumMap to the operation's handler, fail in one place.
 */
public final class S3HttpHandler implements HttpHandler {
    /** What a request without credentials authenticates as: no key, an unsigned payload. */
    private static final AuthResult ANONYMOUS = new AuthResult(null, new PayloadMode.Unsigned());

    private final S3RequestResolver resolver;
    private final RequestAuthenticator authenticator;
    private final AccessChecks access;
    private final Map<S3Operation, S3Handler> handlers = new EnumMap<>(S3Operation.class);
    private final ReservedPaths reserved;
    private final Function<String, Mono<Boolean>> bucketExists;
    private final Duration bodyTimeout;
    private final DriveCors driveCors;
    private final BucketCors bucketCors;
    private final BrowserRedirect browserRedirect;
    private final IamEndpoint iam;
    private final java.util.function.Supplier<Mono<Void>> readBarrier;

    public S3HttpHandler(S3RequestResolver resolver, RequestAuthenticator authenticator, AccessChecks access,
                         List<S3Handler> handlers,
                         ReservedPaths reserved, Function<String, Mono<Boolean>> bucketExists,
                         Duration bodyTimeout, DriveCors driveCors, BucketCors bucketCors,
                         BrowserRedirect browserRedirect,
                         IamEndpoint iam) {
        this(resolver, authenticator, access, handlers, reserved, bucketExists, bodyTimeout, driveCors, bucketCors,
                browserRedirect,
                iam, null);
    }

    /**
     * @param readBarrier before a request is authenticated (S3 and IAM alike), completes once this
     *     node's catalogue holds every change acknowledged anywhere (a cluster's ReadIndex round), so
     *     keys, policies, GET, HEAD and LIST see what any node acknowledged before the request; null on a single
     *     node, whose requests take the path they took before clusters existed
     */
    public S3HttpHandler(S3RequestResolver resolver, RequestAuthenticator authenticator, AccessChecks access,
                         List<S3Handler> handlers,
                         ReservedPaths reserved, Function<String, Mono<Boolean>> bucketExists,
                         Duration bodyTimeout, DriveCors driveCors, BucketCors bucketCors,
                         BrowserRedirect browserRedirect,
                         IamEndpoint iam, java.util.function.Supplier<Mono<Void>> readBarrier) {
        this.iam = iam;
        this.readBarrier = readBarrier;
        this.bodyTimeout = bodyTimeout;
        this.resolver = resolver;
        this.authenticator = authenticator;
        this.access = access;
        this.reserved = reserved;
        this.bucketExists = bucketExists;
        this.driveCors = driveCors;
        this.bucketCors = bucketCors;
        this.browserRedirect = browserRedirect;
        for (S3Handler h : handlers) {
            if (this.handlers.put(h.operation(), h) != null) {
                throw new IllegalStateException("two handlers for " + h.operation());
            }
        }
    }

    /**
     * Every exchange starts on the event loop that read it: Reactor Netty 1.3.8 keeps reading a
     * keep-alive connection whose queued request completes synchronously (reactor/reactor-netty#4361;
     * compat KeepAliveIT), so no hand-off to another thread is needed before the S3 work.
     */
    @Override
    public Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response) {
        ServerHttpRequest timed = BodyTimeout.apply(request, bodyTimeout);
        return Mono.defer(() -> route(timed, response));
    }

    private Mono<Void> route(ServerHttpRequest request, ServerHttpResponse response) {
        String requestId = RequestIds.next();
        HttpHeaders out = response.getHeaders();
        out.set("x-amz-request-id", requestId);
        out.set("x-amz-id-2", requestId);
        out.set(HttpHeaders.SERVER, "Coffer");
        out.set(HttpHeaders.DATE, HttpDates.formatCached(System.currentTimeMillis()));
        boolean head = "HEAD".equals(request.getMethod().name());
        String resource = request.getURI().getRawPath();
        // The drive's grant comes first: its admin console calls the IAM API and /_coffer/admin/… too.
        if (driveCors.isDrivePreflight(request)) {
            return driveCors.preflight(request, response);
        }
        boolean fromDrive = driveCors.grant(request, response);
        if (ReservedPaths.isReserved(resource)) {
            return reserved.handle(request, response);
        }
        if (IamEndpoint.applies(request)) {
            RequestTrace.of(request).resolved("IAM", null, null);
            return iam.handle(request, response, requestId, caughtUp());
        }
        if (browserRedirect.applies(request)) {
            return browserRedirect.send(request, response);
        }
        RequestTrace trace = RequestTrace.of(request);
        Mono<Void> dispatched = Mono.defer(() -> dispatch(request, response, requestId, trace, fromDrive));
        return (readBarrier == null ? dispatched : readBarrier.get().then(dispatched))
                .onErrorResume(e -> {
                    trace.failed(ExceptionTranslator.translate(e).code().code(), e);
                    return ErrorResponder.write(response, resource, requestId, head, e);
                });
    }

    private Mono<Void> dispatch(ServerHttpRequest request, ServerHttpResponse response, String requestId,
                                RequestTrace trace, boolean fromDrive) {
        Map<String, List<String>> headers = new LinkedHashMap<>(32);
        Map<String, String> firstValues = new LinkedHashMap<>(32);
        RequestHeaders.read(request, headers, firstValues);
        String rawPath = request.getURI().getRawPath();
        String rawQuery = request.getURI().getRawQuery();
        // The query parsed once: the signature check's parameters, and routing's map made from them.
        SignedRequest signed = new SignedRequest(request.getMethod().name(), rawPath, rawQuery == null ? "" : rawQuery,
                headers);
        Map<String, String> query = QueryString.firstValues(signed.query());
        Map<String, String> hoisted = PresignedHeaders.of(query);
        firstValues.putAll(hoisted);
        S3Request s3 = resolver.resolveParsed(request.getMethod().name(), firstValues.get("host"), rawPath, query, firstValues);
        trace.resolved(s3.operation().name(), s3.bucket(), s3.key());
        // Before any lookup, signature check included: a name no bucket can have (NUL, non-ASCII,
        // upper case…) reaches neither the catalogue nor a handler.
        if (s3.bucket() != null) Names.checkBucket(s3.bucket());
        // The bucket's CORS rules answer every request but a preflight (which PreflightHandler answers),
        // errors included: before anything below can fail.
        if (!fromDrive && s3.operation() != S3Operation.OPTIONS_OBJECT) bucketCors.decorate(s3.bucket(), request, response);
        if (s3.operation() == S3Operation.METHOD_NOT_ALLOWED) {
            throw S3Exception.of(S3ErrorCode.MethodNotAllowed, s3.resource())
                    .with("Method", request.getMethod().name())
                    .with("ResourceType", s3.key() == null ? "BUCKET" : "OBJECT");
        }
        S3Handler handler = handlers.get(s3.operation());
        AuthResult auth = null;
        try {
            // S3 checks the signature before it looks at what is asked: an unsigned request for an
            // unsupported subresource is AccessDenied, a signed one NotImplemented.
            // A request without credentials is anonymous: the Authorizer judges it like any other.
            if (!(handler instanceof AuthenticatesItself)) {
                auth = authenticator.authenticateIfSigned(signed, s3.virtualHosted() ? s3.bucket() : null)
                        .orElse(ANONYMOUS);
            }
            if (handler == null && auth == ANONYMOUS) throw new AuthException(AuthError.ACCESS_DENIED, "Access Denied");
        } catch (AuthException e) {
            return refused(s3, e);
        } catch (Exception e) {
            return Mono.error(e);
        }
        if (handler == null) {
            throw S3Exception.of(S3ErrorCode.NotImplemented, s3.resource());
        }
        java.time.Instant now = java.time.Instant.now();
        RequestAccess requestAccess = access.forRequest(auth,
                RequestContext.lazy(() -> ConditionKeys.of(request, s3, firstValues, query, now)));
        S3Call call = new S3Call(s3, PresignedHeaders.apply(request, hoisted), response, auth, requestAccess, requestId);
        // Who may ask comes before what is asked: a denied request's headers are never looked at, the
        // bucket owner condition's included, so that its refusal tells no one without access whose the
        // bucket is (the Authorizer's AccessDenied and the condition's read alike).
        Mono<Void> ownerCondition = Mono.defer(() -> ExpectedBucketOwner.require(s3, firstValues, requestAccess));
        Mono<Void> authorized = authorize(s3, firstValues, requestAccess)
                .onErrorResume(e -> hideMissingKey(s3, requestAccess, e, ownerCondition));
        return authorized.then(ownerCondition).then(Mono.defer(() -> {
            PresignedHeaders.refuseClashes(hoisted, headers);
            UnimplementedHeaders.check(firstValues, s3.operation());
            return handler.handle(call);
        }).onErrorResume(e -> hideMissingKey(s3, requestAccess, e)));
    }

    /**
     * In a cluster, completes once this node's catalogue holds every write acknowledged anywhere
     * before the request (buckets, objects, and the keys and policies that authentication and
     * authorization read); at once on a single node.
     */
    private Mono<Void> caughtUp() {
        return readBarrier == null ? Mono.empty() : readBarrier.get();
    }

    /**
     * The operation's own checks ({@link IamActions}), before its handler runs. An operation the
     * table does not know is left to the server's root alone.
     */
    private static Mono<Void> authorize(S3Request s3, Map<String, String> headers, RequestAccess requestAccess) {
        return IamActions.of(s3, headers)
                .map(checks -> checks.size() == 1 ? requestAccess.require(checks.get(0))
                        : Flux.fromIterable(checks).concatMap(requestAccess::require).then())
                .orElseGet(() -> requestAccess.principal().kind() == Principal.Kind.ROOT ? Mono.empty()
                        : Mono.error(S3Exception.of(S3ErrorCode.AccessDenied, s3.resource())));
    }

    /** GET and HEAD of an object, whose refusal on a missing key becomes NoSuchKey to whoever may list. */
    private static final java.util.Set<S3Operation> OBJECT_READS = java.util.EnumSet.of(S3Operation.GET_OBJECT,
            S3Operation.HEAD_OBJECT);

    /** Operations on the request's own key whose NoSuchKey says whether the key exists. */
    private static final java.util.Set<S3Operation> KEY_READS = java.util.EnumSet.of(S3Operation.GET_OBJECT,
            S3Operation.HEAD_OBJECT, S3Operation.GET_OBJECT_ATTRIBUTES, S3Operation.GET_OBJECT_TAGGING,
            S3Operation.PUT_OBJECT_TAGGING, S3Operation.DELETE_OBJECT_TAGGING);

    /**
     * An authorization refusal, as {@link #hideMissingKey(S3Request, RequestAccess, Throwable)} tells
     * it; a NoSuchKey it becomes (told to whoever may list) is told only when the bucket owner
     * condition holds, which is AccessDenied otherwise.
     */
    private static Mono<Void> hideMissingKey(S3Request s3, RequestAccess requestAccess, Throwable e,
                                             Mono<Void> ownerCondition) {
        return hideMissingKey(s3, requestAccess, e).onErrorResume(hidden ->
                ExceptionTranslator.translate(hidden).code() == S3ErrorCode.NoSuchKey
                        ? ownerCondition.then(Mono.error(hidden)) : Mono.error(hidden));
    }

    /**
     * A missing key answers 404 NoSuchKey only to whoever may list the bucket (s3:ListBucket);
     * anyone else gets 403 AccessDenied, so that keys cannot be probed for (S3 API Reference,
     * GetObject and HeadObject, "Permissions"). That holds whoever could have read the key: a
     * GET or HEAD refused for want of s3:GetObject on a key that does not exist is NoSuchKey to a
     * principal who may list (an object ACL, the only grant of an object read, cannot exist for
     * a missing key); the listing would have told the same.
     */
    private static Mono<Void> hideMissingKey(S3Request s3, RequestAccess requestAccess, Throwable e) {
        if (!KEY_READS.contains(s3.operation())) return Mono.error(e);
        S3ErrorCode code = ExceptionTranslator.translate(e).code();
        dev.coffer.api.authz.ActionCheck list = new dev.coffer.api.authz.ActionCheck("s3:ListBucket", s3.bucket(), null);
        if (code == S3ErrorCode.NoSuchKey) {
            return requestAccess.wouldAllow(list)
                    .flatMap(mayList -> Mono.error(mayList ? e : S3Exception.of(S3ErrorCode.AccessDenied, s3.resource())));
        }
        if (code != S3ErrorCode.AccessDenied || !OBJECT_READS.contains(s3.operation())) return Mono.error(e);
        dev.coffer.api.authz.ActionCheck read = new dev.coffer.api.authz.ActionCheck("s3:GetObject", s3.bucket(), s3.key());
        return requestAccess.wouldAllow(list)
                .flatMap(mayList -> mayList ? requestAccess.objectMissing(read) : Mono.just(false))
                .flatMap(missing -> Mono.error(missing
                        ? S3Exception.of(S3ErrorCode.NoSuchKey, s3.resource()).with("Key", s3.key()) : e));
    }

    /**
     * A request that failed authentication (anonymous, a presigned URL that does not check out…)
     * on a bucket that does not exist answers 404 NoSuchBucket, as S3 does: the bucket is looked up
     * before the signature's verdict is given. CreateBucket keeps the verdict (there an absent
     * bucket is the point).
     */
    private Mono<Void> refused(S3Request s3, AuthException e) {
        if (s3.bucket() == null || s3.operation() == S3Operation.CREATE_BUCKET) return Mono.error(e);
        return bucketExists.apply(s3.bucket()).flatMap(exists -> Mono.error(exists ? e
                : S3Exception.of(S3ErrorCode.NoSuchBucket, s3.resource()).with("BucketName", s3.bucket())));
    }
}
