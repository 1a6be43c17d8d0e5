package org.rehabtelemetry.agent.journal;

/**
 * A snapshot of the journal for status pages and metrics.
 *
 * @param lastId the last id appended
 * @param durableId the last id fsynced to disk
 * @param sentFrontier every id up to this one is acknowledged or evicted
 * @param unsentRecords records not yet acknowledged by the broker
 * @param diskBytes bytes in segment files, both lanes
 * @param segments segment files, both lanes
 * @param unwrittenRecords records waiting in memory because writing fails
 * @param evictedUnsent records evicted before they were sent, since start: data lost
 * @param writeFailures failed write attempts since start
 */
public record JournalStats(
    long lastId,
    long durableId,
    long sentFrontier,
    int unsentRecords,
    long diskBytes,
    int segments,
    int unwrittenRecords,
    long evictedUnsent,
    long writeFailures) {}
