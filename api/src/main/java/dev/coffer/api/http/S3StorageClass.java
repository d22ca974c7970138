package dev.coffer.api.http;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.error.S3Exception;
import java.util.Optional;

/**
 * S3's storage classes and Coffer's answer for each: the one list that {@code x-amz-storage-class}
 * (PutObject, CopyObject, CreateMultipartUpload, a POST form's field) and a lifecycle rule's
 * Transition / NoncurrentVersionTransition are checked against.
 *
 * <p>Coffer keeps every object on the same disks: it has STANDARD alone. What S3 answers (API
 * Reference, PutObject "x-amz-storage-class" and the StorageClass / TransitionStorageClass types):
 * <ul>
 *   <li>a write to a general purpose bucket takes STANDARD, REDUCED_REDUNDANCY, STANDARD_IA,
 *       ONEZONE_IA, INTELLIGENT_TIERING, GLACIER, DEEP_ARCHIVE and GLACIER_IR; Coffer stores
 *       STANDARD and answers NotImplemented for the others (it has no such tier, and storing the
 *       object as STANDARD would misreport its cost and retrieval);</li>
 *   <li>OUTPOSTS (S3 on Outposts buckets), EXPRESS_ONEZONE (directory buckets), SNOW (Snow Family
 *       devices) and FSX_OPENZFS / FSX_ONTAP (access points for FSx) belong to other kinds of
 *       bucket: 400 InvalidStorageClass, as any value S3 does not take there;</li>
 *   <li>a lifecycle transition names one of GLACIER, STANDARD_IA, ONEZONE_IA, INTELLIGENT_TIERING,
 *       DEEP_ARCHIVE, GLACIER_IR (anything else, STANDARD included, is outside S3's schema:
 *       MalformedXML); Coffer has none of them to move objects to, so each is InvalidStorageClass,
 *       as S3 refuses a class it cannot transition to.</li>
 * </ul>
 */
public enum S3StorageClass {
    STANDARD(Write.STORED, false),
    REDUCED_REDUNDANCY(Write.NOT_IMPLEMENTED, false),
    STANDARD_IA(Write.NOT_IMPLEMENTED, true),
    ONEZONE_IA(Write.NOT_IMPLEMENTED, true),
    INTELLIGENT_TIERING(Write.NOT_IMPLEMENTED, true),
    GLACIER(Write.NOT_IMPLEMENTED, true),
    DEEP_ARCHIVE(Write.NOT_IMPLEMENTED, true),
    GLACIER_IR(Write.NOT_IMPLEMENTED, true),
    OUTPOSTS(Write.OTHER_BUCKET_KIND, false),
    EXPRESS_ONEZONE(Write.OTHER_BUCKET_KIND, false),
    SNOW(Write.OTHER_BUCKET_KIND, false),
    FSX_OPENZFS(Write.OTHER_BUCKET_KIND, false),
    FSX_ONTAP(Write.OTHER_BUCKET_KIND, false);

    /** What a write naming the class gets. */
    public enum Write { STORED, NOT_IMPLEMENTED, OTHER_BUCKET_KIND }

    private final Write write;
    private final boolean transitionTarget;

    S3StorageClass(Write write, boolean transitionTarget) {
        this.write = write;
        this.transitionTarget = transitionTarget;
    }

    public Write write() {
        return write;
    }

    /** Whether S3's schema allows the class as a lifecycle transition's StorageClass. */
    public boolean transitionTarget() {
        return transitionTarget;
    }

    /** Whether Coffer keeps objects in the class, so that a lifecycle rule could move them there. */
    public boolean cofferHas() {
        return write == Write.STORED;
    }

    /** The class of that exact name (S3's names are upper case and case-sensitive). */
    public static Optional<S3StorageClass> named(String value) {
        for (S3StorageClass c : values()) {
            if (c.name().equals(value)) return Optional.of(c);
        }
        return Optional.empty();
    }

    /**
     * The refusal of an {@code x-amz-storage-class} naming a class Coffer does not store:
     * NotImplemented for a class S3 has and Coffer does not, InvalidStorageClass for one S3 does
     * not take in a general purpose bucket (or does not know).
     */
    public static S3Exception writeRefusal(String header, String value) {
        Write answer = named(value).map(S3StorageClass::write).orElse(Write.OTHER_BUCKET_KIND);
        if (answer == Write.STORED) throw new IllegalArgumentException(value + " is stored, not refused");
        return answer == Write.NOT_IMPLEMENTED ? S3Exception.of(S3ErrorCode.NotImplemented).with("Header", header)
                : S3Exception.of(S3ErrorCode.InvalidStorageClass).with("StorageClassRequested", value);
    }

    /**
     * Refuses a lifecycle transition's StorageClass: MalformedXML (as {@code malformed} makes it)
     * outside S3's schema, InvalidStorageClass for a class S3 could transition to and Coffer does
     * not have; returns for a class Coffer has (none today).
     */
    public static void checkTransition(String value, java.util.function.Supplier<S3Exception> malformed) {
        S3StorageClass c = named(value).filter(S3StorageClass::transitionTarget).orElseThrow(malformed);
        if (!c.cofferHas()) {
            throw S3Exception.of(S3ErrorCode.InvalidStorageClass).with("StorageClassRequested", value)
                    .withMessage("The storage class you specified is not valid (Coffer keeps every object in "
                            + "STANDARD and has no " + value + " to transition to)");
        }
    }
}
