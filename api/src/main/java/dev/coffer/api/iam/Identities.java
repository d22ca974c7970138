package dev.coffer.api.iam;

import dev.coffer.api.config.RootCredentials;
import dev.coffer.api.handler.Owners;
import dev.coffer.auth.CredentialsLookup;
import dev.coffer.metadata.AccessKeyRecord;
import dev.coffer.metadata.AccountRecord;
import dev.coffer.metadata.IamCatalog;
import dev.coffer.metadata.IamRefusal;
import dev.coffer.metadata.IamSnapshot;
import dev.coffer.auth.policy.Principal;
import dev.coffer.metadata.BucketRecord;
import dev.coffer.metadata.IamUserRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who holds which key. The server's root key (configured or in the data directory) is the root of
 * the first account; every other key is in the catalogue, its secret sealed. Lookups read the
 * identity snapshot only (no I/O), so they may run on any thread.
 */
public final class Identities {
    /** Display name of the account made at first start. */
    static final String FIRST_ACCOUNT_NAME = "coffer";

    private final IamCatalog iam;
    private final RootCredentials root;
    private final SecretSealer sealer;
    private volatile SnapshotCache cache;

    private Identities(IamCatalog iam, RootCredentials root, SecretSealer sealer) {
        this.iam = iam;
        this.root = root;
        this.sealer = sealer;
    }

    /**
     * Opens the identities, creating the first account when there is none. Its canonical id is the
     * one Coffer showed before accounts existed (derived from the root key then in use), so
     * buckets made before keep their owner. Blocks: call at start, off the event loop.
     */
    public static Identities open(IamCatalog iam, RootCredentials root, SecretSealer sealer) {
        ensureFirstAccount(iam, root);
        return new Identities(iam, root, sealer);
    }

    /**
     * Opens the identities without creating the first account: a cluster's node creates it with
     * {@link #ensureFirstAccount} once it is a member that can commit.
     */
    public static Identities attach(IamCatalog iam, RootCredentials root, SecretSealer sealer) {
        return new Identities(iam, root, sealer);
    }

    /**
     * Creates the first account when the catalogue has none. Its id is derived from the root
     * access key, so when the nodes of a new cluster all propose it, the log creates it once and
     * refuses the others as already there. Blocks.
     */
    public static void ensureFirstAccount(IamCatalog iam, RootCredentials root) {
        if (!iam.snapshot().accounts().isEmpty()) return;
        try {
            iam.createAccount(new AccountRecord(IamIds.firstAccountId(root.accessKey()),
                    Owners.canonicalId(root.accessKey()), FIRST_ACCOUNT_NAME, System.currentTimeMillis()));
        } catch (IamRefusal e) {
            if (e.code() != IamRefusal.Code.ENTITY_ALREADY_EXISTS) throw e;
        }
    }

    /** A new account and its root key pair; the secret is shown to its creator once, then only sealed. */
    public record CreatedAccount(AccountRecord account, String accessKeyId, String secretKey) {
        @Override
        public String toString() {
            return "CreatedAccount[" + account.id() + ", " + accessKeyId + ", secret hidden]";
        }
    }

    /** Creates an account with a fresh root key pair. Blocks. */
    public CreatedAccount createAccount(String displayName) {
        AccountRecord account = new AccountRecord(IamIds.accountId(), IamIds.canonicalId(), displayName,
                Math.max(System.currentTimeMillis(), firstAccount().createdMillis() + 1)); // never older than the first
        iam.createAccount(account);
        String keyId = IamIds.accessKeyId();
        String secret = IamIds.secretKey();
        iam.createAccessKey(new AccessKeyRecord(keyId, account.id(), null, sealer.seal(keyId, secret), true,
                account.createdMillis()));
        return new CreatedAccount(account, keyId, secret);
    }

    public IamCatalog iam() {
        return iam;
    }

    public SecretSealer sealer() {
        return sealer;
    }

    /** The account the server's root key belongs to: the oldest. */
    public AccountRecord firstAccount() {
        return cache().firstAccount();
    }

    /** What is derived from the current snapshot: made again whenever the catalogue replaced it. */
    private SnapshotCache cache() {
        IamSnapshot s = iam.snapshot();
        SnapshotCache c = cache;
        if (c == null || c.snapshot() != s) {
            c = new SnapshotCache(s);
            cache = c;
        }
        return c;
    }

    public boolean isServerRoot(String accessKeyId) {
        return root.accessKey().equals(accessKeyId);
    }

    /** Secrets of the server root and of every active key of an existing account; inactive or deleted keys have none. */
    public CredentialsLookup credentials() {
        return accessKeyId -> {
            if (isServerRoot(accessKeyId)) return Optional.of(root.secretKey());
            SnapshotCache c = cache();
            return activeKey(c.snapshot(), accessKeyId).map(k -> c.secret(k, sealer));
        };
    }

    /** The signer of a request whose signature checked out with {@code accessKeyId}. */
    public Optional<Caller> caller(String accessKeyId) {
        if (isServerRoot(accessKeyId)) return Optional.of(new Caller(firstAccount(), null, accessKeyId));
        IamSnapshot s = iam.snapshot();
        return activeKey(s, accessKeyId).flatMap(k -> {
            Optional<AccountRecord> account = s.account(k.account());
            if (account.isEmpty()) return Optional.empty();
            if (k.isRoot()) return Optional.of(new Caller(account.get(), null, accessKeyId));
            return s.user(k.account(), k.userName()).map(u -> new Caller(account.get(), u, accessKeyId));
        });
    }

    /**
     * The principal the Authorizer judges, for a key whose signature checked out: the server's
     * root, an account's root, or an IAM user with its identity policies (inline, then attached
     * managed ones, as documents). Empty for a key that is gone or inactive.
     */
    public Optional<Principal> principalOf(String accessKeyId) {
        IamSnapshot s = iam.snapshot();
        return caller(accessKeyId).map(c -> {
            if (isServerRoot(accessKeyId)) return Principal.root(c.account().id(), accessKeyId);
            if (c.isRoot()) return Principal.accountRoot(c.account().id(), accessKeyId);
            IamUserRecord u = c.user();
            List<String> policies = new ArrayList<>(s.inlinePolicies(u.account(), u.name()).values());
            s.attachedPolicies(u.account(), u.name()).forEach(p -> policies.add(p.document()));
            return Principal.user(u.account(), u.path(), u.name(), u.userId(), accessKeyId, policies);
        });
    }

    /**
     * The id of the account that owns the bucket: its stored owner, or, for a bucket made before
     * accounts (which stored a canonical id), the account of that canonical id.
     */
    public String ownerAccount(BucketRecord bucket) {
        IamSnapshot s = iam.snapshot();
        if (s.account(bucket.owner()).isPresent()) return bucket.owner();
        return s.accounts().stream().filter(a -> a.owns(bucket)).map(AccountRecord::id).findFirst()
                .orElse(bucket.owner());
    }

    private static Optional<AccessKeyRecord> activeKey(IamSnapshot s, String accessKeyId) {
        return s.accessKey(accessKeyId).filter(AccessKeyRecord::active);
    }
}
