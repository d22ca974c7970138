package dev.coffer.api.sse;

import dev.coffer.api.config.SecretFiles;
import dev.coffer.storage.DataKey;
import dev.coffer.storage.KeyWrap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The built-in key ring: each key is 32 random bytes kept in {@code <data>/kms/<key id>} (mode
 * 0600), wrapped under the master key, so the directory alone opens nothing. Key ids are UUIDs as
 * AWS KMS's are; the ARN is {@code arn:aws:kms:<region>:000000000000:key/<id>} (Coffer has no
 * account ids). The root creates and lists keys through /_coffer/admin/kms/keys.
 *
 * <p>One node's directory: in a cluster the key ring is to be replicated as catalogue commands
 * (a follow-up; the command kinds 36–39 are reserved for it).
 */
public final class LocalKeyRing implements KeyRing {
    private static final String DEFAULT_FILE = "default";

    private final Path dir;
    private final byte[] master;
    private final String region;
    private final Map<String, Entry> keys = new ConcurrentHashMap<>();

    private record Entry(KeyInfo info, byte[] material) {}

    public LocalKeyRing(Path dir, byte[] master, String region) throws IOException {
        this.dir = dir;
        this.master = master;
        this.region = region;
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (isKeyId(name)) keys.put(name, load(name, Files.readAllBytes(file)));
            }
        }
    }

    @Override
    public synchronized KeyInfo create(String description) {
        String id = UUID.randomUUID().toString();
        long now = System.currentTimeMillis();
        DataKey material = DataKey.generate();
        byte[] wrapped = KeyWrap.wrap(material, master, "kms-key:" + id);
        byte[] file = ByteBuffer.allocate(8 + wrapped.length).putLong(now).put(wrapped).array();
        try {
            SecretFiles.writeOwnerOnly(dir.resolve(id), file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Entry entry = load(id, file);
        keys.put(id, entry);
        return entry.info();
    }

    @Override
    public synchronized KeyInfo defaultKey() {
        Path pointer = dir.resolve(DEFAULT_FILE);
        try {
            if (Files.exists(pointer)) {
                String id = Files.readString(pointer, StandardCharsets.US_ASCII).trim();
                if (keys.containsKey(id)) return keys.get(id).info();
            }
            KeyInfo created = create("default key for aws:kms");
            SecretFiles.writeOwnerOnly(pointer, created.keyId().getBytes(StandardCharsets.US_ASCII));
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<KeyInfo> list() {
        List<KeyInfo> all = new ArrayList<>(keys.values().stream().map(Entry::info).toList());
        all.sort(Comparator.comparingLong(KeyInfo::createdMillis).thenComparing(KeyInfo::keyId));
        return all;
    }

    @Override
    public Optional<KeyInfo> find(String idOrArn) {
        return Optional.ofNullable(keys.get(idOf(idOrArn))).map(Entry::info);
    }

    @Override
    public byte[] wrap(String keyId, DataKey dataKey, String context) {
        return KeyWrap.wrap(dataKey, material(keyId), context);
    }

    @Override
    public DataKey unwrap(String keyId, byte[] wrapped, String context) {
        try {
            return KeyWrap.unwrap(wrapped, material(keyId), context);
        } catch (KeyWrap.WrongKeyException e) {
            throw new IllegalStateException("KMS key " + keyId + " does not open a stored data key", e);
        }
    }

    private byte[] material(String keyId) {
        Entry entry = keys.get(idOf(keyId));
        if (entry == null) throw new UnknownKeyException(keyId);
        return entry.material();
    }

    /** The id of an id or an ARN (…:key/<id>); alias names are not supported. */
    private static String idOf(String idOrArn) {
        int slash = idOrArn.lastIndexOf(":key/");
        return slash >= 0 ? idOrArn.substring(slash + 5) : idOrArn;
    }

    private static boolean isKeyId(String name) {
        try {
            return UUID.fromString(name).toString().equals(name);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Entry load(String id, byte[] file) {
        ByteBuffer in = ByteBuffer.wrap(file);
        long created = in.getLong();
        byte[] wrapped = new byte[in.remaining()];
        in.get(wrapped);
        try {
            DataKey material = KeyWrap.unwrap(wrapped, master, "kms-key:" + id);
            return new Entry(new KeyInfo(id, "arn:aws:kms:" + region + ":000000000000:key/" + id, created),
                    materialBytes(material));
        } catch (KeyWrap.WrongKeyException e) {
            throw new IllegalStateException("KMS key file " + dir.resolve(id) + " does not open with this master key", e);
        }
    }

    private static byte[] materialBytes(DataKey key) {
        return key.toBytes();
    }
}
