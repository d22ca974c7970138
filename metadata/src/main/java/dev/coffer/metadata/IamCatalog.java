package dev.coffer.metadata;

/**
 * Accounts, IAM users, access keys and policies: every change is an identity command
 * ({@link IamCommands}), and every read is of the {@link #snapshot() snapshot}, which is replaced
 * after each change commits and before the change returns. Every change method blocks (call it
 * off the event loop) and throws {@link IamRefusal} when a precondition does not hold (nothing
 * changed); {@link #snapshot()} never blocks.
 */
public final class IamCatalog {
    private final RocksStore store;
    private final CommandRunner runner;
    private final Runnable ensureOpen;
    private volatile IamSnapshot snapshot;

    IamCatalog(RocksStore store, CommandRunner runner, Runnable ensureOpen) {
        this.store = store;
        this.runner = runner;
        this.ensureOpen = ensureOpen;
        this.snapshot = IamSnapshot.load(store);
        runner.onIdentityChange(() -> snapshot = IamSnapshot.load(store));
    }

    /** The identity state as of the last change that returned. */
    public IamSnapshot snapshot() {
        return snapshot;
    }

    public void createAccount(AccountRecord account) {
        run(new IamCommands.PutAccount(runner.choose(), account.id(), account));
    }

    /** Refused while the account owns buckets, users or managed policies; removes its root keys. */
    public void deleteAccount(String id) {
        run(new IamCommands.PutAccount(runner.choose(), id, null));
    }

    public void createUser(IamUserRecord user) {
        run(new IamCommands.PutUser(runner.choose(), user.account(), user.name(), user));
    }

    public void deleteUser(String account, String name) {
        run(new IamCommands.PutUser(runner.choose(), account, name, null));
    }

    public void createAccessKey(AccessKeyRecord key) {
        run(new IamCommands.CreateAccessKey(runner.choose(), key));
    }

    /** @param userName null for a key of the account's root */
    public void setAccessKeyStatus(String account, String userName, String accessKeyId, boolean active) {
        run(new IamCommands.SetAccessKeyStatus(runner.choose(), account, userName, accessKeyId, active));
    }

    /** @param userName null for a key of the account's root */
    public void deleteAccessKey(String account, String userName, String accessKeyId) {
        run(new IamCommands.DeleteAccessKey(runner.choose(), account, userName, accessKeyId));
    }

    public void putUserPolicy(String account, String userName, String policyName, String document) {
        run(new IamCommands.PutUserPolicy(runner.choose(), account, userName, policyName,
                java.util.Objects.requireNonNull(document, "document")));
    }

    public void deleteUserPolicy(String account, String userName, String policyName) {
        run(new IamCommands.PutUserPolicy(runner.choose(), account, userName, policyName, null));
    }

    public void createPolicy(ManagedPolicyRecord policy) {
        run(new IamCommands.PutManagedPolicy(runner.choose(), policy.account(), policy.name(), policy));
    }

    public void deletePolicy(String account, String name) {
        run(new IamCommands.PutManagedPolicy(runner.choose(), account, name, null));
    }

    public void attachUserPolicy(String account, String userName, String policyName) {
        run(new IamCommands.AttachUserPolicy(runner.choose(), account, userName, policyName, true));
    }

    public void detachUserPolicy(String account, String userName, String policyName) {
        run(new IamCommands.AttachUserPolicy(runner.choose(), account, userName, policyName, false));
    }

    /** Applies the command; the runner publishes the new snapshot once it committed, before this returns. */
    Object run(CatalogCommand.Iam command) {
        ensureOpen.run();
        return runner.submit(command);
    }
}
