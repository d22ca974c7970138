package dev.coffer.api.config;

import dev.coffer.api.policy.PublicAccessBlock;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The server-wide Block Public Access settings ({@code coffer.public-access-block.*}), applied to
 * every bucket on top of its own, as an AWS account's settings are: the most restrictive wins.
 * All false by default, as for a new AWS account before 2023.
 */
@ConfigurationProperties("coffer.public-access-block")
public record PublicAccessProperties(@DefaultValue("false") boolean blockPublicAcls,
                                     @DefaultValue("false") boolean ignorePublicAcls,
                                     @DefaultValue("false") boolean blockPublicPolicy,
                                     @DefaultValue("false") boolean restrictPublicBuckets) {
    PublicAccessBlock settings() {
        return new PublicAccessBlock(blockPublicAcls, ignorePublicAcls, blockPublicPolicy, restrictPublicBuckets);
    }
}
