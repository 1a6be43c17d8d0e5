/**
 * The store-and-forward journal: every record is on disk before it is published and is deleted only
 * after the broker acknowledged it. See {@link org.rehabtelemetry.agent.journal.SegmentedJournal}.
 */
package org.rehabtelemetry.agent.journal;
