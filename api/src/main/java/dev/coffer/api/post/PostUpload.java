package dev.coffer.api.post;

import dev.coffer.api.sse.Encryption;
import dev.coffer.api.checksum.ChecksumRequest;
import dev.coffer.api.service.StoredBody;
import dev.coffer.auth.PostPolicy;
import java.util.Map;
import java.util.Optional;

/**
 * A POST form's file, received and durable but not yet published, with what the form asked of it.
 *
 * @param range the policy's content-length-range, if it has one
 * @param attributes the version attributes the object starts with (its tags, from the tagging field)
 * @param sealed the encryption the file was stored under, or null when it is stored as sent
 * @param signer the principal of the key that signed the form (its events name it)
 */
record PostUpload(String key, StoredBody body, Optional<PostPolicy.LengthRange> range, Optional<ChecksumRequest> checksum,
                  Map<String, byte[]> attributes, Encryption.Sealed sealed, dev.coffer.auth.policy.Principal signer) {}
