package dev.coffer.metadata;

import java.util.Objects;

/**
 * A customer managed policy of an account: one version (v1), its document as given. Names are
 * unique regardless of case within an account; {@code path} starts and ends with '/'.
 */
public record ManagedPolicyRecord(String account, String name, String policyId, String path, String document,
                                  long createdMillis) {
    public ManagedPolicyRecord {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(policyId, "policyId");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(document, "document");
    }

    /** {@code arn:aws:iam::<account>:policy<path><name>}. */
    public String arn() {
        return "arn:aws:iam::" + account + ":policy" + path + name;
    }
}
