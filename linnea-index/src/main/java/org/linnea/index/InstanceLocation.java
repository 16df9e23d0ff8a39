package org.linnea.index;

import java.time.Instant;

/** Where an indexed instance's bytes are, with what identifies it; for retrieve and verify. */
public record InstanceLocation(
    long organisation,
    String studyUid,
    String seriesUid,
    String sopClassUid,
    String sopInstanceUid,
    String transferSyntax,
    String storeKey,
    long size,
    String sha256,
    long dataOffset,
    Instant receivedAt) {}
