import java.net.URI;
import java.nio.ByteBuffer;
import java.util.*;
import java.util.concurrent.*;
import software.amazon.awssdk.auth.credentials.*;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.*;

/**
 * The AWS SDK for Java v2 (sync client, Apache HTTP client, every default) uploading SIZE_MIB as
 * 16 MiB parts from 4 threads, then completing; prints MB/s per round. Used by scripts/bench-multipart.sh.
 * Usage: SdkMultipart endpoint rounds [size-MiB] [access-key] [secret-key]
 */
public class SdkMultipart {
    public static void main(String[] a) throws Exception {
        String endpoint = a[0]; int rounds = Integer.parseInt(a[1]); int sizeMib = a.length > 2 ? Integer.parseInt(a[2]) : 1024;
        String ak = a.length > 3 ? a[3] : "BENCHKEY", sk = a.length > 4 ? a[4] : "BENCHSECRET";
        S3Client s3 = S3Client.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ak, sk)))
            .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build()).build();
        try { s3.createBucket(b -> b.bucket("mpu")); } catch (S3Exception e) { } // already there from an earlier run
        int part = 16 << 20; int parts = (int) ((long) sizeMib * (1 << 20) / part);
        byte[] body = new byte[part]; new Random(1).nextBytes(body);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            String id = s3.createMultipartUpload(b -> b.bucket("mpu").key("big")).uploadId();
            List<Future<CompletedPart>> fs = new ArrayList<>();
            for (int i = 1; i <= parts; i++) {
                int n = i;
                fs.add(pool.submit(() -> CompletedPart.builder().partNumber(n).eTag(
                    s3.uploadPart(b -> b.bucket("mpu").key("big").uploadId(id).partNumber(n), RequestBody.fromBytes(body)).eTag()).build()));
            }
            List<CompletedPart> done = new ArrayList<>();
            for (Future<CompletedPart> f : fs) done.add(f.get());
            s3.completeMultipartUpload(b -> b.bucket("mpu").key("big").uploadId(id).multipartUpload(m -> m.parts(done)));
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("round %d: %.0f MB/s (%.1f s)%n", r, (double) parts * part / 1e6 / s, s);
        }
        pool.shutdown(); s3.close();
    }
}
