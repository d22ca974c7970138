package dev.coffer.metadata;

/** The address of a part: its upload's id and its number. */
record PartKey(String uploadId, int partNumber) {}
