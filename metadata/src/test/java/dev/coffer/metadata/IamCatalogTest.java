package dev.coffer.metadata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coffer.metadata.IamRefusal.Code;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IamCatalogTest {
    private static final String ACCOUNT = "111122223333";

    @TempDir
    Path dir;

    private static AccountRecord account(String id) {
        return new AccountRecord(id, "c".repeat(63) + id.charAt(0), "acct-" + id, 1L);
    }

    private static IamUserRecord user(String name) {
        return new IamUserRecord(ACCOUNT, name, "AIDA" + name.toUpperCase(), "/", 2L);
    }

    private static AccessKeyRecord key(String id, String user) {
        return new AccessKeyRecord(id, ACCOUNT, user, new byte[] {1, 2, 3}, true, 3L);
    }

    private static Code refused(Runnable change) {
        return assertThrows(IamRefusal.class, change::run).code();
    }

    @Test
    void aUserNameIsTakenRegardlessOfCaseAndKeptAsGiven() {
        try (Catalog catalog = Catalog.open(dir, false)) {
            IamCatalog iam = catalog.iam();
            iam.createAccount(account(ACCOUNT));
            iam.createUser(user("Alice"));
            assertEquals(Code.ENTITY_ALREADY_EXISTS, refused(() -> iam.createUser(user("alice"))));
            assertEquals("Alice", iam.snapshot().user(ACCOUNT, "ALICE").orElseThrow().name());
            assertEquals("arn:aws:iam::111122223333:user/Alice", iam.snapshot().user(ACCOUNT, "alice").orElseThrow().arn());
        }
    }

    @Test
    void deleteUserIsRefusedWhileKeysOrPoliciesRemain() {
        try (Catalog catalog = Catalog.open(dir, false)) {
            IamCatalog iam = catalog.iam();
            iam.createAccount(account(ACCOUNT));
            iam.createUser(user("bob"));
            iam.createAccessKey(key("AKIABOB1", "bob"));
            assertEquals(Code.DELETE_CONFLICT, refused(() -> iam.deleteUser(ACCOUNT, "bob")));
            iam.deleteAccessKey(ACCOUNT, "bob", "AKIABOB1");
            iam.putUserPolicy(ACCOUNT, "bob", "p", "{}");
            assertEquals(Code.DELETE_CONFLICT, refused(() -> iam.deleteUser(ACCOUNT, "bob")));
            iam.deleteUserPolicy(ACCOUNT, "bob", "P");
            iam.createPolicy(new ManagedPolicyRecord(ACCOUNT, "read", "ANPA1", "/", "{}", 4L));
            iam.attachUserPolicy(ACCOUNT, "bob", "read");
            assertEquals(Code.DELETE_CONFLICT, refused(() -> iam.deleteUser(ACCOUNT, "bob")));
            assertEquals(Code.DELETE_CONFLICT, refused(() -> iam.deletePolicy(ACCOUNT, "read")));
            iam.detachUserPolicy(ACCOUNT, "bob", "read");
            iam.deleteUser(ACCOUNT, "bob");
            iam.deletePolicy(ACCOUNT, "read");
            assertTrue(iam.snapshot().users(ACCOUNT).isEmpty());
            assertEquals(Code.NO_SUCH_ENTITY, refused(() -> iam.deleteUser(ACCOUNT, "bob")));
        }
    }

    @Test
    void aUserHasAtMostTwoKeysAndAnotherUsersKeyIsNotFound() {
        try (Catalog catalog = Catalog.open(dir, false)) {
            IamCatalog iam = catalog.iam();
            iam.createAccount(account(ACCOUNT));
            iam.createUser(user("u"));
            iam.createUser(user("v"));
            iam.createAccessKey(key("AKIA1", "u"));
            iam.createAccessKey(key("AKIA2", "u"));
            assertEquals(Code.LIMIT_EXCEEDED, refused(() -> iam.createAccessKey(key("AKIA3", "u"))));
            assertEquals(Code.NO_SUCH_ENTITY, refused(() -> iam.setAccessKeyStatus(ACCOUNT, "v", "AKIA1", false)));
            assertEquals(Code.NO_SUCH_ENTITY, refused(() -> iam.deleteAccessKey(ACCOUNT, null, "AKIA1")));
            assertEquals(2, iam.snapshot().accessKeys(ACCOUNT, "U").size());
        }
    }

    @Test
    void aDeactivatedKeyIsInactiveInTheSnapshotAtOnceAndAfterReopening() {
        try (Catalog catalog = Catalog.open(dir, false)) {
            IamCatalog iam = catalog.iam();
            iam.createAccount(account(ACCOUNT));
            iam.createAccessKey(key("AKIAROOT2", null));
            iam.setAccessKeyStatus(ACCOUNT, null, "AKIAROOT2", false);
            assertFalse(iam.snapshot().accessKey("AKIAROOT2").orElseThrow().active());
        }
        try (Catalog catalog = Catalog.open(dir, false)) {
            AccessKeyRecord k = catalog.iam().snapshot().accessKey("AKIAROOT2").orElseThrow();
            assertFalse(k.active());
            assertTrue(k.isRoot());
            assertArrayEquals(new byte[] {1, 2, 3}, k.sealedSecret());
        }
    }

    @Test
    void anAccountIsDeletedOnlyWhenItOwnsNothingAndTakesItsRootKeys() {
        try (Catalog catalog = Catalog.open(dir, false)) {
            IamCatalog iam = catalog.iam();
            AccountRecord a = account(ACCOUNT);
            iam.createAccount(a);
            assertEquals(Code.ENTITY_ALREADY_EXISTS, refused(() -> iam.createAccount(a)));
            iam.createAccessKey(key("AKIAROOT", null));
            catalog.createBucket(new BucketRecord("b", 1, "us-east-1", ACCOUNT));
            assertEquals(Code.DELETE_CONFLICT, refused(() -> iam.deleteAccount(ACCOUNT)));
            catalog.deleteBucket("b");
            catalog.createBucket(new BucketRecord("legacy", 1, "us-east-1", a.canonicalId()));
            assertEquals(Code.DELETE_CONFLICT, refused(() -> iam.deleteAccount(ACCOUNT)), "owner stored as canonical id");
            catalog.deleteBucket("legacy");
            iam.deleteAccount(ACCOUNT);
            assertTrue(iam.snapshot().accessKey("AKIAROOT").isEmpty());
            assertTrue(iam.snapshot().accounts().isEmpty());
        }
    }

    @Test
    void aUsersPoliciesAreListedInlineAndAttached() {
        try (Catalog catalog = Catalog.open(dir, false)) {
            IamCatalog iam = catalog.iam();
            iam.createAccount(account(ACCOUNT));
            iam.createUser(user("carol"));
            iam.putUserPolicy(ACCOUNT, "carol", "Second", "{\"b\":1}");
            iam.putUserPolicy(ACCOUNT, "carol", "first", "{\"a\":1}");
            iam.putUserPolicy(ACCOUNT, "carol", "first", "{\"a\":2}");
            assertEquals(Map.of("first", "{\"a\":2}", "Second", "{\"b\":1}"), iam.snapshot().inlinePolicies(ACCOUNT, "carol"));
            assertEquals(List.of("first", "Second"), List.copyOf(iam.snapshot().inlinePolicies(ACCOUNT, "carol").keySet()));
            assertEquals(Code.NO_SUCH_ENTITY, refused(() -> iam.attachUserPolicy(ACCOUNT, "carol", "nope")));
            iam.createPolicy(new ManagedPolicyRecord(ACCOUNT, "Read", "ANPA1", "/team/", "{}", 4L));
            iam.attachUserPolicy(ACCOUNT, "carol", "read");
            iam.attachUserPolicy(ACCOUNT, "carol", "Read");
            assertEquals(1, iam.snapshot().attachmentCount(ACCOUNT, "READ"));
            assertEquals("arn:aws:iam::111122223333:policy/team/Read",
                    iam.snapshot().attachedPolicies(ACCOUNT, "carol").get(0).arn());
        }
    }

    /** Random identity commands through the codec give byte-identical catalogues, refused the same way. */
    @Test
    void randomIdentityCommandsApplyTheSameThroughTheCodec() {
        for (int seed = 1; seed <= 5; seed++) {
            try (Catalog a = Catalog.open(dir.resolve(seed + "a"), false);
                    Catalog b = Catalog.open(dir.resolve(seed + "b"), false)) {
                Random random = new Random(seed);
                int refusals = 0;
                for (int i = 0; i < 300; i++) {
                    CatalogCommand command = next(random, i);
                    byte[] encoded = CommandCodec.encode(command);
                    CatalogCommand decoded = CommandCodec.decode(encoded);
                    assertArrayEquals(encoded, CommandCodec.encode(decoded), command.toString());
                    List<String> before = a.dump();
                    String ra = apply(a, command);
                    String rb = apply(b, decoded);
                    assertEquals(ra, rb, command.toString());
                    if (ra != null) {
                        refusals++;
                        assertEquals(before, a.dump(), "a refused command changes nothing: " + command);
                    }
                }
                assertEquals(a.dump(), b.dump());
                assertTrue(refusals > 20 && refusals < 280, "both paths: " + refusals);
            }
        }
    }

    private static String apply(Catalog catalog, CatalogCommand command) {
        try {
            catalog.submit(command);
            return null;
        } catch (IamRefusal refusal) {
            return refusal.code() + " " + refusal.getMessage();
        }
    }

    private static CatalogCommand next(Random r, int i) {
        CatalogCommand.Choice c = new CatalogCommand.Choice(i + 1, 1_700_000_000_000L + i, 0, r.nextLong());
        String[] accounts = {"111111111111", "222222222222"};
        String[] users = {"a", "B", "b", "c"};
        String[] keys = {"AKIA1", "AKIA2", "AKIA3", "AKIA4"};
        String account = accounts[r.nextInt(2)];
        String user = r.nextInt(5) == 0 ? null : users[r.nextInt(users.length)];
        String named = users[r.nextInt(users.length)];
        String key = keys[r.nextInt(keys.length)];
        String policy = new String[] {"p", "P", "q"}[r.nextInt(3)];
        List<CatalogCommand> options = new ArrayList<>(List.of(
                new IamCommands.PutAccount(c, account, r.nextBoolean() ? account(account) : null),
                new IamCommands.PutUser(c, account, named, r.nextInt(3) > 0
                        ? new IamUserRecord(account, named, "AIDA" + i, "/", i) : null),
                new IamCommands.CreateAccessKey(c, new AccessKeyRecord(key, account, user, new byte[] {(byte) i}, true, i)),
                new IamCommands.SetAccessKeyStatus(c, account, user, key, r.nextBoolean()),
                new IamCommands.DeleteAccessKey(c, account, user, key),
                new IamCommands.PutUserPolicy(c, account, named, policy, r.nextBoolean() ? "{\"v\":" + i + "}" : null),
                new IamCommands.PutManagedPolicy(c, account, policy, r.nextBoolean()
                        ? new ManagedPolicyRecord(account, policy, "ANPA" + i, "/", "{}", i) : null),
                new IamCommands.AttachUserPolicy(c, account, named, policy, r.nextInt(3) > 0)));
        return options.get(r.nextInt(options.size()));
    }
}
