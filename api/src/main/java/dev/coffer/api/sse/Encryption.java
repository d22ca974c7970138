package dev.coffer.api.sse;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import dev.coffer.api.server.S3Call;
import dev.coffer.storage.DataKey;
import dev.coffer.storage.KeyWrap;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Optional;
import org.springframework.http.HttpHeaders;

/**
 * Server-side encryption's decisions, in one place: which data key a write seals its bytes
 * under (and the {@code sse} attribute that records it), and which data key opens a stored
 * version for a read, a copy's source or an upload's part — refusing missing, wrong or
 * unneeded keys with S3's answers. Blocking (a KMS may be remote): call on the I/O scheduler.
 */
public final class Encryption {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** An SSE-C fingerprint's salt: 16 random bytes per object, as S3's "randomly salted HMAC". */
    private static final int SALT = 16;

    private final byte[] master;
    private final byte[] fingerprintKey;
    private final KeyRing keyRing;
    private final SseProperties settings;

    public Encryption(byte[] master, KeyRing keyRing, SseProperties settings) {
        this.master = master.clone();
        this.fingerprintKey = KeyWrap.fingerprint("sse-c fingerprint key".getBytes(StandardCharsets.US_ASCII), master);
        this.keyRing = keyRing;
        this.settings = settings;
    }

    public KeyRing keyRing() {
        return keyRing;
    }

    /** What a read, a copy's source or a part needs its key for: they answer a wrong key differently. */
    public enum Use { READ, COPY_SOURCE, PART }

    /** The data key a write seals its bytes under, and the attribute that records it. */
    public record Sealed(DataKey key, SseRecord record) {}

    /**
     * Refuses SSE-C headers (target or copy source) that came over plain HTTP, as S3 does, unless
     * the request came through a TLS proxy (see {@link SseProperties}).
     */
    public void checkTransport(S3Call call) {
        checkTransport(call, call.requestHeaders());
    }

    /** {@link #checkTransport(S3Call)} for a request whose SSE headers are {@code headers} (a POST form's fields). */
    public void checkTransport(S3Call call, HttpHeaders headers) {
        if (!CustomerKey.present(headers, CustomerKey.PREFIX) && !CustomerKey.present(headers, CustomerKey.COPY_SOURCE_PREFIX)) {
            return;
        }
        if (settings.customerKeysOverHttp() || call.http().getSslInfo() != null) return;
        if (settings.trustForwardedProto() && "https".equalsIgnoreCase(call.header("X-Forwarded-Proto"))) return;
        throw S3Exception.of(S3ErrorCode.InvalidRequest).withMessage("Requests specifying Server Side Encryption with "
                + "Customer provided keys must be made over a secure connection.");
    }

    /**
     * Seals a new version (or upload): the request's choice, else the bucket's default, else
     * nothing (null: stored as sent).
     *
     * @throws S3Exception KMS.NotFoundException for an unknown KMS key
     */
    public Sealed seal(SseRequest request, Optional<BucketEncryption> bucketDefault) {
        SseRecord.Kind kind = request.kind();
        String keyId = request.kmsKeyId();
        Boolean bucketKey = request.bucketKeyEnabled();
        if (kind == null && bucketDefault.isPresent()) {
            kind = bucketDefault.get().kind();
            keyId = bucketDefault.get().kmsKeyId();
            if (bucketKey == null) bucketKey = bucketDefault.get().bucketKeyEnabled();
        }
        if (kind == null) return null;
        DataKey key = DataKey.generate();
        return switch (kind) {
            case S3 -> new Sealed(key, new SseRecord(kind, KeyWrap.wrap(key, master, "sse-s3"), null,
                    Boolean.TRUE.equals(bucketKey), null, null, null));
            case KMS -> {
                String chosenKeyId = keyId; // the request's, or the bucket default's
                KeyRing.KeyInfo info = keyId == null ? keyRing.defaultKey()
                        : keyRing.find(keyId).orElseThrow(() -> kmsNotFound(chosenKeyId));
                String context = "sse-kms:" + info.arn();
                yield new Sealed(key, new SseRecord(kind, keyRing.wrap(info.keyId(), key, context), info.arn(),
                        Boolean.TRUE.equals(bucketKey), null, null, null));
            }
            case CUSTOMER -> {
                CustomerKey customer = request.customerKey();
                byte[] salt = new byte[SALT];
                RANDOM.nextBytes(salt);
                yield new Sealed(key, new SseRecord(kind, KeyWrap.wrap(key, customer.key(), "sse-c"), null, false,
                        customer.md5(), salt, fingerprint(salt, customer.key())));
            }
        };
    }

    /**
     * The data key of a stored version or upload ({@code record} null: stored plain → null),
     * given the SSE-C key the request sent for it (or null).
     */
    public DataKey open(SseRecord record, CustomerKey given, Use use) {
        if (record == null || record.kind() != SseRecord.Kind.CUSTOMER) {
            if (given != null) {
                throw S3Exception.of(S3ErrorCode.InvalidRequest).withMessage(use == Use.PART
                        ? "The multipart upload initiate did not request encryption. Subsequent part requests must "
                                + "not include encryption parameters."
                        : "The encryption parameters are not applicable to this object.");
            }
            if (record == null) return null;
            try {
                return record.kind() == SseRecord.Kind.S3
                        ? KeyWrap.unwrap(record.wrappedKey(), master, record.context())
                        : keyRing.unwrap(record.kmsKeyId(), record.wrappedKey(), record.context());
            } catch (KeyWrap.WrongKeyException e) {
                throw new IllegalStateException("the master key does not open a stored data key", e);
            } catch (KeyRing.UnknownKeyException e) {
                throw kmsNotFound(record.kmsKeyId());
            }
        }
        if (given == null) {
            throw S3Exception.of(S3ErrorCode.InvalidRequest).withMessage(use == Use.PART
                    ? "The multipart upload initiate requested encryption. Subsequent part requests must include the "
                            + "appropriate encryption parameters."
                    : "The object was stored using a form of Server Side Encryption. The correct parameters must be "
                            + "provided to retrieve the object.");
        }
        if (!MessageDigest.isEqual(record.fingerprint(), fingerprint(record.salt(), given.key()))) {
            throw use == Use.READ ? S3Exception.of(S3ErrorCode.AccessDenied)
                    : S3Exception.of(S3ErrorCode.InvalidRequest)
                            .withMessage("The provided encryption parameters did not match the ones used originally.");
        }
        try {
            return KeyWrap.unwrap(record.wrappedKey(), given.key(), record.context());
        } catch (KeyWrap.WrongKeyException e) {
            throw new IllegalStateException("a customer key with the right fingerprint does not open its data key", e);
        }
    }

    private byte[] fingerprint(byte[] salt, byte[] customerKey) {
        byte[] input = new byte[salt.length + customerKey.length];
        System.arraycopy(salt, 0, input, 0, salt.length);
        System.arraycopy(customerKey, 0, input, salt.length, customerKey.length);
        return KeyWrap.fingerprint(input, fingerprintKey);
    }

    static S3Exception kmsNotFound(String keyId) {
        return S3Exception.of(S3ErrorCode.KMS_NotFoundException).withMessage("Invalid keyId " + keyId);
    }
}
