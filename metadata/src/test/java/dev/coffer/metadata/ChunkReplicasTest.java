package dev.coffer.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replica sets changed after a chunk was written (kind 71), and the walk over every chunk pointer. */
class ChunkReplicasTest {
    @TempDir
    Path dir;

    private static ObjectRecord on(String etag, String chunkId, String... nodes) {
        return ObjectRecord.ofBody(10, etag, 1_000L, java.util.Map.of(), java.util.Map.of(), java.util.Map.of(), null,
                List.of(new ChunkPointer(chunkId, 10, List.of(nodes))));
    }

    @Test
    void aNewSetReplacesThePointersOnlyIfTheSetIsStillTheOneReadAndGoesWithTheCollectedChunk() {
        try (Catalog catalog = Catalog.open(dir, true)) {
            catalog.createBucket(Records.bucket("b"));
            catalog.putObject("b", "k", on("e1", "c1", "n1", "n2"), WriteCondition.NONE);
            ChunkPointer c1 = catalog.getObject("b", "k").orElseThrow().chunks().get(0);
            ChunkReplicas replicas = catalog.chunkReplicas();
            assertEquals(List.of("n1", "n2"), replicas.of(c1));

            replicas.set("c1", List.of("n1", "n2"), List.of("n1", "n2", "n3"));
            assertEquals(List.of("n1", "n2", "n3"), replicas.of(c1));
            List<String> before = catalog.dump();
            assertThrows(ReplicasChanged.class, () -> replicas.set("c1", List.of("n1", "n2"), List.of("n2")),
                    "proposed against a set that is no longer the chunk's");
            assertEquals(before, catalog.dump(), "a refused change writes nothing");
            replicas.set("c1", List.of("n1", "n2", "n3"), List.of("n2", "n3"));
            assertEquals(List.of("n2", "n3"), replicas.of(c1));

            catalog.putObject("b", "k", on("e2", "c2", "n1"), WriteCondition.NONE);
            catalog.gc().complete(catalog.gc().pending(Long.MAX_VALUE, 10));
            assertEquals(List.of("n1", "n2"), replicas.of(c1), "the collected chunk's row is gone with it");
        }
    }

    @Test
    void theWalkMeetsEveryChunkOfObjectsVersionsAndPartsOncePageByPageWithTheSetsNow() {
        try (Catalog catalog = Catalog.open(dir, true)) {
            catalog.createBucket(Records.bucket("b"));
            catalog.versions().setVersioning("b", Versioning.ENABLED);
            for (int i = 0; i < 5; i++) {
                catalog.putObject("b", "k" + (i % 3), on("e" + i, "c" + i, "n1"), WriteCondition.NONE);
            }
            catalog.chunkReplicas().set("c4", List.of("n1"), List.of("n1", "n2"));
            List<String> seen = new ArrayList<>();
            byte[] cursor = null;
            int pages = 0;
            do {
                ChunkReplicas.Page page = catalog.chunkReplicas().page(cursor, 2);
                page.chunks().forEach(c -> seen.add(c.chunkId() + "@" + String.join("+", c.replicas())));
                cursor = page.next();
                pages++;
            } while (cursor != null && pages < 20);
            assertNull(cursor);
            assertEquals(List.of("c0@n1", "c1@n1", "c2@n1", "c3@n1", "c4@n1+n2"), seen.stream().sorted().toList());
        }
    }
}
