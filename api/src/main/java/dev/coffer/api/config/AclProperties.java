package dev.coffer.api.config;

import dev.coffer.api.acl.ObjectOwnership;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code coffer.acl.*}. {@code default-object-ownership} is the Object Ownership a new bucket gets
 * when CreateBucket sends no {@code x-amz-object-ownership}: BucketOwnerEnforced (ACLs disabled),
 * as AWS does since April 2023; operators whose tools set ACLs on buckets they create (s3cmd
 * {@code --acl-public}, {@code aws s3 cp --acl public-read} into a new bucket, rclone's {@code acl})
 * can choose ObjectWriter or BucketOwnerPreferred (docs/acl.md).
 */
@ConfigurationProperties("coffer.acl")
public record AclProperties(@DefaultValue("BucketOwnerEnforced") ObjectOwnership defaultObjectOwnership) {}
