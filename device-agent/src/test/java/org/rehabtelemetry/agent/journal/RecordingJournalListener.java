package org.rehabtelemetry.agent.journal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records what the journal reports. Thread-safe. */
final class RecordingJournalListener implements JournalListener {
  final List<String> evictions = new CopyOnWriteArrayList<>();
  final List<String> failures = new CopyOnWriteArrayList<>();
  final List<String> damage = new CopyOnWriteArrayList<>();
  volatile int recoveries;

  @Override
  public void evicted(RecordClass lane, long firstId, long lastId, long unsent, String reason) {
    evictions.add(lane + " " + firstId + ".." + lastId + " unsent=" + unsent);
  }

  @Override
  public void writeFailed(String problem) {
    failures.add(problem);
  }

  @Override
  public void writeRecovered() {
    recoveries++;
  }

  @Override
  public void damaged(String problem) {
    damage.add(problem);
  }
}
