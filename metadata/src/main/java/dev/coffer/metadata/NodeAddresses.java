package dev.coffer.metadata;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.rocksdb.WriteBatch;

/**
 * Where each cluster node's chunk port (its chunk transfer endpoint) answers, as the node itself
 * announced it once it was a member (kind 72), so that nodes started before it learn it: the
 * {@code node-addresses} table, key = node id, value format 1 {@code 0x01 | bytes address
 * (host:port, UTF-8)}. Written only by {@link CatalogCommand.SetNodeAddress}.
 */
public final class NodeAddresses {
    static final TableDef<String, byte[]> TABLE = new TableDef<>("node-addresses", JobStates.NAME, JobStates.CURSOR, true);

    private final TypedTable<String, byte[]> table;
    private final CommandRunner runner;
    private final Runnable openCheck;

    NodeAddresses(RocksStore store, CommandRunner runner, Runnable openCheck) {
        this.table = store.table(TABLE);
        this.runner = runner;
        this.openCheck = openCheck;
    }

    /** The address {@code node} announced, if it did. */
    public Optional<String> of(String node) {
        openCheck.run();
        return table.get(node).map(b -> new String(b, StandardCharsets.UTF_8));
    }

    /** Every announced address, by node id. */
    public Map<String, String> all() {
        openCheck.run();
        Map<String, String> out = new TreeMap<>();
        try (TableScan<String, byte[]> scan = table.scan().seekToFirst()) {
            for (; scan.valid(); scan.next()) out.put(scan.key(), new String(scan.value(), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Sets ({@code address} not null) or removes a node's address; a command of its own (kind 72). */
    public void set(String node, String address) {
        openCheck.run();
        runner.submit(new CatalogCommand.SetNodeAddress(runner.choose(), Objects.requireNonNull(node, "node"), address));
    }

    /** Into the applying command's batch. */
    static void apply(TypedTable<String, byte[]> table, WriteBatch batch, String node, String address) {
        if (address == null) table.delete(batch, node); else table.put(batch, node, address.getBytes(StandardCharsets.UTF_8));
    }
}
