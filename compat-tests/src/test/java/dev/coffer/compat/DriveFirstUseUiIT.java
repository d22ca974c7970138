package dev.coffer.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.coffer.compat.support.CofferServer;
import dev.coffer.compat.support.CofferServerExtension;
import dev.coffer.compat.support.NodeScripts;
import dev.coffer.compat.ui.BrowserTests;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKey;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * What a first-time user of Coffer Drive met, in a real headless Chromium: {@code
 * ui-tests/drive-first-use.e2e.mjs} signs in with the README's "user with a key for one bucket"
 * (its policy allows s3:* on one bucket, so ListBuckets is AccessDenied, and denies PutObject
 * under read-only/), opens that bucket by name and finds it as a link back on Buckets, sees an
 * upload into read-only/ fail with S3's AccessDenied and no Retry (one refused with SlowDown offers
 * Retry, which passes), sees a folder whose listing failed offer "Try
 * again" and list by itself once the browser is online again, and deletes from the bucket list a
 * versioned bucket whose only file was deleted (its version and delete marker go first). The
 * user and the buckets are made here; the deleted bucket is then checked gone with the AWS SDK.
 */
@ExtendWith(CofferServerExtension.class)
class DriveFirstUseUiIT {

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES) // a browser session, not one S3 call
    void aFirstTimeUserSignsInWithABucketKeyGetsPastAFailedListingAndDeletesAVersionedBucket(CofferServer server) throws Exception {
        BrowserTests.requireAvailable();
        String bucket = server.createBucket("first-use");
        server.s3().putObject(b -> b.bucket(bucket).key("docs/readme.txt"), RequestBody.fromString("read me"));
        String versioned = server.createBucket("first-use-versioned");
        server.s3().putBucketVersioning(b -> b.bucket(versioned).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        server.s3().putObject(b -> b.bucket(versioned).key("old.txt"), RequestBody.fromString("old"));
        server.s3().deleteObject(b -> b.bucket(versioned).key("old.txt"));
        String user = "one-bucket-" + Long.toHexString(System.nanoTime());
        AccessKey key;
        try (IamClient iam = server.newIamClient()) {
            iam.createUser(b -> b.userName(user));
            iam.putUserPolicy(b -> b.userName(user).policyName("one-bucket").policyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":"
                            + "[\"arn:aws:s3:::" + bucket + "\",\"arn:aws:s3:::" + bucket + "/*\"]},"
                            + "{\"Effect\":\"Deny\",\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::" + bucket + "/read-only/*\"}]}"));
            key = iam.createAccessKey(b -> b.userName(user)).accessKey();
        }

        NodeScripts.Result result = BrowserTests.run("drive-first-use.e2e.mjs", 160, server.driveUrl().toString(),
                CofferServer.ACCESS_KEY, CofferServer.SECRET_KEY, key.accessKeyId(), key.secretAccessKey(), bucket, versioned);
        assertThat(result.output()).as(result.output())
                .contains("ok - a key allowed one bucket but not ListBuckets signs in and opens that bucket by its name")
                .contains("ok - back on Buckets, that key finds the bucket it opened as a link")
                .contains("ok - an upload the server refuses says S3's code and message, and no percentage")
                .contains("ok - a refusal a retry cannot change offers no Retry, only removal; SlowDown offers Retry, which passes")
                .contains("ok - a wrong secret for that key is still refused at sign-in")
                .contains("ok - a folder that could not be listed offers Try again, which lists it")
                .contains("ok - a folder opened while the network is gone lists by itself when it is back")
                .contains("ok - deleting in a versioned bucket says the file can be restored, not that it cannot be undone")
                .contains("ok - a versioned bucket with no current files is deleted, its old versions and delete markers first")
                .contains("ok - a new bucket with the name of one already owned is refused in the dialog, not reported created")
                .contains("ok - Details pressed while the folder lists again after an upload opens the selected file")
                .contains("ok - Move here, in the folder the files are in, says that nothing was moved")
                .contains(" 0 failed")
                .doesNotContain("not ok");
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThatThrownBy(() -> server.s3().headBucket(b -> b.bucket(versioned)))
                .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.statusCode()).isEqualTo(404));
    }
}
