package dev.coffer.api.acl;

/**
 * An ACL permission, as S3 names it (S3 User Guide, "Access control list (ACL) overview",
 * "Permissions that you can grant"). Its code is its byte in the stored encoding ({@link Acl#encode}).
 */
public enum Permission {
    READ(1), WRITE(2), READ_ACP(3), WRITE_ACP(4), FULL_CONTROL(5);

    final int code;

    Permission(int code) {
        this.code = code;
    }

    /** Whether a grant of this permission gives {@code wanted} (FULL_CONTROL gives all four). */
    public boolean covers(Permission wanted) {
        return this == wanted || this == FULL_CONTROL;
    }

    static Permission ofCode(int code) {
        for (Permission p : values()) {
            if (p.code == code) return p;
        }
        throw new IllegalArgumentException("unknown ACL permission " + code);
    }

    /** The permission S3 spells {@code name}, or null. */
    static Permission named(String name) {
        for (Permission p : values()) {
            if (p.name().equals(name)) return p;
        }
        return null;
    }
}
