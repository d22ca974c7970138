package dev.coffer.metadata;

/** Value codecs of the identity tables, format 1 each (notation of {@link ValueCodecs}). */
final class IamCodecs {
    private IamCodecs() {}

    static final byte V1 = 1;

    /** str id | str canonical id | str display name | i64 created. */
    static final Codec<AccountRecord> ACCOUNT = new Codec<>() {
        @Override
        public byte[] encode(AccountRecord a) {
            ValueOutput out = new ValueOutput(V1);
            out.writeString(a.id());
            out.writeString(a.canonicalId());
            out.writeString(a.displayName());
            out.writeLong(a.createdMillis());
            return out.toByteArray();
        }

        @Override
        public AccountRecord decode(byte[] bytes) {
            ValueInput in = new ValueInput(bytes, V1, "account record");
            AccountRecord a = new AccountRecord(in.readString(), in.readString(), in.readString(), in.readLong());
            in.end();
            return a;
        }
    };

    /** str account | str name | str user id | str path | i64 created. */
    static final Codec<IamUserRecord> USER = new Codec<>() {
        @Override
        public byte[] encode(IamUserRecord u) {
            ValueOutput out = new ValueOutput(V1);
            out.writeString(u.account());
            out.writeString(u.name());
            out.writeString(u.userId());
            out.writeString(u.path());
            out.writeLong(u.createdMillis());
            return out.toByteArray();
        }

        @Override
        public IamUserRecord decode(byte[] bytes) {
            ValueInput in = new ValueInput(bytes, V1, "user record");
            IamUserRecord u = new IamUserRecord(in.readString(), in.readString(), in.readString(), in.readString(),
                    in.readLong());
            in.end();
            return u;
        }
    };

    /** str key id | str account | str user (null: root) | bytes sealed secret | byte active | i64 created. */
    static final Codec<AccessKeyRecord> ACCESS_KEY = new Codec<>() {
        @Override
        public byte[] encode(AccessKeyRecord k) {
            ValueOutput out = new ValueOutput(V1);
            out.writeString(k.accessKeyId());
            out.writeString(k.account());
            out.writeString(k.userName());
            out.writeBytes(k.sealedSecret());
            out.writeByte(k.active() ? 1 : 0);
            out.writeLong(k.createdMillis());
            return out.toByteArray();
        }

        @Override
        public AccessKeyRecord decode(byte[] bytes) {
            ValueInput in = new ValueInput(bytes, V1, "access key record");
            AccessKeyRecord k = new AccessKeyRecord(in.readString(), in.readString(), in.readString(), in.readBytes(),
                    in.readByte() == 1, in.readLong());
            in.end();
            return k;
        }
    };

    /** str account | str name | str policy id | str path | str document | i64 created. */
    static final Codec<ManagedPolicyRecord> MANAGED_POLICY = new Codec<>() {
        @Override
        public byte[] encode(ManagedPolicyRecord p) {
            ValueOutput out = new ValueOutput(V1);
            out.writeString(p.account());
            out.writeString(p.name());
            out.writeString(p.policyId());
            out.writeString(p.path());
            out.writeString(p.document());
            out.writeLong(p.createdMillis());
            return out.toByteArray();
        }

        @Override
        public ManagedPolicyRecord decode(byte[] bytes) {
            ValueInput in = new ValueInput(bytes, V1, "managed policy record");
            ManagedPolicyRecord p = new ManagedPolicyRecord(in.readString(), in.readString(), in.readString(),
                    in.readString(), in.readString(), in.readLong());
            in.end();
            return p;
        }
    };

    /** str (a name as given, or "" for a marker). */
    static final Codec<String> TEXT = new Codec<>() {
        @Override
        public byte[] encode(String s) {
            ValueOutput out = new ValueOutput(V1);
            out.writeString(s);
            return out.toByteArray();
        }

        @Override
        public String decode(byte[] bytes) {
            ValueInput in = new ValueInput(bytes, V1, "iam text");
            String s = in.readString();
            in.end();
            return s;
        }
    };

    /** str policy name as given | str document. */
    static final Codec<String[]> NAMED_DOCUMENT = new Codec<>() {
        @Override
        public byte[] encode(String[] nameAndDocument) {
            ValueOutput out = new ValueOutput(V1);
            out.writeString(nameAndDocument[0]);
            out.writeString(nameAndDocument[1]);
            return out.toByteArray();
        }

        @Override
        public String[] decode(byte[] bytes) {
            ValueInput in = new ValueInput(bytes, V1, "inline policy");
            String[] v = {in.readString(), in.readString()};
            in.end();
            return v;
        }
    };

