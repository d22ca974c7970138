package dev.coffer.metadata;

import java.util.List;

/**
 * One page of ListMultipartUploads, in key then initiation order.
 *
 * @param truncated true exactly when more entries follow
 * @param nextKeyMarker the last key or common prefix returned (null when empty)
 * @param nextUploadIdMarker the last upload id returned when the page ends with an upload, else null
 */
public record UploadListPage(List<UploadRecord> uploads, List<String> commonPrefixes, boolean truncated,
                             String nextKeyMarker, String nextUploadIdMarker) {}
