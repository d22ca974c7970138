package dev.coffer.cluster;

import dev.coffer.metadata.AppliedIndex;
import dev.coffer.metadata.CatalogReplica;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RaftConfigurationProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.MD5FileUtil;
import org.apache.ratis.util.ProtoUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The catalogue as a Ratis state machine (after Apache Ozone's {@code OzoneManagerStateMachine}):
 * each log entry is a {@link Proposal} holding one encoded catalogue command, applied to the local
 * RocksDB in log order by {@link CatalogReplica}, which records the entry's term and index in the
 * same batch. A replay after a restart skips the entries the catalogue already holds.
 *
 * <p>Snapshots are RocksDB checkpoints packed into one file ({@link CheckpointArchive}) named as
 * {@link SimpleStateMachineStorage} expects; Ratis ships the latest to a member whose log is too
 * far behind (a new member, or one that was down past a log purge), and {@link #reinitialize}
 * loads it. Reads never come here: a node reads its own RocksDB after a ReadIndex barrier
 * ({@link #query} answers the barrier).
 */
final class CatalogStateMachine extends BaseStateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogStateMachine.class);

    private final CatalogReplica replica;
    private final long self;
    private final ProposalSeal seal;
    private final Path work;
    private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
    private final Map<Long, CompletableFuture<Object>> waiting = new ConcurrentHashMap<>();

    /**
     * @param self this process's proposer tag ({@link Proposal#proposer()})
     * @param seal how members seal their entries; the leader refuses any other
     * @param work a directory for checkpoints being made or unpacked
     */
    CatalogStateMachine(CatalogReplica replica, long self, ProposalSeal seal, Path work) {
        this.replica = replica;
        this.self = self;
        this.seal = seal;
        this.work = work;
    }

    /** Told every membership the log commits (also while it replays), so clients can follow it. */
    private volatile Consumer<List<RaftPeer>> onMembers = peers -> { };

    void onMembers(Consumer<List<RaftPeer>> listener) {
        this.onMembers = listener;
    }

    @Override
    public void notifyConfigurationChanged(long term, long index, RaftConfigurationProto newConf) {
        onMembers.accept(ProtoUtils.toRaftPeers(newConf.getPeersList()));
    }

    /** The result of this node's own apply of its proposal {@code number}, once applied. */
    CompletableFuture<Object> awaitApplied(long number) {
        return waiting.computeIfAbsent(number, n -> new CompletableFuture<>());
    }

    void forget(long number) {
        waiting.remove(number);
    }

    @Override
    public void initialize(RaftServer server, RaftGroupId group, RaftStorage raftStorage) throws IOException {
        super.initialize(server, group, raftStorage);
        storage.init(raftStorage);
        getLifeCycle().startAndTransition(() -> loadIfBehind(storage.getLatestSnapshot()));
    }

    @Override
    public SimpleStateMachineStorage getStateMachineStorage() {
        return storage;
    }

    @Override
    public void pause() {
        getLifeCycle().transition(LifeCycle.State.PAUSING);
        getLifeCycle().transition(LifeCycle.State.PAUSED);
    }

    /** After Ratis installed a snapshot from the leader: load it into the live catalogue. */
    @Override
    public void reinitialize() throws IOException {
        loadIfBehind(storage.loadLatestSnapshot());
        if (getLifeCycleState() == LifeCycle.State.PAUSED) {
            getLifeCycle().transition(LifeCycle.State.STARTING);
            getLifeCycle().transition(LifeCycle.State.RUNNING);
        }
    }

    /**
     * Loads the snapshot into the catalogue when the catalogue holds less than it (a member that
     * received it from the leader); a catalogue already past it keeps its rows. Either way Ratis
     * replays the log from the snapshot on, and {@link #applyTransaction} skips what is held.
     */
    private void loadIfBehind(SingleFileSnapshotInfo snapshot) throws IOException {
        if (snapshot == null) {
            return;
        }
        TermIndex at = snapshot.getTermIndex();
        if (replica.applied().index() < at.getIndex()) {
            Path unpacked = work.resolve("install-" + at.getTerm() + "_" + at.getIndex());
            CheckpointArchive.deleteRecursively(unpacked);
            try {
                CheckpointArchive.unpack(snapshot.getFile().getPath(), unpacked);
                replica.install(unpacked);
            } finally {
                CheckpointArchive.deleteRecursively(unpacked);
            }
            LOG.info("installed the catalogue snapshot at {}", at);
        }
        setLastAppliedTermIndex(at);
    }

    /**
     * On the leader, before a client's entry goes into the log: anyone who reaches the Raft port
     * may send one, so an entry no member sealed is refused here (the client is answered a
     * StateMachineException) and no replica ever applies it.
     */
    @Override
    public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
        if (!Proposal.sealed(request.getMessage().getContent().asReadOnlyByteBuffer(), seal)) {
            LOG.warn("refused a log entry no member sealed, from client {}", request.getClientId());
            return TransactionContext.newBuilder().setStateMachine(this).setClientRequest(request).build()
                    .setException(new IOException("refused: not a log entry sealed by a member of this cluster"));
        }
        return super.startTransaction(request);
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        AppliedIndex at = new AppliedIndex(entry.getTerm(), entry.getIndex());
        Proposal proposal = Proposal.decode(entry.getStateMachineLogEntry().getLogData().asReadOnlyByteBuffer());
        CompletableFuture<Object> waiter = proposal.proposer() == self ? waiting.remove(proposal.number()) : null;
        if (at.index() <= replica.applied().index()) { // a replay of what the catalogue already holds
            updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
            return CompletableFuture.completedFuture(Message.EMPTY);
        }
        Message reply;
        try {
            Object result = replica.apply(proposal.command(), at);
            if (waiter != null) waiter.complete(result);
            reply = Message.valueOf("applied");
        } catch (RuntimeException e) {
            // A refusal (or a command this build cannot read): the same on every replica, recorded.
            if (waiter != null) waiter.completeExceptionally(e);
            reply = Message.valueOf("refused");
        }
        updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
        return CompletableFuture.completedFuture(reply);
    }

    /** The ReadIndex barrier: Ratis calls this once this node has applied up to the read index. */
    @Override
    public CompletableFuture<Message> query(Message request) {
        return CompletableFuture.completedFuture(Message.EMPTY);
    }

    /**
     * A checkpoint of the catalogue as of the last applied entry (Ratis calls this between
     * applies, so the two agree), packed into the snapshot file; Ratis then purges the log before
     * it and keeps the newest snapshots only.
     */
    @Override
    public long takeSnapshot() throws IOException {
        TermIndex last = getLastAppliedTermIndex();
        if (last == null || last.getIndex() < 0) {
            return -1;
        }
        File file = storage.getSnapshotFile(last.getTerm(), last.getIndex());
        if (!file.exists()) {
            Path checkpoint = work.resolve("checkpoint-" + last.getTerm() + "_" + last.getIndex());
            CheckpointArchive.deleteRecursively(checkpoint);
            Files.createDirectories(work);
            try {
                replica.checkpoint(checkpoint);
                CheckpointArchive.pack(checkpoint, file.toPath());
            } finally {
                CheckpointArchive.deleteRecursively(checkpoint);
            }
        }
        FileInfo info = new FileInfo(file.toPath(), MD5FileUtil.computeAndSaveMd5ForFile(file));
        storage.updateLatestSnapshot(new SingleFileSnapshotInfo(info, last));
        LOG.info("took a catalogue snapshot at {}", last);
        return last.getIndex();
    }
}
