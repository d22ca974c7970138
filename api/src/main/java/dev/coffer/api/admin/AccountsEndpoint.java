package dev.coffer.api.admin;

import dev.coffer.api.iam.Identities;
import dev.coffer.api.ops.RootSignature;
import dev.coffer.api.routing.QueryString;
import dev.coffer.api.service.BlockingIo;
import dev.coffer.metadata.AccountRecord;
import dev.coffer.metadata.IamRefusal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import reactor.core.publisher.Mono;

/**
 * Accounts, for the server's root only (a request signed with the root key, as for
 * {@code /_coffer/metrics}): {@code GET /_coffer/admin/accounts} lists them, {@code POST
 * /_coffer/admin/accounts?name=N} creates one with its own root key pair (the secret is in this
 * answer only), {@code DELETE /_coffer/admin/accounts/ID} deletes one that owns nothing. JSON in
 * and out; {@code scripts/coffer-admin.sh} calls it.
 */
public final class AccountsEndpoint implements HttpHandler {
    public static final String PATH = "/_coffer/admin";
    private static final String ACCOUNTS = PATH + "/accounts";
    private static final Pattern NAME = Pattern.compile("[\\w+=,.@-]{1,64}");

    private final Identities identities;
    private final RootSignature signedByRoot;
    private final BlockingIo io;

    public AccountsEndpoint(Identities identities, RootSignature signedByRoot, BlockingIo io) {
        this.identities = identities;
        this.signedByRoot = signedByRoot;
        this.io = io;
    }

    @Override
    public Mono<Void> handle(ServerHttpRequest request, ServerHttpResponse response) {
        if (!signedByRoot.test(request)) {
            return json(response, HttpStatus.FORBIDDEN, error("AccessDenied", "Sign with the server's root key."));
        }
        String path = request.getURI().getRawPath();
        String method = request.getMethod().name();
        if (path.equals(ACCOUNTS) && method.equals("GET")) {
            return json(response, HttpStatus.OK, list(identities.iam().snapshot().accounts()));
        }
        if (path.equals(ACCOUNTS) && method.equals("POST")) {
            String name = QueryString.parse(request.getURI().getRawQuery()).get("name");
            if (name == null || !NAME.matcher(name).matches()) {
                return json(response, HttpStatus.BAD_REQUEST, error("ValidationError",
                        "name must be 1 to 64 characters of [\\\\w+=,.@-]"));
            }
            return io.call(() -> identities.createAccount(name))
                    .flatMap(created -> json(response, HttpStatus.OK, created(created)));
        }
        if (path.startsWith(ACCOUNTS + "/") && method.equals("DELETE")) {
            String id = path.substring(ACCOUNTS.length() + 1);
            if (id.equals(identities.firstAccount().id())) {
                return json(response, HttpStatus.CONFLICT, error("DeleteConflict",
                        "The first account holds the server's root key and cannot be deleted."));
            }
            return io.run(() -> identities.iam().deleteAccount(id))
                    .then(Mono.defer(() -> {
                        response.setStatusCode(HttpStatus.NO_CONTENT);
                        return response.setComplete();
                    }))
                    .onErrorResume(IamRefusal.class, e -> json(response, e.code() == IamRefusal.Code.NO_SUCH_ENTITY
                            ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT, error(code(e), e.getMessage())));
        }
        return json(response, HttpStatus.NOT_FOUND, error("NotFound", "Try GET or POST " + ACCOUNTS
                + ", or DELETE " + ACCOUNTS + "/<id>."));
    }

    private static String code(IamRefusal e) {
        return switch (e.code()) {
            case NO_SUCH_ENTITY -> "NoSuchEntity";
            case ENTITY_ALREADY_EXISTS -> "EntityAlreadyExists";
            case DELETE_CONFLICT -> "DeleteConflict";
            case LIMIT_EXCEEDED -> "LimitExceeded";
        };
    }

    private static String list(List<AccountRecord> accounts) {
        StringBuilder b = new StringBuilder("{\"accounts\":[");
        for (int i = 0; i < accounts.size(); i++) {
            if (i > 0) b.append(',');
            b.append(account(accounts.get(i), Map.of()));
        }
        return b.append("]}\n").toString();
    }

    private static String created(Identities.CreatedAccount c) {
        return account(c.account(), Map.of("accessKeyId", c.accessKeyId(), "secretAccessKey", c.secretKey())) + "\n";
    }

    private static String account(AccountRecord a, Map<String, String> extra) {
        StringBuilder b = new StringBuilder("{\"accountId\":").append(quote(a.id()))
                .append(",\"canonicalUserId\":").append(quote(a.canonicalId()))
                .append(",\"displayName\":").append(quote(a.displayName()))
                .append(",\"created\":").append(quote(java.time.Instant.ofEpochMilli(a.createdMillis()).toString()));
        extra.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> b.append(',').append(quote(e.getKey())).append(':').append(quote(e.getValue())));
        return b.append('}').toString();
    }

    private static String error(String code, String message) {
        return "{\"error\":" + quote(code) + ",\"message\":" + quote(message) + "}\n";
    }

    /** Values here are ids, names of [\w+=,.@-] and base64: only '"' and '\' need escaping. */
    private static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static Mono<Void> json(ServerHttpResponse response, HttpStatus status, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatusCode(status);
        response.getHeaders().set(HttpHeaders.CONTENT_TYPE, "application/json");
        response.getHeaders().setContentLength(bytes.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }
}
