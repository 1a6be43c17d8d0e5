package org.rehabtelemetry.protocol;

/**
 * Hard limits of the wire contract. Encoders refuse to produce, and decoders refuse to accept,
 * anything beyond them, so a receiver's memory per message is bounded.
 */
public final class Limits {
  /** The schema version this code speaks. A message with any other version is rejected. */
  public static final int SCHEMA_VERSION = 1;

  /** Maximum encoded message size in bytes (256 KiB); agents split larger sample batches. */
  public static final int MAX_MESSAGE_BYTES = 256 * 1024;

  /** Maximum number of channels in one sample batch. */
  public static final int MAX_CHANNELS_PER_BATCH = 64;

  /** Maximum number of samples in one sample batch, summed over all channels. */
  public static final int MAX_SAMPLES_PER_BATCH = 16_384;

  /** Maximum offset of a sample from the batch start, in microseconds (10 minutes). */
  public static final long MAX_OFFSET_US = 600_000_000L;

  /** Maximum length of free text (reasons, alarm messages), in characters. */
  public static final int MAX_TEXT_LENGTH = 500;

  /** Maximum number of entries in a settings, metrics or arguments map. */
  public static final int MAX_MAP_ENTRIES = 64;

  /**
   * Largest sequence number in a session: 999,999. A session numbers every message; the agent sends
   * at most 10 sample batches a second (its shortest batch interval is 100 ms) plus lifecycle
   * events and alarms, and a session lasts at most 24 hours (the agent ends one that would run out
   * of numbers), so 864,000 batches fit with room for events. A bound this size keeps what a
   * receiver tracks per session small whatever a device claims.
   */
  public static final long MAX_SEQ = 999_999;

  private Limits() {}
}
