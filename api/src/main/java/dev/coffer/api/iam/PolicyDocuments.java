package dev.coffer.api.iam;

import dev.coffer.auth.policy.MalformedPolicyException;
import dev.coffer.auth.policy.PolicyDocument;

/**
 * Checks an identity policy document before it is stored: it must parse as the Authorizer parses
 * identity policies ({@link PolicyDocument#parseIdentity}), else MalformedPolicyDocument with the
 * parser's message; sizes are IAM's quotas.
 */
final class PolicyDocuments {
    /** IAM's quotas, in characters without white space: inline policies of one user together, and one managed policy. */
    static final int USER_INLINE_TOTAL = 2048;
    static final int MANAGED = 6144;

    private PolicyDocuments() {}

    static String check(String document) {
        try {
            PolicyDocument.parseIdentity(document);
        } catch (MalformedPolicyException e) {
            throw new IamException(IamError.MalformedPolicyDocument, e.getMessage());
        }
        return document;
    }

    /** IAM counts a policy's size without its white space. */
    static int size(String document) {
        int n = 0;
        for (int i = 0; i < document.length(); i++) if (!Character.isWhitespace(document.charAt(i))) n++;
        return n;
    }
}
