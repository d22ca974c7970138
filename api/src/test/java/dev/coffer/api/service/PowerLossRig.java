package dev.coffer.api.service;

import dev.coffer.api.error.S3ErrorCode;
import dev.coffer.api.jobs.ChunkGc;
import dev.coffer.api.jobs.OrphanSweep;
import dev.coffer.api.sse.Encryption;
import dev.coffer.api.sse.LocalKeyRing;
import dev.coffer.api.sse.MasterKey;
import dev.coffer.api.sse.SseProperties;
import dev.coffer.api.sse.SseRequest;
import dev.coffer.metadata.AppliedIndex;
import dev.coffer.metadata.Catalog;
import dev.coffer.metadata.ChunkPointer;
import dev.coffer.metadata.EventOrigin;
import dev.coffer.metadata.ObjectRecord;
import dev.coffer.metadata.ObjectVersion;
import dev.coffer.metadata.WriteCondition;
import dev.coffer.storage.ChunkId;
import dev.coffer.storage.ChunkReader;
import dev.coffer.storage.ChunkStore;
import dev.coffer.storage.DataKey;
import dev.coffer.storage.PowerLossOps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One node's real catalogue (RocksDB, WAL synced) and real chunk store, with the services that
 * join them, as a power cut finds them. Before the cut, every durability call of the chunk store
 * and every catalogue command counts toward the cut ({@link PowerLossOps}; a command is durable
 * once it returned, since its WAL record is synced — metadata's CatalogPowerLossTest shows that
 * part); after it, the store is opened as the next start opens it: tmp/ emptied, the orphan sweep
 * over every chunk, then the GC queue drained.
 */
final class PowerLossRig implements AutoCloseable {
    /** Small chunks, so that an object of a few hundred KiB is several. */
    static final int MAX_CHUNK = 64 * 1024;
    static final int INLINE = 32 * 1024;

    final Catalog catalog;
    final ChunkStore chunks;
    final BlockingIo io;
    final ObjectService objects;
    final MultipartService uploads;
    final BucketService buckets;
    final ChunkLeases leases = new ChunkLeases();

    private PowerLossRig(Path root, ChunkStore chunks) throws IOException {
        this.chunks = chunks;
        this.catalog = Catalog.open(root.resolve("catalog"), true);
        this.io = new BlockingIo(2);
        byte[] master = MasterKey.loadOrCreate(root.resolve("keys"));
        Encryption encryption = new Encryption(master, new LocalKeyRing(root.resolve("kms"), master, "us-east-1"),
                new SseProperties(false, false));
        this.objects = new ObjectService(io, catalog, chunks, leases, encryption);
        this.uploads = new MultipartService(io, catalog, chunks, leases, objects);
        this.buckets = new BucketService(io, catalog);
    }

    /** The node before the cut: the chunk store's calls and each catalogue command go through {@code ops}. */
    static PowerLossRig beforeTheCut(Path root, PowerLossOps ops) throws IOException {
        PowerLossRig rig = new PowerLossRig(root, ops.open(MAX_CHUNK));
        AtomicLong index = new AtomicLong(rig.catalog.replica().applied().index());
        // Each command is a durability point: cut before it, it never was; once it returns, it is synced.
        rig.catalog.appendCommandsTo(command -> {
            ops.point();
            return rig.catalog.replica().apply(command, new AppliedIndex(1, index.incrementAndGet()));
        });
        return rig;
    }

    /** The node at the next start: the orphan sweep at start, then GC of everything queued. */
    static PowerLossRig afterTheCut(Path root) throws IOException {
        PowerLossRig rig = new PowerLossRig(root, ChunkStore.open(root.resolve("chunks"), MAX_CHUNK));
        // every chunk is older than this start: the sweep may judge them all, as at a real start
        OrphanSweep sweep = new OrphanSweep(rig.catalog, rig.chunks, System.currentTimeMillis() + 1, Duration.ZERO,
                Duration.ofMinutes(1));
        while (sweep.step().more()) { }
        // a grace period in the past: every entry queued is due now, whatever the clock did
        ChunkGc gc = new ChunkGc(rig.catalog, rig.chunks, rig.leases, Duration.ofMinutes(-1), Duration.ofMinutes(1));
        while (gc.step().more()) { }
        return rig;
    }

