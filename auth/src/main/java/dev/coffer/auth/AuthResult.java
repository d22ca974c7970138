package dev.coffer.auth;

/** A request whose signature checked out: who made it and how its body is protected. */
public record AuthResult(String accessKeyId, PayloadMode payload) {}
