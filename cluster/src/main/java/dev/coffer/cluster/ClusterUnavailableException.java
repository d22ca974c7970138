package dev.coffer.cluster;

import dev.coffer.metadata.MetadataException;

/**
 * A change or a read barrier this node could not get through the cluster: no leader reachable,
 * no quorum, or no commit in time. The change may still be committed later (as with any request
 * whose answer was lost); nothing was acknowledged.
 */
public final class ClusterUnavailableException extends MetadataException {
    public ClusterUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
