package org.rehabtelemetry.agent.journal;

/** Which lane a record goes to, and so which is evicted first when the journal is full. */
public enum RecordClass {
  /** Session lifecycle events, alarms, summaries, status: evicted only when no samples are left. */
  EVENT,
  /** Sample batches: evicted first. */
  SAMPLES
}
