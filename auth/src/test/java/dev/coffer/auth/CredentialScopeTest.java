package dev.coffer.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Credential cut at its '/' gives what splitting it into five parts gave: the same scope or the same refusal. */
class CredentialScopeTest {

    @Test
    void aPresignedUrlsCredentialGivesItsPartsAndTheScopeAsSigned() throws AuthException {
        CredentialScope scope = CredentialScope.parse("AKIDEXAMPLE/20130524/us-east-1/s3/aws4_request",
                AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR);
        assertEquals(new CredentialScope("AKIDEXAMPLE", "20130524", "us-east-1", "s3", "20130524/us-east-1/s3/aws4_request"),
                scope);
    }

    @ParameterizedTest
    @ValueSource(strings = {"AKID/20130524/us-east-1/s3/aws4_request", "AKID/20130524/us-east-1/iam/aws4_request",
            "/20130524/us-east-1/s3/aws4_request", "AKID/20130524//s3/aws4_request", "AKID/20130524/us-east-1/s3",
            "AKID/20130524/us-east-1/s3/aws4_request/", "AKID/20130524/us-east-1/s3/aws4_requestx", "AKID/2013052/r/s3/aws4_request",
            "AKID/20131324/r/s3/aws4_request", "AKID//r/s3/aws4_request", "AKID/20130524/r//aws4_request",
            "AKID/20130524/r/s3/", "AKID/20130524/r/s4/aws4_request", "AKID/20130524/r/s3s3/aws4_request", "", "/", "////",
            "/////", "AKID"})
    void everyCredentialGivesWhatTheSplitGave(String credential) {
        for (String service : List.of("s3", "iam")) {
            for (AuthError error : List.of(AuthError.AUTHORIZATION_HEADER_MALFORMED,
                    AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR)) {
                assertEquals(bySplit(credential, error, service), outcome(credential, error, service), credential);
            }
        }
    }

    @Test
    void randomCredentialsGiveWhatTheSplitGave() {
        String[] pieces = {"/", "/", "/", "s3", "iam", "aws4_request", "20130524", "2013", "0524", "AK", "us-east-1", "x", ""};
        Random random = new Random(19);
        for (int i = 0; i < 100_000; i++) {
            StringBuilder credential = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) credential.append(pieces[random.nextInt(pieces.length)]);
            String c = credential.toString();
            assertEquals(bySplit(c, AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, "s3"),
                    outcome(c, AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, "s3"), c);
        }
    }

    private static String outcome(String credential, AuthError error, String service) {
        try {
            CredentialScope s = CredentialScope.parse(credential, error, service);
            return String.join("|", s.accessKeyId(), s.date(), s.region(), s.service(), s.scope());
        } catch (AuthException e) {
            return e.error() + ": " + e.getMessage();
        }
    }

    /** The parse as it was, by String.split, with the scope built from its parts: the reference. */
    private static String bySplit(String credential, AuthError malformed, String service) {
        String prefix = malformed == AuthError.AUTHORIZATION_HEADER_MALFORMED
                ? "The authorization header is malformed; " : "Error parsing the X-Amz-Credential parameter; ";
        String[] parts = credential.split("/", -1);
        if (parts.length != 5 || parts[0].isEmpty() || parts[2].isEmpty()) {
            return malformed + ": " + prefix + "the Credential is mal-formed; expecting "
                    + "\"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".";
        }
        if (!parts[1].matches("[0-9]{8}") || !validDate(parts[1])) {
            return malformed + ": " + prefix + "incorrect date format \"" + parts[1]
                    + "\". This date in the credential must be in the format \"yyyyMMdd\".";
        }
        if (!parts[3].equals(service)) {
            return malformed + ": " + prefix + "incorrect service \"" + parts[3]
                    + "\". This endpoint belongs to \"" + service + "\".";
        }
        if (!parts[4].equals("aws4_request")) {
            return malformed + ": " + prefix + "incorrect terminal \"" + parts[4] + "\". This endpoint uses \"aws4_request\".";
        }
        return String.join("|", parts[0], parts[1], parts[2], parts[3],
                parts[1] + "/" + parts[2] + "/" + parts[3] + "/" + parts[4]);
    }

    private static boolean validDate(String yyyyMMdd) {
        try {
            java.time.LocalDate.parse(yyyyMMdd, java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
            return true;
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }
}
