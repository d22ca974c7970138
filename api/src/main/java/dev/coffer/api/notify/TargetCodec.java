package dev.coffer.api.notify;

import dev.coffer.api.notify.NotificationProperties.TargetProperties;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * A run-time target's settings as the catalogue keeps them (command 67's value), format 1:
 * {@code 0x01 | str type | str uri | str redisMode | str redisKey | i64 redisMaxlen | str token |
 * str secret | i64 timeoutMillis}, each str a presence byte then UTF (absent = null).
 */
final class TargetCodec {
    private static final int V1 = 1;

    private TargetCodec() {}

    static byte[] encode(TargetProperties t) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(V1);
            for (String s : new String[] {t.type(), t.uri(), t.redisMode(), t.redisKey()}) string(out, s);
            out.writeLong(t.redisMaxlen());
            string(out, t.token());
            string(out, t.secret());
            out.writeLong(t.timeout().toMillis());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static TargetProperties decode(byte[] value) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
            int version = in.readByte();
            if (version != V1) throw new IllegalStateException("notification target: unknown format " + version);
            String type = string(in);
            String uri = string(in);
            String mode = string(in);
            String key = string(in);
            long maxlen = in.readLong();
            String token = string(in);
            String secret = string(in);
            return new TargetProperties(type, uri, mode, key, maxlen, token, secret, Duration.ofMillis(in.readLong()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void string(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) out.writeUTF(s);
    }

    private static String string(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }
}
