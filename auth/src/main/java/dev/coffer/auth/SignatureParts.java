package dev.coffer.auth;

import java.util.List;

/**
 * What the client claims, from either the Authorization header or presigned query parameters.
 *
 * @param signedHeaders lower-case header names in the order the client listed them
 * @param signature the claimed signature, as sent
 */
record SignatureParts(CredentialScope credential, List<String> signedHeaders, String signature) {}
