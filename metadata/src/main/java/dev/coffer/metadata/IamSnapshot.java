package dev.coffer.metadata;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every identity row at one moment, in memory and immutable: who an access key belongs to, a
 * user's policies, an account's users. Identity state is small and read on every request, so the
 * request path reads this, never RocksDB; {@link IamCatalog} replaces it after each identity
 * command commits, before the command's caller is answered (a deactivated key fails at once).
 * Rows are keyed as in {@link IamTables}, so one account's or one user's rows are a sub-map.
 */
public final class IamSnapshot {
    private final NavigableMap<String, AccountRecord> accounts;
    private final NavigableMap<String, IamUserRecord> users;
    private final Map<String, AccessKeyRecord> keys;
    private final NavigableMap<String, String[]> inline;
    private final NavigableMap<String, ManagedPolicyRecord> managed;
    private final NavigableMap<String, String> attachments;

    private IamSnapshot(RocksStore store) {
        accounts = load(store.table(IamTables.ACCOUNTS));
        users = load(store.table(IamTables.USERS));
        keys = load(store.table(IamTables.ACCESS_KEYS));
        inline = load(store.table(IamTables.USER_POLICIES));
        managed = load(store.table(IamTables.MANAGED_POLICIES));
        attachments = load(store.table(IamTables.ATTACHMENTS));
    }

    static IamSnapshot load(RocksStore store) {
        return new IamSnapshot(store);
    }

    private static <V> NavigableMap<String, V> load(TypedTable<String, V> table) {
        NavigableMap<String, V> rows = new TreeMap<>();
        try (TableScan<String, V> scan = table.scan().seekToFirst()) {
            for (; scan.valid(); scan.next()) rows.put(scan.key(), scan.value());
        }
        return Collections.unmodifiableNavigableMap(rows);
    }

    public Optional<AccountRecord> account(String id) {
        return Optional.ofNullable(accounts.get(id));
    }

    /** All accounts, by id. */
    public List<AccountRecord> accounts() {
        return List.copyOf(accounts.values());
    }

    public Optional<IamUserRecord> user(String account, String name) {
        return Optional.ofNullable(users.get(IamTables.user(account, name)));
    }

    /** An account's users, by name regardless of case. */
    public List<IamUserRecord> users(String account) {
        return List.copyOf(under(users, account).values());
    }

    public Optional<AccessKeyRecord> accessKey(String accessKeyId) {
        return Optional.ofNullable(keys.get(accessKeyId));
    }

    /** The keys of a user, or of the account's root when {@code userName} is null, oldest first. */
    public List<AccessKeyRecord> accessKeys(String account, String userName) {
        String fold = IamTables.userOrRoot(userName);
        return keys.values().stream()
                .filter(k -> k.account().equals(account) && IamTables.userOrRoot(k.userName()).equals(fold))
                .sorted(java.util.Comparator.comparingLong(AccessKeyRecord::createdMillis)
                        .thenComparing(AccessKeyRecord::accessKeyId))
                .toList();
    }

    /** A user's inline policies: name as given → document, by name regardless of case. */
    public Map<String, String> inlinePolicies(String account, String userName) {
        Map<String, String> out = new LinkedHashMap<>();
        under(inline, account, IamTables.fold(userName)).values().forEach(v -> out.put(v[0], v[1]));
        return out;
    }

    public Optional<ManagedPolicyRecord> managedPolicy(String account, String name) {
        return Optional.ofNullable(managed.get(IamTables.user(account, name)));
    }

    /** An account's managed policies, by name regardless of case. */
    public List<ManagedPolicyRecord> managedPolicies(String account) {
        return List.copyOf(under(managed, account).values());
    }

    /** The managed policies attached to a user, by name regardless of case. */
    public List<ManagedPolicyRecord> attachedPolicies(String account, String userName) {
        return under(attachments, account, IamTables.fold(userName)).values().stream()
                .map(name -> managed.get(IamTables.user(account, name)))
                .filter(java.util.Objects::nonNull)
                .toList();
    }

    /** How many users a managed policy is attached to. */
    public int attachmentCount(String account, String policyName) {
        String suffix = "\0" + IamTables.fold(policyName);
        return (int) under(attachments, account).keySet().stream().filter(k -> k.endsWith(suffix)).count();
    }

    private static <V> NavigableMap<String, V> under(NavigableMap<String, V> rows, String... parts) {
        String from = IamTables.key(parts) + "\0";
        return rows.subMap(from, true, IamTables.key(parts) + "\1", false);
    }

}
