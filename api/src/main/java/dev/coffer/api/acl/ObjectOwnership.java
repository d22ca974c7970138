package dev.coffer.api.acl;

import java.util.Optional;

/**
 * S3 Object Ownership (S3 User Guide, "Controlling ownership of objects and disabling ACLs for
 * your bucket"). Stored as the bucket configuration {@code ownership}: {@code u8 1} (format) ·
 * {@code u8} 1 BucketOwnerEnforced, 2 BucketOwnerPreferred, 3 ObjectWriter. A bucket without it
 * (its controls deleted, or made before Coffer had them) behaves as ObjectWriter, as in S3.
 */
public enum ObjectOwnership {
    /** ACLs disabled: the bucket owner owns every object; only the owner's private ACL may be set. */
    BucketOwnerEnforced(1),
    /** The bucket owner owns objects written with the bucket-owner-full-control canned ACL. */
    BucketOwnerPreferred(2),
    /** The writer's account owns what it writes. */
    ObjectWriter(3);

    private final int code;

    ObjectOwnership(int code) {
        this.code = code;
    }

    public boolean aclsEnabled() {
        return this != BucketOwnerEnforced;
    }

    public byte[] encode() {
        return new byte[] {1, (byte) code};
    }

    public static ObjectOwnership decode(byte[] value) {
        if (value.length != 2 || value[0] != 1) throw new IllegalArgumentException("unknown ownership format");
        for (ObjectOwnership o : values()) {
            if (o.code == value[1]) return o;
        }
        throw new IllegalArgumentException("unknown ownership " + value[1]);
    }

    /** The setting S3 spells {@code name}, if any. */
    public static Optional<ObjectOwnership> named(String name) {
        for (ObjectOwnership o : values()) {
            if (o.name().equals(name)) return Optional.of(o);
        }
        return Optional.empty();
    }
}
