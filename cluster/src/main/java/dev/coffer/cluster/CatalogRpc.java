package dev.coffer.cluster;

import org.apache.ratis.conf.Parameters;
import org.apache.ratis.grpc.GrpcFactory;
import org.apache.ratis.grpc.server.GrpcLogAppender;
import org.apache.ratis.rpc.RpcFactory;
import org.apache.ratis.rpc.RpcType;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.leader.FollowerInfo;
import org.apache.ratis.server.leader.LeaderState;
import org.apache.ratis.server.leader.LogAppender;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.statemachine.SnapshotInfo;

/**
 * Ratis's gRPC transport, with one repair in the leader's log appender. Ratis names this class in
 * {@code raft.rpc.type} and makes it by reflection, so it needs its public no-argument constructor.
 *
 * <p>The repair (seen with Ratis 3.2.2, and unchanged on Ratis's main branch): a leader sends a
 * follower the snapshot only when the follower's next index lies <em>before</em> the start of the
 * leader's log. When it lies exactly <em>at</em> the start and the entry before it was purged
 * (and is not the snapshot's last entry), the appender cannot name the previous entry, fails
 * with "Previous TermIndex not found" and is never restarted: the follower hears nothing more
 * from that leader. A killed leader meets exactly this when it comes back: its log ends with its
 * term, the new leader's log starts a new segment with the new term, and once the new leader has
 * taken a snapshot and purged the old term's segment, the returning node's next index is the new
 * log's first. This appender sends the snapshot in that case too.
 */
public final class CatalogRpc implements RpcType {
    @Override
    public String name() {
        return CatalogRpc.class.getName();
    }

    @Override
    public RpcFactory newFactory(Parameters parameters) {
        return new Factory(parameters);
    }

    private static final class Factory extends GrpcFactory {
        Factory(Parameters parameters) {
            super(parameters);
        }

        @Override
        public LogAppender newLogAppender(RaftServer.Division server, LeaderState state, FollowerInfo follower) {
            return new Appender(server, state, follower);
        }
    }

    private static final class Appender extends GrpcLogAppender {
        Appender(RaftServer.Division server, LeaderState state, FollowerInfo follower) {
            super(server, state, follower);
        }

        @Override
        public SnapshotInfo shouldInstallSnapshot() {
            SnapshotInfo snapshot = super.shouldInstallSnapshot();
            if (snapshot != null) {
                return snapshot;
            }
            return previousPurged() ? getServer().getStateMachine().getLatestSnapshot() : null;
        }

        /** The follower needs entries whose predecessor only a snapshot past it still holds. */
        private boolean previousPurged() {
            FollowerInfo follower = getFollower();
            long next = follower.getNextIndex();
            RaftLog log = getRaftLog();
            if (next <= RaftLog.LEAST_VALID_LOG_INDEX || next >= log.getNextIndex()
                    || next == follower.getSnapshotIndex() + 1 || log.getTermIndex(next - 1) != null) {
                return false;
            }
            SnapshotInfo latest = getServer().getStateMachine().getLatestSnapshot();
            return latest != null && latest.getIndex() >= next;
        }
    }
}
