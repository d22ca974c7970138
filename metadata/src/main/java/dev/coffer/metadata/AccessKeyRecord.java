package dev.coffer.metadata;

import java.util.Objects;

/**
 * An access key of an account's root ({@code userName} null) or of one of its IAM users. The
 * secret is stored sealed (encrypted by the caller before the command is made); the catalogue
 * never sees it in clear. An inactive key signs nothing.
 */
public record AccessKeyRecord(String accessKeyId, String account, String userName, byte[] sealedSecret,
                              boolean active, long createdMillis) {
    public AccessKeyRecord {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(sealedSecret, "sealedSecret");
    }

    public boolean isRoot() {
        return userName == null;
    }

    public AccessKeyRecord withActive(boolean state) {
        return new AccessKeyRecord(accessKeyId, account, userName, sealedSecret, state, createdMillis);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AccessKeyRecord k && k.accessKeyId.equals(accessKeyId) && k.account.equals(account)
                && Objects.equals(k.userName, userName) && java.util.Arrays.equals(k.sealedSecret, sealedSecret)
                && k.active == active && k.createdMillis == createdMillis;
    }

    @Override
    public int hashCode() {
        return accessKeyId.hashCode();
    }

    @Override
    public String toString() {
        return "AccessKeyRecord[" + accessKeyId + ", " + account + ", " + userName + ", secret hidden, "
                + (active ? "Active" : "Inactive") + "]";
    }
}
