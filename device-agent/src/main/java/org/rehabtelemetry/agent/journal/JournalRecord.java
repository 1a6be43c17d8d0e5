package org.rehabtelemetry.agent.journal;

import org.rehabtelemetry.protocol.MessageType;

/**
 * One record read back from the journal.
 *
 * @param id the journal-wide id, increasing by one per append
 * @param recordClass its lane
 * @param type the message type, which fixes its topic
 * @param payload the encoded message (not copied; do not modify)
 */
public record JournalRecord(long id, RecordClass recordClass, MessageType type, byte[] payload) {}
