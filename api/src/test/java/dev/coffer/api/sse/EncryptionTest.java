package dev.coffer.api.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.storage.DataKey;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpHeaders;

/** Which key seals a write and which opens a read, and S3's answers to missing, wrong and unneeded keys. */
class EncryptionTest {
    @TempDir Path dir;
    Encryption encryption;
    LocalKeyRing ring;

    @BeforeEach
    void open() throws Exception {
        byte[] master = MasterKey.loadOrCreate(dir);
        ring = new LocalKeyRing(dir.resolve("kms"), master, "us-east-1");
        encryption = new Encryption(master, ring, new SseProperties(false, false));
    }

    @Test
    void theMasterKeyFileIsOwnerOnlyAndReadBackTheSame() throws Exception {
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                java.nio.file.Files.getPosixFilePermissions(dir.resolve(MasterKey.FILE)))).isEqualTo("rw-------");
        assertThat(MasterKey.loadOrCreate(dir)).isEqualTo(MasterKey.loadOrCreate(dir)).hasSize(32);
    }

    @Test
    void noHeadersAndNoDefaultStoresAsSent() {
        assertThat(encryption.seal(SseRequest.NONE, Optional.empty())).isNull();
        assertThat(encryption.open(null, null, Encryption.Use.READ)).isNull();
    }

    @Test
    void sseS3SealsUnderAFreshKeyThatOpensAgain() {
        Encryption.Sealed sealed = encryption.seal(request("x-amz-server-side-encryption", "AES256"), Optional.empty());
        Encryption.Sealed other = encryption.seal(request("x-amz-server-side-encryption", "AES256"), Optional.empty());
        assertThat(sealed.key()).isNotEqualTo(other.key());
        SseRecord stored = SseRecord.decode(sealed.record().encode());
        assertThat(encryption.open(stored, null, Encryption.Use.READ)).isEqualTo(sealed.key());
    }

    @Test
    void theBucketDefaultAppliesWhenTheRequestAsksForNothing() {
        Encryption.Sealed sealed = encryption.seal(SseRequest.NONE,
                Optional.of(new BucketEncryption(SseRecord.Kind.S3, null, true)));
        assertThat(sealed.record().kind()).isEqualTo(SseRecord.Kind.S3);
        assertThat(sealed.record().bucketKeyEnabled()).isTrue();
    }

    @Test
    void kmsWithAnUnknownKeyIsKmsNotFoundException() {
        S3Exception e = catchThrowableOfType(S3Exception.class, () -> encryption.seal(
                request("x-amz-server-side-encryption", "aws:kms",
                        "x-amz-server-side-encryption-aws-kms-key-id", "no-such-key"), Optional.empty()));
        assertThat(e.code()).isEqualTo(S3ErrorCode.KMS_NotFoundException);
        assertThat(e.code().code()).isEqualTo("KMS.NotFoundException");
        assertThat(e.getMessage()).isEqualTo("Invalid keyId no-such-key");
    }

    @Test
    void aBucketDefaultNamingAnUnknownKmsKeyNamesThatKeyInTheRefusal() {
        S3Exception e = catchThrowableOfType(S3Exception.class, () -> encryption.seal(SseRequest.NONE,
                Optional.of(new BucketEncryption(SseRecord.Kind.KMS, "no-such-key", false))));
        assertThat(e.code()).isEqualTo(S3ErrorCode.KMS_NotFoundException);
        assertThat(e.getMessage()).isEqualTo("Invalid keyId no-such-key");
    }

    @Test
    void kmsWithAKnownKeyRecordsItsArnAndOpens() {
        KeyRing.KeyInfo key = ring.create("test");
        Encryption.Sealed sealed = encryption.seal(request("x-amz-server-side-encryption", "aws:kms",
                "x-amz-server-side-encryption-aws-kms-key-id", key.keyId()), Optional.empty());
        assertThat(sealed.record().kmsKeyId()).isEqualTo(key.arn());
        assertThat(encryption.open(sealed.record(), null, Encryption.Use.READ)).isEqualTo(sealed.key());
    }

    @Test
    void sseCStoresNeitherTheKeyNorAnythingThatOpensWithoutIt() {
        byte[] customer = DataKey.generate().toBytes();
        Encryption.Sealed sealed = encryption.seal(customerRequest(customer), Optional.empty());
        byte[] stored = sealed.record().encode();
        assertThat(indexOf(stored, customer)).isEqualTo(-1);
        CustomerKey given = CustomerKey.target(customerHeaders(customer)).orElseThrow();
        assertThat(encryption.open(sealed.record(), given, Encryption.Use.READ)).isEqualTo(sealed.key());
    }

    @Test
    void sseCMissingWrongAndUnneededKeysAnswerAsS3() {
        byte[] customer = DataKey.generate().toBytes();
        SseRecord record = encryption.seal(customerRequest(customer), Optional.empty()).record();
        CustomerKey wrong = CustomerKey.target(customerHeaders(DataKey.generate().toBytes())).orElseThrow();

        S3Exception missing = catchThrowableOfType(S3Exception.class, () -> encryption.open(record, null, Encryption.Use.READ));
        assertThat(missing.code()).isEqualTo(S3ErrorCode.InvalidRequest);
        assertThat(missing.getMessage()).contains("The object was stored using a form of Server Side Encryption");

        assertThat(catchThrowableOfType(S3Exception.class, () -> encryption.open(record, wrong, Encryption.Use.READ))
                .code()).isEqualTo(S3ErrorCode.AccessDenied);
        S3Exception wrongSource = catchThrowableOfType(S3Exception.class,
                () -> encryption.open(record, wrong, Encryption.Use.COPY_SOURCE));
        assertThat(wrongSource.code()).isEqualTo(S3ErrorCode.InvalidRequest);
        assertThat(wrongSource.getMessage()).isEqualTo("The provided encryption parameters did not match the ones used originally.");

        SseRecord s3 = encryption.seal(request("x-amz-server-side-encryption", "AES256"), Optional.empty()).record();
        S3Exception unneeded = catchThrowableOfType(S3Exception.class, () -> encryption.open(s3, wrong, Encryption.Use.READ));
        assertThat(unneeded.getMessage()).isEqualTo("The encryption parameters are not applicable to this object.");
    }

    static SseRequest request(String... pairs) {
        HttpHeaders headers = new HttpHeaders();
        for (int i = 0; i < pairs.length; i += 2) headers.set(pairs[i], pairs[i + 1]);
        return SseRequest.parse(headers);
    }

    static SseRequest customerRequest(byte[] key) {
        return SseRequest.parse(customerHeaders(key));
    }

    static HttpHeaders customerHeaders(byte[] key) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("x-amz-server-side-encryption-customer-algorithm", "AES256");
        headers.set("x-amz-server-side-encryption-customer-key", Base64.getEncoder().encodeToString(key));
        try {
            headers.set("x-amz-server-side-encryption-customer-key-MD5",
                    Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(key)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        return headers;
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
