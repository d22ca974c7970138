package dev.coffer.api.acl;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The ACL a request asks for in its headers: a canned ACL ({@code x-amz-acl}) or explicit grants
 * ({@code x-amz-grant-read}, {@code -write}, {@code -read-acp}, {@code -write-acp},
 * {@code -full-control}, each a comma-separated list of {@code id="…"}, {@code uri="…"} or
 * {@code emailAddress="…"}), never both. Grantees are resolved when read: an unknown id is
 * InvalidArgument, an e-mail address UnresolvableGrantByEmailAddress (Coffer's accounts have none).
 *
 * @param canned the canned ACL, or null when grants are given
 * @param grants the explicit grants (empty with a canned ACL)
 */
public record AclSpec(CannedAcl canned, List<Acl.Grant> grants) {
    private static final Map<String, Permission> GRANT_HEADERS = Map.of(
            "x-amz-grant-read", Permission.READ,
            "x-amz-grant-write", Permission.WRITE,
            "x-amz-grant-read-acp", Permission.READ_ACP,
            "x-amz-grant-write-acp", Permission.WRITE_ACP,
            "x-amz-grant-full-control", Permission.FULL_CONTROL);
    /** The order S3 lists header grants in. */
    private static final List<String> GRANT_ORDER = List.of("x-amz-grant-full-control", "x-amz-grant-read",
            "x-amz-grant-read-acp", "x-amz-grant-write", "x-amz-grant-write-acp");

    public AclSpec {
        grants = List.copyOf(grants);
    }

    public static AclSpec of(CannedAcl canned) {
        return new AclSpec(canned, List.of());
    }

    /**
     * The ACL the headers ask for, if any.
     *
     * @param header a request header's value by lower-case name, null when absent
     */
    public static Optional<AclSpec> fromHeaders(Function<String, String> header, AccountDirectory accounts) {
        String cannedHeader = header.apply("x-amz-acl");
        List<Acl.Grant> grants = new ArrayList<>();
        boolean anyGrantHeader = false;
        for (String name : GRANT_ORDER) {
            String value = header.apply(name);
            if (value == null) continue;
            anyGrantHeader = true;
            for (Grantee g : grantees(name, value, accounts)) grants.add(new Acl.Grant(g, GRANT_HEADERS.get(name)));
        }
        if (cannedHeader != null && anyGrantHeader) {
            throw S3Exception.of(S3ErrorCode.InvalidRequest)
                    .withMessage("Specifying both Canned ACLs and Header Grants is not allowed");
        }
        if (cannedHeader != null) {
            CannedAcl canned = CannedAcl.named(cannedHeader.trim()).orElseThrow(() -> S3Exception.of(S3ErrorCode.InvalidArgument)
                    .with("ArgumentName", "x-amz-acl").with("ArgumentValue", cannedHeader));
            return Optional.of(of(canned));
        }
        if (!anyGrantHeader) return Optional.empty();
        if (grants.size() > Acl.MAX_GRANTS) throw S3Exception.of(S3ErrorCode.MalformedACLError);
        return Optional.of(new AclSpec(null, grants));
    }

    /** The ACL of a resource owned by {@code owner} in a bucket owned by {@code bucketOwner}. */
    public Acl toAcl(String owner, String bucketOwner) {
        return canned != null ? canned.toAcl(owner, bucketOwner) : new Acl(owner, grants);
    }

    private static List<Grantee> grantees(String header, String value, AccountDirectory accounts) {
        List<Grantee> out = new ArrayList<>();
        for (String part : value.split(",")) {
            String item = part.trim();
            if (item.isEmpty()) continue;
            int eq = item.indexOf('=');
            if (eq < 0) throw invalid(header, value);
            String type = item.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String v = item.substring(eq + 1).trim();
            if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) v = v.substring(1, v.length() - 1);
            switch (type) {
                case "id" -> out.add(Grantee.account(resolveId(accounts, v)));
                case "uri" -> {
                    if (!Grantee.isGroup(v)) throw S3Exception.of(S3ErrorCode.InvalidArgument).withMessage("Invalid group uri")
                            .with("ArgumentName", "uri").with("ArgumentValue", v);
                    out.add(Grantee.group(v));
                }
                case "emailaddress" -> throw unresolvableEmail(v);
                default -> throw invalid(header, value);
            }
        }
        if (out.isEmpty()) throw invalid(header, value);
        return out;
    }

    /** The account id of a canonical user id or account id; InvalidArgument "Invalid id" when no account has it. */
    static String resolveId(AccountDirectory accounts, String id) {
        return accounts.resolve(id).orElseThrow(() -> S3Exception.of(S3ErrorCode.InvalidArgument).withMessage("Invalid id")
                .with("ArgumentName", "CanonicalUser/ID").with("ArgumentValue", id));
    }

    static S3Exception unresolvableEmail(String email) {
        return S3Exception.of(S3ErrorCode.UnresolvableGrantByEmailAddress).with("EmailAddress", email);
    }

    private static S3Exception invalid(String header, String value) {
        return S3Exception.of(S3ErrorCode.InvalidArgument).with("ArgumentName", header).with("ArgumentValue", value);
    }
}
