package dev.coffer.auth;

import java.util.Optional;

/** Finds the secret key of an access key id. */
@FunctionalInterface
public interface CredentialsLookup {
    Optional<String> secretKeyFor(String accessKeyId);
}