    // ---- command bodies (kinds 20-27; see COMMANDS.md)

    static final int PUT_ACCOUNT = 20;
    static final int PUT_USER = 21;
    static final int CREATE_ACCESS_KEY = 22;
    static final int SET_ACCESS_KEY_STATUS = 23;
    static final int DELETE_ACCESS_KEY = 24;
    static final int PUT_USER_POLICY = 25;
    static final int PUT_MANAGED_POLICY = 26;
    static final int ATTACH_USER_POLICY = 27;

    static int kind(CatalogCommand.Iam command) {
        if (command instanceof IamCommands.PutAccount) return PUT_ACCOUNT;
        if (command instanceof IamCommands.PutUser) return PUT_USER;
        if (command instanceof IamCommands.CreateAccessKey) return CREATE_ACCESS_KEY;
        if (command instanceof IamCommands.SetAccessKeyStatus) return SET_ACCESS_KEY_STATUS;
        if (command instanceof IamCommands.DeleteAccessKey) return DELETE_ACCESS_KEY;
        if (command instanceof IamCommands.PutUserPolicy) return PUT_USER_POLICY;
        if (command instanceof IamCommands.PutManagedPolicy) return PUT_MANAGED_POLICY;
        if (command instanceof IamCommands.AttachUserPolicy) return ATTACH_USER_POLICY;
        throw new IllegalArgumentException("unknown command " + command.getClass().getSimpleName());
    }

    static void encodeBody(ValueOutput out, CatalogCommand.Iam command) {
        if (command instanceof IamCommands.PutAccount c) {
            out.writeString(c.id());
            out.writeBytes(c.record() == null ? null : ACCOUNT.encode(c.record()));
        } else if (command instanceof IamCommands.PutUser c) {
            out.writeString(c.account());
            out.writeString(c.name());
            out.writeBytes(c.record() == null ? null : USER.encode(c.record()));
        } else if (command instanceof IamCommands.CreateAccessKey c) {
            out.writeBytes(ACCESS_KEY.encode(c.key()));
        } else if (command instanceof IamCommands.SetAccessKeyStatus c) {
            strings(out, c.account(), c.userName(), c.accessKeyId());
            out.writeByte(c.active() ? 1 : 0);
        } else if (command instanceof IamCommands.DeleteAccessKey c) {
            strings(out, c.account(), c.userName(), c.accessKeyId());
        } else if (command instanceof IamCommands.PutUserPolicy c) {
            strings(out, c.account(), c.userName(), c.policyName(), c.document());
        } else if (command instanceof IamCommands.PutManagedPolicy c) {
            strings(out, c.account(), c.name());
            out.writeBytes(c.record() == null ? null : MANAGED_POLICY.encode(c.record()));
        } else if (command instanceof IamCommands.AttachUserPolicy c) {
            strings(out, c.account(), c.userName(), c.policyName());
            out.writeByte(c.attach() ? 1 : 0);
        }
    }

    /** The command of {@code kind}, or null when the kind is not an identity command. */
    static CatalogCommand.Iam decodeBody(int kind, CatalogCommand.Choice c, ValueInput in) {
        return switch (kind) {
            case PUT_ACCOUNT -> new IamCommands.PutAccount(c, in.readString(), decoded(ACCOUNT, in.readBytes()));
            case PUT_USER -> new IamCommands.PutUser(c, in.readString(), in.readString(), decoded(USER, in.readBytes()));
            case CREATE_ACCESS_KEY -> new IamCommands.CreateAccessKey(c, ACCESS_KEY.decode(in.readBytes()));
            case SET_ACCESS_KEY_STATUS -> new IamCommands.SetAccessKeyStatus(c, in.readString(), in.readString(),
                    in.readString(), in.readByte() == 1);
            case DELETE_ACCESS_KEY -> new IamCommands.DeleteAccessKey(c, in.readString(), in.readString(), in.readString());
            case PUT_USER_POLICY -> new IamCommands.PutUserPolicy(c, in.readString(), in.readString(), in.readString(),
                    in.readString());
            case PUT_MANAGED_POLICY -> new IamCommands.PutManagedPolicy(c, in.readString(), in.readString(),
                    decoded(MANAGED_POLICY, in.readBytes()));
            case ATTACH_USER_POLICY -> new IamCommands.AttachUserPolicy(c, in.readString(), in.readString(),
                    in.readString(), in.readByte() == 1);
            default -> null;
        };
    }

    private static <T> T decoded(Codec<T> codec, byte[] bytes) {
        return bytes == null ? null : codec.decode(bytes);
    }

    private static void strings(ValueOutput out, String... values) {
        for (String v : values) out.writeString(v);
    }
}
