package dev.coffer.api.server;

/**
 * Marks a handler whose request carries its credentials in the body, not in headers or the query
 * (a browser POST's signed policy): the server skips header authentication for it, and the
 * handler authenticates before it stores anything. Its {@link S3Call#auth()} is null.
 */
public interface AuthenticatesItself {}
