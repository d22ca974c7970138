package dev.coffer.metadata;

import dev.coffer.metadata.IamRefusal.Code;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.WriteBatch;

/**
 * Applies the identity commands ({@link IamCommands}): checks each precondition against the
 * tables, as IAM states it, and writes the change into the caller's batch. Reads only the tables
 * and the command. REQUIRES: identity commands apply one at a time ({@link CommandRunner}).
 */
final class IamWriter {
    static final int KEYS_PER_USER = 2;
    static final int POLICIES_PER_USER = 10;

    private final TypedTable<String, BucketRecord> buckets;
    private final TypedTable<String, AccountRecord> accounts;
    private final TypedTable<String, IamUserRecord> users;
    private final TypedTable<String, AccessKeyRecord> keys;
    private final TypedTable<String, String> userKeys;
    private final TypedTable<String, String[]> inline;
    private final TypedTable<String, ManagedPolicyRecord> managed;
    private final TypedTable<String, String> attachments;

    IamWriter(RocksStore store) {
        this.buckets = store.table(CatalogTables.BUCKETS);
        this.accounts = store.table(IamTables.ACCOUNTS);
        this.users = store.table(IamTables.USERS);
        this.keys = store.table(IamTables.ACCESS_KEYS);
        this.userKeys = store.table(IamTables.USER_KEYS);
        this.inline = store.table(IamTables.USER_POLICIES);
        this.managed = store.table(IamTables.MANAGED_POLICIES);
        this.attachments = store.table(IamTables.ATTACHMENTS);
    }

    Object apply(WriteBatch batch, CatalogCommand.Iam command) {
        if (command instanceof IamCommands.PutAccount c) {
            if (c.record() != null) createAccount(batch, c.record());
            else deleteAccount(batch, c.id());
        } else if (command instanceof IamCommands.PutUser c) {
            requireAccount(c.account());
            if (c.record() != null) createUser(batch, c.record());
            else deleteUser(batch, c.account(), c.name());
        } else if (command instanceof IamCommands.CreateAccessKey c) {
            createKey(batch, c.key());
        } else if (command instanceof IamCommands.SetAccessKeyStatus c) {
            AccessKeyRecord key = requireKey(c.account(), c.userName(), c.accessKeyId());
            keys.put(batch, key.accessKeyId(), key.withActive(c.active()));
        } else if (command instanceof IamCommands.DeleteAccessKey c) {
            AccessKeyRecord key = requireKey(c.account(), c.userName(), c.accessKeyId());
            keys.delete(batch, key.accessKeyId());
            userKeys.delete(batch, userKey(key));
        } else if (command instanceof IamCommands.PutUserPolicy c) {
            putUserPolicy(batch, c);
        } else if (command instanceof IamCommands.PutManagedPolicy c) {
            requireAccount(c.account());
            if (c.record() != null) createPolicy(batch, c.record());
            else deletePolicy(batch, c.account(), c.name());
        } else if (command instanceof IamCommands.AttachUserPolicy c) {
            attach(batch, c);
        } else {
            throw new IllegalArgumentException("unknown command " + command.getClass().getSimpleName());
        }
        return null;
    }

    private void createAccount(WriteBatch batch, AccountRecord account) {
        if (accounts.get(account.id()).isPresent()) {
            throw new IamRefusal(Code.ENTITY_ALREADY_EXISTS, "Account with id " + account.id() + " already exists.");
        }
        accounts.put(batch, account.id(), account);
    }

    /** Refused while the account owns a bucket, a user or a managed policy; its root keys go with it. */
    private void deleteAccount(WriteBatch batch, String id) {
        AccountRecord account = requireAccount(id);
        try (TableScan<String, BucketRecord> scan = buckets.scan().seekToFirst()) {
            for (; scan.valid(); scan.next()) {
                if (account.owns(scan.value())) {
                    throw new IamRefusal(Code.DELETE_CONFLICT, "Cannot delete entity, must delete buckets first.");
                }
            }
        }
        if (users.anyKeyWithPrefix(IamTables.prefix(id))) {
            throw new IamRefusal(Code.DELETE_CONFLICT, "Cannot delete entity, must delete users first.");
        }
        if (managed.anyKeyWithPrefix(IamTables.prefix(id))) {
            throw new IamRefusal(Code.DELETE_CONFLICT, "Cannot delete entity, must delete policies first.");
        }
        for (String keyId : keyIds(IamTables.prefix(id, ""))) {
            keys.delete(batch, keyId);
            userKeys.delete(batch, IamTables.key(id, "", keyId));
        }
        accounts.delete(batch, id);
    }

    private void createUser(WriteBatch batch, IamUserRecord user) {
        String key = IamTables.user(user.account(), user.name());
        if (users.get(key).isPresent()) {
            throw new IamRefusal(Code.ENTITY_ALREADY_EXISTS, "User with name " + user.name() + " already exists.");
        }
        users.put(batch, key, user);
    }

    /** Refused, as IAM refuses it, while the user has keys, inline policies or attached policies. */
    private void deleteUser(WriteBatch batch, String account, String name) {
        requireUser(account, name);
        byte[] rows = IamTables.prefix(account, IamTables.fold(name));
        if (userKeys.anyKeyWithPrefix(rows)) {
            throw new IamRefusal(Code.DELETE_CONFLICT, "Cannot delete entity, must delete access keys first.");
        }
        if (inline.anyKeyWithPrefix(rows)) {
            throw new IamRefusal(Code.DELETE_CONFLICT, "Cannot delete entity, must delete policies first.");
        }
        if (attachments.anyKeyWithPrefix(rows)) {
            throw new IamRefusal(Code.DELETE_CONFLICT, "Cannot delete entity, must detach all policies first.");
        }
        users.delete(batch, IamTables.user(account, name));
    }

