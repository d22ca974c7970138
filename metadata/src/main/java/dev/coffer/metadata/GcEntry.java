package dev.coffer.metadata;

/** A chunk queued for deletion because the version holding it was superseded or deleted. */
public record GcEntry(long sequence, long queuedMillis, String chunkId) {}
