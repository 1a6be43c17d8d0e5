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
// The payload is the raw encoded message, read from disk and published as is without a copy.
// Records are never printed, and equals (used only to remove the very same instance from the
// unwritten buffer; ids are unique) may compare the payload by identity.
@SuppressWarnings("ArrayRecordComponent")
public record JournalRecord(long id, RecordClass recordClass, MessageType type, byte[] payload) {}
