package dev.coffer.metadata;

import java.util.List;
import java.util.Locale;

/**
 * The identity tables. Keys are UTF-8 strings whose parts are joined by 0x00 (account ids are
 * digits, IAM names match {@code [\w+=,.@-]+}, key ids are upper-case letters and digits: none
 * holds 0x00, so one account's or one user's rows are one prefix range).
 *
 * <pre>
 * | table           | key                                   | value                         |
 * |-----------------|---------------------------------------|-------------------------------|
 * | accounts        | account id                            | AccountRecord v1              |
 * | iamusers        | account 0 folded user name            | IamUserRecord v1              |
 * | accesskeys      | access key id                         | AccessKeyRecord v1 (sealed)   |
 * | userkeys        | account 0 folded user ("" root) 0 key | v1 marker                     |
 * | userpolicies    | account 0 folded user 0 folded policy | v1 name, document             |
 * | managedpolicies | account 0 folded policy name          | ManagedPolicyRecord v1        |
 * | attachments     | account 0 folded user 0 folded policy | v1 policy name                |
 * </pre>
 *
 * IAM names are unique regardless of case, so keys hold the name {@link #fold folded}; values keep
 * it as given.
 */
final class IamTables {
    private IamTables() {}

    static final Codec<String> TEXT_KEY = new Codec<>() {
        @Override
        public byte[] encode(String key) {
            return Utf8.encode(key);
        }

        @Override
        public String decode(byte[] bytes) {
            return Utf8.decode(bytes, 0, bytes.length);
        }
    };

    static final TableDef<String, AccountRecord> ACCOUNTS =
            new TableDef<>("accounts", TEXT_KEY, IamCodecs.ACCOUNT, true);
    static final TableDef<String, IamUserRecord> USERS =
            new TableDef<>("iamusers", TEXT_KEY, IamCodecs.USER, true);
    static final TableDef<String, AccessKeyRecord> ACCESS_KEYS =
            new TableDef<>("accesskeys", TEXT_KEY, IamCodecs.ACCESS_KEY, true);
    static final TableDef<String, String> USER_KEYS =
            new TableDef<>("userkeys", TEXT_KEY, IamCodecs.TEXT, false);
    static final TableDef<String, String[]> USER_POLICIES =
            new TableDef<>("userpolicies", TEXT_KEY, IamCodecs.NAMED_DOCUMENT, true);
    static final TableDef<String, ManagedPolicyRecord> MANAGED_POLICIES =
            new TableDef<>("managedpolicies", TEXT_KEY, IamCodecs.MANAGED_POLICY, true);
    static final TableDef<String, String> ATTACHMENTS =
            new TableDef<>("attachments", TEXT_KEY, IamCodecs.TEXT, true);

    static final List<TableDef<?, ?>> ALL =
            List.of(ACCOUNTS, USERS, ACCESS_KEYS, USER_KEYS, USER_POLICIES, MANAGED_POLICIES, ATTACHMENTS);

    /** IAM compares names regardless of case. */
    static String fold(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    static String key(String... parts) {
        return String.join("\0", parts);
    }

    /** The prefix of every row under these parts: the parts and a trailing 0x00. */
    static byte[] prefix(String... parts) {
        return Utf8.encode(key(parts) + "\0");
    }

    static String user(String account, String name) {
        return key(account, fold(name));
    }

    /** Root keys sit under the empty user name, which no IAM user can have. */
    static String userOrRoot(String userName) {
        return userName == null ? "" : fold(userName);
    }
}
