package dev.coffer.api.acl;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An access control list: the owner (an account id) and its grants, in the order given.
 *
 * <p>Stored (bucket configuration {@code acl}, version and upload attribute {@code acl};
 * metadata/COMMANDS.md) as {@code u8 1} (format) · {@code UTF} owner account id · {@code u16 n} ·
 * n × ({@code u8} grantee type: 1 account, 2 group · {@code UTF} account id or group URI ·
 * {@code u8} permission: 1 READ, 2 WRITE, 3 READ_ACP, 4 WRITE_ACP, 5 FULL_CONTROL), where
 * {@code UTF} and {@code u16} are Java's {@code DataOutput} forms.
 */
public record Acl(String owner, List<Grant> grants) {
    /** S3 keeps at most 100 grants in an ACL. */
    public static final int MAX_GRANTS = 100;
    private static final int FORMAT = 1;

    public record Grant(Grantee grantee, Permission permission) {
        public Grant {
            Objects.requireNonNull(grantee, "grantee");
            Objects.requireNonNull(permission, "permission");
        }
    }

    public Acl {
        Objects.requireNonNull(owner, "owner");
        grants = List.copyOf(grants);
    }

    /** The ACL of anything nobody set one on: its owner has FULL_CONTROL (S3's default, the canned "private"). */
    public static Acl privateTo(String owner) {
        return new Acl(owner, List.of(new Grant(Grantee.account(owner), Permission.FULL_CONTROL)));
    }

    /** Whether this is {@link #privateTo} its owner exactly, which needs no storing. */
    public boolean isPrivate() {
        return equals(privateTo(owner));
    }

    /** Whether any grant is to AllUsers or AuthenticatedUsers (S3's "public" for Block Public Access). */
    public boolean isPublic() {
        return grants.stream().anyMatch(g -> g.grantee().isPublic());
    }

    /**
     * The first grant that gives {@code wanted} to one of {@code who}, or null.
     *
     * @param who the grantees the asker is (its account, AuthenticatedUsers, AllUsers…)
     * @param ignorePublic Block Public Access's IgnorePublicAcls: grants to the public groups count for nothing
     */
    public Grant grantTo(List<Grantee> who, Permission wanted, boolean ignorePublic) {
        for (Grant g : grants) {
            if (ignorePublic && g.grantee().isPublic()) continue;
            if (g.permission().covers(wanted) && who.contains(g.grantee())) return g;
        }
        return null;
    }

    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + grants.size() * 24);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeUTF(owner);
            out.writeShort(grants.size());
            for (Grant g : grants) {
                out.writeByte(g.grantee().type().code);
                out.writeUTF(g.grantee().value());
                out.writeByte(g.permission().code);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static Acl decode(byte[] value) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
            int format = in.readUnsignedByte();
            if (format != FORMAT) throw new IllegalArgumentException("unknown ACL format " + format);
            String owner = in.readUTF();
            int n = in.readUnsignedShort();
            List<Grant> grants = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int type = in.readUnsignedByte();
                String grantee = in.readUTF();
                Permission permission = Permission.ofCode(in.readUnsignedByte());
                grants.add(new Grant(switch (type) {
                    case 1 -> Grantee.account(grantee);
                    case 2 -> Grantee.group(grantee);
                    default -> throw new IllegalArgumentException("unknown grantee type " + type);
                }, permission));
            }
            return new Acl(owner, grants);
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated ACL", e);
        }
    }
}
