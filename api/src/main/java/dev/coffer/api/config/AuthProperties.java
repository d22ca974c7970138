package dev.coffer.api.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of request authentication ({@code coffer.auth.*}).
 *
 * @param sigv2Enabled accept legacy Signature V2 (header, presigned URL, POST policy); false answers
 *     every SigV2 request InvalidRequest, as S3 does in a region that accepts only SigV4
 */
@ConfigurationProperties("coffer.auth")
public record AuthProperties(@DefaultValue("true") boolean sigv2Enabled) {}
