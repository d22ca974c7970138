package dev.coffer.metadata;

/** One chunk of an object's bytes, in order: the chunk's id (as the storage engine names it) and length. */
public record ChunkPointer(String chunkId, long length) {}
