package dev.coffer.metadata;

import java.util.Objects;

/**
 * An IAM user of an account. {@code name} is kept as given; IAM names are unique regardless of
 * case within an account, so tables key users by {@link IamTables#fold the folded name}. {@code
 * userId} is the stable unique id (AIDA…), {@code path} starts and ends with '/'.
 */
public record IamUserRecord(String account, String name, String userId, String path, long createdMillis) {
    public IamUserRecord {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(path, "path");
    }

    /** {@code arn:aws:iam::<account>:user<path><name>}. */
    public String arn() {
        return "arn:aws:iam::" + account + ":user" + path + name;
    }
}
