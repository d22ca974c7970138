package dev.coffer.auth;

/**
 * What chunk signatures chain from: the signing key, the request's timestamp and credential
 * scope, and the seed signature (the signature of the request headers).
 */
public record StreamingContext(byte[] signingKey, String amzDate, String scope, String seedSignature) {}
