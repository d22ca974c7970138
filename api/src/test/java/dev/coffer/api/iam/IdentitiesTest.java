package dev.coffer.api.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.coffer.api.config.RootCredentials;
import dev.coffer.auth.CredentialsLookup;
import dev.coffer.metadata.AccessKeyRecord;
import dev.coffer.metadata.AccountRecord;
import dev.coffer.metadata.Catalog;
import dev.coffer.metadata.IamCatalog;
import dev.coffer.metadata.IamUserRecord;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the request path reads from {@link Identities} is kept per identity snapshot (the first
 * account, the opened secrets), and must never outlive an identity change: a key looked up once
 * and then deactivated, deleted or rotated is answered from the new snapshot at the next look-up.
 */
class IdentitiesTest {
    private static final RootCredentials ROOT =
            new RootCredentials("ROOTKEYROOTKEYROOTKE", "rootSecretRootSecretRootSecretRootSecret", RootCredentials.Source.CONFIGURED);

    @TempDir
    Path dir;
    private Catalog catalog;
    private IamCatalog iam;
    private SecretSealer sealer;
    private AccountRecord account;

    @BeforeEach
    void open() throws Exception {
        catalog = Catalog.open(dir.resolve("catalog"), false);
        iam = catalog.iam();
        sealer = SecretSealer.single(dir, ROOT.secretKey());
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    private Identities identitiesWithUser() {
        Identities identities = Identities.open(iam, ROOT, sealer);
        account = identities.firstAccount();
        iam.createUser(new IamUserRecord(account.id(), "alice", "AIDAALICE", "/", 1));
        return identities;
    }

    private void createKey(String id, String secret) {
        iam.createAccessKey(new AccessKeyRecord(id, account.id(), "alice", sealer.seal(id, secret), true, 2));
    }

    @Test
    void aKeyLookedUpAndThenDeactivatedHasNoSecretAtTheNextLookUpAndOneAgainOnceReactivated() {
        CredentialsLookup credentials = identitiesWithUser().credentials();
        createKey("AKIAALICE1", "secret-one");
        assertEquals(Optional.of("secret-one"), credentials.secretKeyFor("AKIAALICE1"));
        assertEquals(Optional.of("secret-one"), credentials.secretKeyFor("AKIAALICE1"), "from the cache");
        iam.setAccessKeyStatus(account.id(), "alice", "AKIAALICE1", false);
        assertEquals(Optional.empty(), credentials.secretKeyFor("AKIAALICE1"));
        iam.setAccessKeyStatus(account.id(), "alice", "AKIAALICE1", true);
        assertEquals(Optional.of("secret-one"), credentials.secretKeyFor("AKIAALICE1"));
    }

    @Test
    void aRotatedKeyIsUnknownAtOnceAndItsSuccessorOpensWithItsOwnSecret() {
        CredentialsLookup credentials = identitiesWithUser().credentials();
        createKey("AKIAALICE1", "secret-one");
        assertEquals(Optional.of("secret-one"), credentials.secretKeyFor("AKIAALICE1"));
        createKey("AKIAALICE2", "secret-two");
        iam.deleteAccessKey(account.id(), "alice", "AKIAALICE1");
        assertEquals(Optional.empty(), credentials.secretKeyFor("AKIAALICE1"));
        assertEquals(Optional.of("secret-two"), credentials.secretKeyFor("AKIAALICE2"));
        assertEquals(Optional.of(ROOT.secretKey()), credentials.secretKeyFor(ROOT.accessKey()));
    }

    @Test
    void theFirstAccountIsSeenOnceACatalogueWithoutOneGetsIt() {
        Identities identities = Identities.attach(iam, ROOT, sealer);
        assertThrows(IllegalStateException.class, identities::firstAccount);
        Identities.ensureFirstAccount(iam, ROOT);
        assertEquals(IamIds.firstAccountId(ROOT.accessKey()), identities.firstAccount().id());
        identities.createAccount("second");
        assertEquals(IamIds.firstAccountId(ROOT.accessKey()), identities.firstAccount().id(), "still the oldest");
    }
}