    private void createKey(WriteBatch batch, AccessKeyRecord key) {
        requireAccount(key.account());
        if (key.userName() != null) requireUser(key.account(), key.userName());
        if (keys.get(key.accessKeyId()).isPresent()) {
            throw new IamRefusal(Code.ENTITY_ALREADY_EXISTS, "Access key " + key.accessKeyId() + " already exists.");
        }
        if (keyIds(IamTables.prefix(key.account(), IamTables.userOrRoot(key.userName()))).size() >= KEYS_PER_USER) {
            throw new IamRefusal(Code.LIMIT_EXCEEDED, "Cannot exceed quota for AccessKeysPerUser: " + KEYS_PER_USER);
        }
        keys.put(batch, key.accessKeyId(), key);
        userKeys.put(batch, userKey(key), "");
    }

    private void putUserPolicy(WriteBatch batch, IamCommands.PutUserPolicy c) {
        requireUser(c.account(), c.userName());
        String key = IamTables.key(c.account(), IamTables.fold(c.userName()), IamTables.fold(c.policyName()));
        if (c.document() != null) {
            inline.put(batch, key, new String[] {c.policyName(), c.document()});
            return;
        }
        if (inline.get(key).isEmpty()) {
            throw new IamRefusal(Code.NO_SUCH_ENTITY, "The user policy with name " + c.policyName() + " cannot be found.");
        }
        inline.delete(batch, key);
    }

    private void createPolicy(WriteBatch batch, ManagedPolicyRecord policy) {
        String key = IamTables.user(policy.account(), policy.name());
        if (managed.get(key).isPresent()) {
            throw new IamRefusal(Code.ENTITY_ALREADY_EXISTS, "A policy called " + policy.name()
                    + " already exists. Duplicate names are not allowed.");
        }
        managed.put(batch, key, policy);
    }

    private void deletePolicy(WriteBatch batch, String account, String name) {
        ManagedPolicyRecord policy = requirePolicy(account, name);
        String suffix = "\0" + IamTables.fold(name);
        try (TableScan<String, String> scan = attachments.scanPrefix(IamTables.prefix(account))) {
            for (; scan.valid(); scan.next()) {
                if (scan.key().endsWith(suffix)) {
                    throw new IamRefusal(Code.DELETE_CONFLICT, "Cannot delete a policy attached to entities.");
                }
            }
        }
        managed.delete(batch, IamTables.user(account, policy.name()));
    }

    private void attach(WriteBatch batch, IamCommands.AttachUserPolicy c) {
        IamUserRecord user = requireUser(c.account(), c.userName());
        String key = IamTables.key(c.account(), IamTables.fold(user.name()), IamTables.fold(c.policyName()));
        boolean attached = attachments.get(key).isPresent();
        if (!c.attach()) {
            if (!attached) {
                throw new IamRefusal(Code.NO_SUCH_ENTITY, "Policy " + c.policyName() + " was not attached to user "
                        + user.name() + ".");
            }
            attachments.delete(batch, key);
            return;
        }
        ManagedPolicyRecord policy = managed.get(IamTables.user(c.account(), c.policyName())).orElseThrow(() ->
                new IamRefusal(Code.NO_SUCH_ENTITY, "Policy arn:aws:iam::" + c.account() + ":policy/"
                        + c.policyName() + " does not exist or is not attachable."));
        if (attached) return; // attaching again changes nothing, as in IAM
        int count = 0;
        try (TableScan<String, String> scan = attachments.scanPrefix(IamTables.prefix(c.account(), IamTables.fold(user.name())))) {
            for (; scan.valid(); scan.next()) count++;
        }
        if (count >= POLICIES_PER_USER) {
            throw new IamRefusal(Code.LIMIT_EXCEEDED, "Cannot exceed quota for PoliciesPerUser: " + POLICIES_PER_USER);
        }
        attachments.put(batch, key, policy.name());
    }

    private AccountRecord requireAccount(String id) {
        return accounts.get(id).orElseThrow(() ->
                new IamRefusal(Code.NO_SUCH_ENTITY, "The account with id " + id + " cannot be found."));
    }

    private IamUserRecord requireUser(String account, String name) {
        return users.get(IamTables.user(account, name)).orElseThrow(() ->
                new IamRefusal(Code.NO_SUCH_ENTITY, "The user with name " + name + " cannot be found."));
    }

    private ManagedPolicyRecord requirePolicy(String account, String name) {
        return managed.get(IamTables.user(account, name)).orElseThrow(() ->
                new IamRefusal(Code.NO_SUCH_ENTITY, "Policy arn:aws:iam::" + account + ":policy/" + name
                        + " was not found."));
    }

    /** The key, when it belongs to this account's root ({@code userName} null) or to this user. */
    private AccessKeyRecord requireKey(String account, String userName, String keyId) {
        if (userName != null) requireUser(account, userName);
        return keys.get(keyId)
                .filter(k -> k.account().equals(account) && IamTables.userOrRoot(k.userName()).equals(IamTables.userOrRoot(userName)))
                .orElseThrow(() -> new IamRefusal(Code.NO_SUCH_ENTITY, "The Access Key with id " + keyId
                        + " cannot be found."));
    }

    private List<String> keyIds(byte[] prefix) {
        List<String> ids = new ArrayList<>();
        try (TableScan<String, String> scan = userKeys.scanPrefix(prefix)) {
            for (; scan.valid(); scan.next()) {
                String k = scan.key();
                ids.add(k.substring(k.lastIndexOf('\0') + 1));
            }
        }
        return ids;
    }

    private static String userKey(AccessKeyRecord key) {
        return IamTables.key(key.account(), IamTables.userOrRoot(key.userName()), key.accessKeyId());
    }
}
