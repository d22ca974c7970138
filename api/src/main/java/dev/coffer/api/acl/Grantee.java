package dev.coffer.api.acl;

import java.util.Objects;

/**
 * Who a grant is for: an account (stored by its account id, shown by its canonical user id) or
 * one of S3's predefined groups (by URI). E-mail grantees are resolved or refused when an ACL is
 * set ({@code UnresolvableGrantByEmailAddress}), never stored.
 */
public record Grantee(Type type, String value) {
    public static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
    public static final String AUTHENTICATED_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";
    public static final String LOG_DELIVERY = "http://acs.amazonaws.com/groups/s3/LogDelivery";

    public enum Type {
        /** An account: {@code value} is its account id. */
        ACCOUNT(1),
        /** A predefined group: {@code value} is its URI. */
        GROUP(2);

        final int code;

        Type(int code) {
            this.code = code;
        }
    }

    public Grantee {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    public static Grantee account(String accountId) {
        return new Grantee(Type.ACCOUNT, accountId);
    }

    public static Grantee group(String uri) {
        return new Grantee(Type.GROUP, uri);
    }

    /** Whether {@code uri} names a group S3 knows. */
    public static boolean isGroup(String uri) {
        return ALL_USERS.equals(uri) || AUTHENTICATED_USERS.equals(uri) || LOG_DELIVERY.equals(uri);
    }

    /** AllUsers or AuthenticatedUsers: what makes an ACL public to S3's Block Public Access. */
    public boolean isPublic() {
        return type == Type.GROUP && (ALL_USERS.equals(value) || AUTHENTICATED_USERS.equals(value));
    }
}
