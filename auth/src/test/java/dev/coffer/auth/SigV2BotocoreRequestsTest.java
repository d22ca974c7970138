package dev.coffer.auth;

import static dev.coffer.auth.Requests.AKID;
import static dev.coffer.auth.Requests.request;
import static dev.coffer.auth.Requests.sigV2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Requests signed by botocore 1.43 ({@code signature_version='s3'}, endpoint
 * http://localhost:9000) and a URL from {@code aws s3 presign} (aws-cli 1.45), copied here as data.
 * The presigned URLs were made at epoch second 1700000000 unless said otherwise.
 */
class SigV2BotocoreRequestsTest {
    private static final Instant SIGNED_AT = Instant.ofEpochSecond(1_700_000_000);
    private static final String DATE = "Tue, 14 Nov 2023 22:13:20 GMT";

    private static AuthResult verify(String bucket, SignedRequest r, Instant now) throws AuthException {
        return sigV2(now).authenticate(r, bucket);
    }

    @Test
    void awsCliPresignOfAUnicodeKeyVerifies() throws AuthException {
        // aws s3 presign "s3://photos/2024/holiday snaps/äpfel & birnen.jpg" --expires-in 900
        SignedRequest r = request("GET", "/photos/2024/holiday%20snaps/%C3%A4pfel%20%26%20birnen.jpg",
                "AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=s289E4I709h%2Btv3Crb72xHNESro%3D&Expires=1795600147",
                "Host", "localhost:9000");
        AuthResult result = verify(null, r, Instant.ofEpochSecond(1_795_599_247));
        assertEquals(new AuthResult(AKID, new PayloadMode.Unsigned()), result);
    }

    @Test
    void presignedGetSignsTheDecodedResponseOverride() throws AuthException {
        String query = "response-content-disposition=attachment%3B%20filename%3D%22p%20d.jpg%22"
                + "&AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=UyvTapIiEGaKvvLCDPCxzWwwOOM%3D&Expires=1700003600";
        verify(null, request("GET", "/photos/2024/puppy%20dog%2B1.jpg", query, "Host", "localhost:9000"), SIGNED_AT);
        verify("photos", request("GET", "/2024/puppy%20dog%2B1.jpg", query, "Host", "photos.localhost:9000"),
                SIGNED_AT);
    }

    @Test
    void presignedGetSignsTheDecodedVersionId() throws AuthException {
        SignedRequest r = request("GET", "/photos/k.txt", "versionId=v1%2B%2F%3D&AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE"
                + "&Signature=pejz3zzLJ3mh9hfz1OdkvsTAtFA%3D&Expires=1700000060", "Host", "localhost:9000");
        verify(null, r, SIGNED_AT);
    }

    @Test
    void presignedPutSignsContentTypeFromHeaderOrQuery() throws AuthException {
        String query = "AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=EUaRIJZLvzMLK7ydVVLlJJ3raQo%3D"
                + "&content-type=text%2Fplain&Expires=1700000600";
        verify(null, request("PUT", "/photos/up.txt", query, "Host", "localhost:9000",
                "Content-Type", "text/plain"), SIGNED_AT);
        verify(null, request("PUT", "/photos/up.txt", query, "Host", "localhost:9000"), SIGNED_AT);
    }

    @Test
    void presignedPutWithAnotherContentTypeHeaderDoesNotMatch() {
        SignedRequest r = request("PUT", "/photos/up.txt", "AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE"
                + "&Signature=EUaRIJZLvzMLK7ydVVLlJJ3raQo%3D&content-type=text%2Fplain&Expires=1700000600",
                "Host", "localhost:9000", "Content-Type", "text/html");
        AuthException e = assertThrows(AuthException.class, () -> verify(null, r, SIGNED_AT));
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, e.error());
    }

    @Test
    void presignedUrlWithSessionTokenSignsTheTokenAsAnAmzHeader() throws AuthException {
        SignedRequest r = request("GET", "/photos/k.txt", "AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE"
                + "&Signature=otpPrK8U2m6sZV7ut7tLrNpSLHE%3D&x-amz-security-token=FQoGZXIvYXdzEXAMPLE%2Ftoken%2B%3D"
                + "&Expires=1700000300", "Host", "localhost:9000");
        verify(null, r, SIGNED_AT);
    }

    @Test
    void headerSignedPutObjectVerifiesPathAndVirtualHosted() throws AuthException {
        String[] headers = {"Content-Type", "text/plain", "x-amz-meta-Reviewer", "joe", "x-amz-acl", "public-read",
            "x-amz-checksum-crc32", "2JMqrA==", "x-amz-sdk-checksum-algorithm", "CRC32", "Date", DATE,
            "Authorization", "AWS AKIAIOSFODNN7EXAMPLE:c3KSP98L69fwC0eT7R/+S0r9u6A="};
        verify(null, request("PUT", "/photos/a%20b/c.txt", "", headers), SIGNED_AT);
        verify("photos", request("PUT", "/a%20b/c.txt", "", headers), SIGNED_AT);
    }

    @Test
    void headerSignedListObjectsV2VerifiesPathAndVirtualHosted() throws AuthException {
        String query = "list-type=2&prefix=2024%2F&encoding-type=url";
        String[] headers = {"Date", DATE, "Authorization", "AWS AKIAIOSFODNN7EXAMPLE:1iachMwieXJKEr0Up04mgJ6UPRY="};
        // botocore signs "/photos/" for the bucket, not the "/photos" sent.
        verify(null, request("GET", "/photos", query, headers), SIGNED_AT);
        verify("photos", request("GET", "/", query, headers), SIGNED_AT);
    }

    @Test
    void headerSignedListMultipartUploadsSignsUploads() throws AuthException {
        String[] headers = {"Date", DATE, "Authorization", "AWS AKIAIOSFODNN7EXAMPLE:hHfeShrYiT/oSnKlyegL0HCjtlc="};
        verify(null, request("GET", "/photos", "uploads", headers), SIGNED_AT);
        verify("photos", request("GET", "/", "uploads", headers), SIGNED_AT);
    }
}
