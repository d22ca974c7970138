package dev.coffer.api.service;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which chunks open downloads are reading, so the collector never deletes a chunk under a reader
 * (a superseded version stays readable to the GET that resolved it).
 */
public final class ChunkLeases {
    private final ConcurrentHashMap<String, AtomicInteger> held = new ConcurrentHashMap<>();

    public void acquire(Collection<String> chunkIds) {
        for (String id : chunkIds) held.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
    }

    public void release(Collection<String> chunkIds) {
        for (String id : chunkIds) {
            held.computeIfPresent(id, (k, count) -> count.decrementAndGet() == 0 ? null : count);
        }
    }

    public boolean isHeld(String chunkId) {
        return held.containsKey(chunkId);
    }
}
