package dev.coffer.api.handler;

import dev.coffer.api.xml.ListBucketResultV2;
import dev.coffer.api.xml.S3Xml;
import dev.coffer.metadata.Catalog;
import dev.coffer.metadata.ListPage;
import dev.coffer.metadata.ListQuery;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What one ListObjectsV2 page of 1,000 keys costs the server's thread, split in two: the
 * catalogue's page (scan and decode) and the document (entries and XML), in CPU time and bytes
 * allocated by the calling thread, which the machine's load does not inflate as it does wall
 * time. Not a test; run by hand (docs/benchmarks.md, "Listing, second pass") on the catalogue that
 * scripts/bench-listing-ab.sh fills (FILLED=dir):
 * {@code java -cp <the jar's BOOT-INF/classes and lib, api/target/test-classes> dev.coffer.api.handler.ListingPageCost DATA_DIR WALKS [url]}.
 * Each walk reads the whole bucket page by page; the figures are each walk's medians per page.
 * With {@code url} the pages are written as encoding-type=url asks, as the AWS SDKs and boto3 ask
 * for every page.
 */
public final class ListingPageCost {
    private ListingPageCost() {}

    public static void main(String[] args) {
        Path data = Path.of(args[0]);
        int walks = Integer.parseInt(args[1]);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        S3Xml xml = new S3Xml();
        ListingParams params = new ListingParams(null, null, 1000, args.length > 2 && args[2].equals("url"));
        try (Catalog catalog = Catalog.open(data.resolve("catalog"), false)) {
            for (int walk = 1; walk <= walks; walk++) {
                long[] scan = new long[2000], doc = new long[2000], scanBytes = new long[2000], docBytes = new long[2000];
                int pages = 0;
                long size = 0;
                String after = null;
                do {
                    long c0 = threads.getCurrentThreadCpuTime(), a0 = threads.getCurrentThreadAllocatedBytes();
                    ListPage page = catalog.list(new ListQuery("bench", null, null, after, 1000));
                    long c1 = threads.getCurrentThreadCpuTime(), a1 = threads.getCurrentThreadAllocatedBytes();
                    java.nio.ByteBuffer document = xml.render(new ListBucketResultV2("bench", null, null,
                            ListObjectsHandlers.nextToken(page), null, page.objects().size(), 1000, null, params.encodingType(),
                            ListObjectsHandlers.truncated(page), ListObjectsHandlers.contents(page, params, null),
                            ListObjectsHandlers.prefixes(page, params)));
                    long c2 = threads.getCurrentThreadCpuTime(), a2 = threads.getCurrentThreadAllocatedBytes();
                    scan[pages] = c1 - c0;
                    doc[pages] = c2 - c1;
                    scanBytes[pages] = a1 - a0;
                    docBytes[pages] = a2 - a1;
                    size += document.remaining();
                    pages++;
                    after = ListObjectsHandlers.truncated(page) ? page.lastEntry() : null;
                } while (after != null);
                System.out.printf("walk %d: %d pages, per page median: catalogue %.0f us %.0f KB, document %.0f us %.0f KB"
                                + " (%d bytes)%n", walk, pages, median(scan, pages) / 1e3, median(scanBytes, pages) / 1e3,
                        median(doc, pages) / 1e3, median(docBytes, pages) / 1e3, size / pages);
            }
        }
    }

    private static double median(long[] values, int n) {
        long[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        return sorted[n / 2];
    }
}
