package dev.coffer.api.iam;

import dev.coffer.metadata.AccessKeyRecord;
import dev.coffer.metadata.AccountRecord;
import dev.coffer.metadata.IamSnapshot;
import java.util.Comparator;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the request path derives from one identity snapshot, kept for as long as that snapshot is
 * the catalogue's: the first account (a scan over every account) and the opened secrets of the
 * keys that signed (an AES-GCM open each). {@link IamCatalog} replaces the snapshot after every
 * identity change, before the change returns, and {@link Identities} drops this with it, so a
 * deactivated, deleted or rotated key is refused at the next request. Bounded by the snapshot's
 * own keys. Holds secrets in clear: never logged, no {@code toString} that shows them.
 */
final class SnapshotCache {
    private final IamSnapshot snapshot;
    private final AccountRecord firstAccount;
    private final ConcurrentHashMap<String, String> secrets = new ConcurrentHashMap<>();

    SnapshotCache(IamSnapshot snapshot) {
        this.snapshot = snapshot;
        this.firstAccount = snapshot.accounts().stream()
                .min(Comparator.comparingLong(AccountRecord::createdMillis).thenComparing(AccountRecord::id))
                .orElse(null);
    }

    IamSnapshot snapshot() {
        return snapshot;
    }

    /** The oldest account, the one the server's root key belongs to. */
    AccountRecord firstAccount() {
        if (firstAccount == null) throw new IllegalStateException("no account");
        return firstAccount;
    }

    /** The secret of {@code key}, a key of this snapshot, opened once. */
    String secret(AccessKeyRecord key, SecretSealer sealer) {
        return secrets.computeIfAbsent(key.accessKeyId(), id -> sealer.open(id, key.sealedSecret()));
    }

    @Override
    public String toString() {
        return "SnapshotCache[" + secrets.size() + " secrets opened, hidden]";
    }
}
