package dev.coffer.metadata;

import java.util.List;

/** One page of ListParts, in part-number order; {@code truncated} when more parts follow. */
public record PartListPage(UploadRecord upload, List<PartRecord> parts, boolean truncated) {}
