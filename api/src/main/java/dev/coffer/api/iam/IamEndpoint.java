package dev.coffer.api.iam;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.routing.QueryString;
import dev.coffer.api.service.BlockingIo;
import dev.coffer.auth.AuthException;
import dev.coffer.auth.AuthResult;
import dev.coffer.auth.RequestAuthenticator;
import dev.coffer.auth.SignedRequest;
import dev.coffer.api.authz.ConditionKeys;
import dev.coffer.api.ops.RootSignature;
import dev.coffer.api.authz.DenialMetrics;
import dev.coffer.auth.policy.Authorizer;
import dev.coffer.auth.policy.Decision;
import dev.coffer.auth.policy.Principal;
import dev.coffer.metadata.IamRefusal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/**
 * The IAM query API on the S3 endpoint, as {@code aws iam --endpoint-url} and the SDKs' IAM
 * clients call it: a form-encoded POST to {@code /} with Action=…&Version=2010-05-08, signed with
 * SigV4 for service {@code iam}. Told apart from S3 requests by that credential scope alone (S3
 * never signs for "iam"), so no S3 request is routed here. Answers in IAM's XML and ErrorResponse.
 * An account's root may call every action in its account; an IAM user what the {@link Authorizer}
 * allows it ({@code iam:<Action>} on the user or policy the call names).
 */
public final class IamEndpoint {
    private static final Logger log = LoggerFactory.getLogger(IamEndpoint.class);
    /** Far above any IAM request: a managed policy is at most 6,144 characters before form encoding. */
    static final int MAX_BODY = 128 * 1024;
    static final String VERSION = "2010-05-08";

    private final RequestAuthenticator authenticator;
    private final Identities identities;
    private final BlockingIo io;
    private final Authorizer authorizer;
    private final DenialMetrics denials;
    private final Map<String, Function<IamRequest, byte[]>> actions = new HashMap<>();

    public IamEndpoint(RequestAuthenticator authenticator, Identities identities, BlockingIo io, Authorizer authorizer,
                       DenialMetrics denials) {
        this.authorizer = authorizer;
        this.denials = denials;
        this.authenticator = authenticator;
        this.identities = identities;
        this.io = io;
        new IamUserActions(identities.iam(), identities.sealer()).register(actions);
        new IamPolicyActions(identities.iam()).register(actions);
    }

    /** Whether the request is signed for service iam (a POST to /), so belongs here. */
    public static boolean applies(ServerHttpRequest request) {
        if (!"POST".equals(request.getMethod().name()) || !"/".equals(request.getURI().getRawPath())) return false;
        String authorization = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        return authorization != null && authorization.contains("/iam/aws4_request");
    }

