package dev.coffer.metadata;

/** The address of an object: bucket name and object key. */
record ObjectKey(String bucket, String key) {}
