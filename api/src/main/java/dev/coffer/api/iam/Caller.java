package dev.coffer.api.iam;

import dev.coffer.metadata.AccountRecord;
import dev.coffer.metadata.IamUserRecord;

/**
 * Who signed a request: an account's root ({@code user} null) or one of its IAM users, and the
 * key they signed with.
 */
public record Caller(AccountRecord account, IamUserRecord user, String accessKeyId) {
    public boolean isRoot() {
        return user == null;
    }

    /** {@code arn:aws:iam::<account>:root} or the user's ARN. */
    public String arn() {
        return user == null ? "arn:aws:iam::" + account.id() + ":root" : user.arn();
    }
}
