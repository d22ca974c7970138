package dev.coffer.api.acl;

import java.util.Optional;

/** The accounts an ACL can name: how a grantee's id is resolved and how an account is shown. */
public interface AccountDirectory {
    /** The account id for an account's canonical user id (64 hex) or its 12-digit id; empty when none. */
    Optional<String> resolve(String id);

    /** How S3 shows an account: its canonical user id and display name; the id itself when unknown. */
    Shown show(String accountId);

    record Shown(String canonicalId, String displayName) {}
}
