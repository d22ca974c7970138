package dev.coffer.api.notify;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * A Redis target through Lettuce: a stream ({@code XADD key MAXLEN ~ n * event <json>}), a list
 * ({@code LPUSH key <json>}) or a channel ({@code PUBLISH key <json>}). The URI carries host,
 * port, ACL user and password, TLS ({@code rediss://}) and the database. While Redis is
 * unreachable a command fails at once instead of queueing in the client, so the events stay in
 * the outbox, where they survive a restart.
 */
final class RedisTarget implements Target {
    private final RedisClient client;
    private final String mode;
    private final byte[] key;
    private final long maxlen;
    private StatefulRedisConnection<byte[], byte[]> connection;

    RedisTarget(NotificationProperties.TargetProperties t) {
        RedisURI uri = RedisURI.create(t.uri());
        uri.setTimeout(t.timeout());
        this.client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(t.timeout()).build())
                .build());
        this.mode = t.redisMode().toLowerCase(Locale.ROOT);
        if (!mode.equals("stream") && !mode.equals("list") && !mode.equals("publish")) {
            throw new IllegalArgumentException("redis-mode must be stream, list or publish, not " + t.redisMode());
        }
        this.key = t.redisKey().getBytes(StandardCharsets.UTF_8);
        this.maxlen = t.redisMaxlen();
    }

    @Override
    public synchronized void send(byte[] message) {
        RedisCommands<byte[], byte[]> redis = commands();
        try {
            switch (mode) {
                case "stream" -> redis.xadd(key, XAddArgs.Builder.maxlen(maxlen).approximateTrimming(),
                        Map.of("event".getBytes(StandardCharsets.UTF_8), message));
                case "list" -> redis.lpush(key, message);
                default -> redis.publish(key, message);
            }
        } catch (RuntimeException e) {
            drop(); // a fresh connection at the next attempt
            throw e;
        }
    }

    private RedisCommands<byte[], byte[]> commands() {
        if (connection == null || !connection.isOpen()) {
            drop();
            connection = client.connect(ByteArrayCodec.INSTANCE);
        }
        return connection.sync();
    }

    private void drop() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }

    @Override
    public synchronized void close() {
        drop();
        client.shutdown();
    }
}