    public Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response, String requestId) {
        return handle(request, response, requestId, Mono.empty());
    }

    /**
     * @param caughtUp completes when this node may read its catalogue (a cluster's read barrier);
     *     its failure answers 503 ServiceUnavailable
     */
    public Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response, String requestId,
                             Mono<Void> caughtUp) {
        return caughtUp.then(DataBufferUtils.join(request.getBody(), MAX_BODY))
                .map(buffer -> {
                    try {
                        byte[] bytes = new byte[buffer.readableByteCount()];
                        buffer.read(bytes);
                        return bytes;
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                })
                .defaultIfEmpty(new byte[0])
                .flatMap(body -> call(request, body, requestId))
                .flatMap(document -> write(response, 200, document))
                .onErrorResume(e -> fail(response, e, requestId));
    }

    private Mono<byte[]> call(ServerHttpRequest request, byte[] body, String requestId) {
        IamRequest r = request(request, body, requestId);
        Function<IamRequest, byte[]> action = actions.get(r.action());
        if (action == null) {
            // IAM answers InvalidAction for a name it does not know; Coffer cannot tell those from
            // IAM's actions it lacks, and an action not implemented answers NotImplemented.
            return Mono.error(new IamException(IamError.NotImplemented, "Coffer does not implement the IAM action "
                    + r.action() + " (version " + VERSION + ")."));
        }
        return io.call(() -> action.apply(r));
    }

    private IamRequest request(ServerHttpRequest request, byte[] body, String requestId) {
        String rawQuery = request.getURI().getRawQuery();
        AuthResult auth;
        try {
            auth = authenticator.authenticateService(new SignedRequest("POST", request.getURI().getRawPath(),
                    rawQuery == null ? "" : rawQuery, RootSignature.headers(request)), "iam", RootSignature.sha256(body));
        } catch (AuthException e) {
            throw refused(e);
        }
        Map<String, String> params;
        try {
            params = new LinkedHashMap<>(QueryString.parse(rawQuery));
            QueryString.parse(new String(body, StandardCharsets.UTF_8)).forEach(params::putIfAbsent);
        } catch (S3Exception e) {
            throw new IamException(IamError.ValidationError, "The request is not valid form encoding.");
        }
        String action = params.get("Action");
        if (action == null) throw new IamException(IamError.MissingAction, "Missing Action");
        Caller caller = identities.caller(auth.accessKeyId()).orElseThrow(() ->
                new IamException(IamError.InvalidClientTokenId, "The security token included in the request is invalid."));
        IamRequest r = new IamRequest(action, params, caller, requestId);
        if (!caller.isRoot()) {
            Principal principal = identities.principalOf(auth.accessKeyId()).orElseThrow(() ->
                    new IamException(IamError.InvalidClientTokenId, "The security token included in the request is invalid."));
            String resource = resource(r);
            Decision decision = authorizer.authorize(principal, "iam:" + action, resource,
                    ConditionKeys.ofServiceCall(request), null, null);
            if (!decision.allowed()) {
                // The label stays bounded: a name the endpoint does not implement is counted as one.
                denials.denied(actions.containsKey(action) ? "iam:" + action : "iam:(unimplemented)", decision);
                throw new IamException(IamError.AccessDenied, "User: " + caller.arn() + " is not authorized to perform: iam:"
                        + action + " on resource: " + resource + " because no identity-based policy allows the iam:"
                        + action + " action");
            }
        }
        return r;
    }

    /** The resource an IAM call acts on, as IAM's authorization names it: the policy or user it names, else "*". */
    private static String resource(IamRequest r) {
        String account = r.caller().account().id();
        if (r.optional("PolicyArn") != null) return r.optional("PolicyArn");
        if (r.action().equals("CreatePolicy") && r.optional("PolicyName") != null) {
            return "arn:aws:iam::" + account + ":policy" + (r.optional("Path") == null ? "/" : r.optional("Path"))
                    + r.optional("PolicyName");
        }
        String user = r.optional("UserName") != null ? r.optional("UserName")
                : r.caller().user() != null ? r.caller().user().name() : null;
        return user == null ? "*" : "arn:aws:iam::" + account + ":user/" + user;
    }

    /** Signature failures as IAM names them. */
    private static IamException refused(AuthException e) {
        return switch (e.error()) {
            case INVALID_ACCESS_KEY_ID, INVALID_TOKEN -> new IamException(IamError.InvalidClientTokenId,
                    "The security token included in the request is invalid.");
            case SIGNATURE_DOES_NOT_MATCH -> new IamException(IamError.SignatureDoesNotMatch, "The request signature we "
                    + "calculated does not match the signature you provided. Check your AWS Secret Access Key and "
                    + "signing method. Consult the service documentation for details.");
            case REQUEST_TIME_TOO_SKEWED -> new IamException(IamError.RequestExpired, "Request has expired.");
            case ACCESS_DENIED -> new IamException(IamError.AccessDenied, e.getMessage());
            default -> new IamException(IamError.IncompleteSignature, e.getMessage());
        };
    }

    private static Mono<Void> fail(ServerHttpResponse response, Throwable e, String requestId) {
        IamException iam;
        if (e instanceof IamException known) {
            iam = known;
        } else if (e instanceof IamRefusal refusal) {
            iam = new IamException(switch (refusal.code()) {
                case NO_SUCH_ENTITY -> IamError.NoSuchEntity;
                case ENTITY_ALREADY_EXISTS -> IamError.EntityAlreadyExists;
                case DELETE_CONFLICT -> IamError.DeleteConflict;
                case LIMIT_EXCEEDED -> IamError.LimitExceeded;
            }, refusal.getMessage());
        } else if (e instanceof S3Exception s3 && s3.code() == S3ErrorCode.ServiceUnavailable) {
            iam = new IamException(IamError.ServiceUnavailable, s3.getMessage());
        } else if (e instanceof DataBufferLimitException) {
            iam = new IamException(IamError.ValidationError, "Request body is larger than " + MAX_BODY + " bytes.");
        } else {
            log.error("IAM request {} failed", requestId, e);
            iam = new IamException(IamError.ServiceFailure, "Internal error; request id " + requestId);
        }
        if (iam.error().status() < 500) log.info("IAM request {}: {} {}", requestId, iam.error(), iam.getMessage());
        return write(response, iam.error().status(), IamXml.error(iam.error(), iam.getMessage(), requestId));
    }

    private static Mono<Void> write(ServerHttpResponse response, int status, byte[] document) {
        response.setStatusCode(HttpStatusCode.valueOf(status));
        response.getHeaders().set(HttpHeaders.CONTENT_TYPE, "text/xml");
        response.getHeaders().setContentLength(document.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(document)));
    }


}