    /** PutObject through the upload path (UploadSink, StagedWrites), sealed as {@code sse} asks. */
    ObjectVersion put(String bucket, String key, byte[] bytes, SseRequest sse) throws Exception {
        Encryption.Sealed sealed = objects.sealNow(bucket, sse);
        StoredBody body = receive(bytes, sealed == null ? null : sealed.key());
        ObjectRecord record = ObjectRecord.ofBody(body.size(), HexFormat.of().formatHex(body.md5()),
                System.currentTimeMillis(), Map.of(), Map.of(), Map.of(), body.inline(), ObjectService.pointers(body.chunks()));
        return objects.publishNow(bucket, key, SseAttribute.with(record, sealed), body, WriteCondition.NONE, EventOrigin.NONE);
    }

    /** A body received as the server receives one: pieces of 8 KiB, declared length, under {@code key}. */
    StoredBody receive(byte[] bytes, DataKey key) throws Exception {
        UploadSink sink = new UploadSink(chunks, objects.placement(), INLINE, bytes.length, S3ErrorCode.IncompleteBody,
                new PayloadDecoder.Plain(null), null, key);
        for (int at = 0; at < bytes.length; at += 8192) {
            int n = Math.min(8192, bytes.length - at);
            sink.accept(ByteBuffer.allocateDirect(n).put(bytes, at, n).flip());
        }
        return sink.finish();
    }

    /** The bytes of the key's current version; null when there is none or it is a delete marker. */
    byte[] current(String bucket, String key) throws IOException {
        Optional<ObjectVersion> latest = catalog.getBucket(bucket).isPresent()
                ? catalog.versions().latest(bucket, key) : Optional.empty();
        return latest.isEmpty() || latest.get().record().deleteMarker() ? null : bytesOf(latest.get().record());
    }

    /** The bytes of one version; null when it is absent. */
    byte[] version(String bucket, String key, String versionId) throws IOException {
        Optional<ObjectVersion> found = catalog.getBucket(bucket).isPresent()
                ? catalog.versions().find(bucket, key, versionId) : Optional.empty();
        return found.isEmpty() ? null : bytesOf(found.get().record());
    }

    /** Reads a version whole: every block of every chunk checked against its CRC, then decrypted. */
    byte[] bytesOf(ObjectRecord record) throws IOException {
        DataKey key = objects.openKey(record, null, Encryption.Use.READ);
        if (record.inline() != null) return key == null ? record.inline() : key.cryptInline(record.inline());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer block = ByteBuffer.allocate(64 * 1024);
        for (ChunkPointer pointer : record.chunks()) {
            try (ChunkReader reader = chunks.openReader(new ChunkId(pointer.chunkId()), key)) {
                for (long at = 0; at < pointer.length(); ) {
                    int n = reader.read(at, block.clear());
                    if (n <= 0) throw new IOException("chunk " + pointer.chunkId() + " ends at " + at);
                    out.write(block.array(), 0, n);
                    at += n;
                }
            }
        }
        return out.toByteArray();
    }

    /** Chunk files no record, part or GC entry names (after the start's sweep and GC: none may be left). */
    Set<String> unreferencedChunks() throws IOException {
        Set<String> onDisk = new HashSet<>();
        for (ChunkId id : chunks.listChunks()) onDisk.add(id.value());
        onDisk.removeAll(catalog.gc().referencedAmong(Set.copyOf(onDisk)));
        return onDisk;
    }

    @Override
    public void close() {
        io.close();
        catalog.close();
        chunks.close();
    }
}
