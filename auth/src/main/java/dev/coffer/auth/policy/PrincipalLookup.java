package dev.coffer.auth.policy;

import java.util.Optional;

/**
 * Finds who an access key belongs to, once its signature checked out. Empty when the key is gone
 * (deleted or deactivated between the signature check and the lookup): the request is refused.
 */
@FunctionalInterface
public interface PrincipalLookup {
    Optional<Principal> principalOf(String accessKeyId);
}
