package dev.coffer.api.acl;

import dev.coffer.api.iam.Identities;
import dev.coffer.metadata.AccountRecord;
import dev.coffer.metadata.IamSnapshot;
import java.util.Optional;

/** The accounts of the identity snapshot, as ACLs name them (no I/O: any thread). */
public final class IdentityAccounts implements AccountDirectory {
    private final Identities identities;

    public IdentityAccounts(Identities identities) {
        this.identities = identities;
    }

    @Override
    public Optional<String> resolve(String id) {
        IamSnapshot s = identities.iam().snapshot();
        if (s.account(id).isPresent()) return Optional.of(id);
        return s.accounts().stream().filter(a -> a.canonicalId().equalsIgnoreCase(id)).map(AccountRecord::id).findFirst();
    }

    @Override
    public Shown show(String accountId) {
        return identities.iam().snapshot().account(accountId)
                .map(a -> new Shown(a.canonicalId(), a.displayName()))
                .orElseGet(() -> new Shown(accountId, null));
    }
}
