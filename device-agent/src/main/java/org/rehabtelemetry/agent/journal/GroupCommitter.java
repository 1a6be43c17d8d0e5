package org.rehabtelemetry.agent.journal;

import java.time.Duration;
import org.rehabtelemetry.runtime.threads.FailFast;
import org.rehabtelemetry.runtime.threads.Termination;

/**
 * The {@code journal-commit} thread: one commit per interval (group commit, so an SD card sees one
 * fsync per interval however many records were appended). A commit that throws ends the process
 * ({@link FailFast}): unsynced records are then recovered from disk or re-sent, never hidden.
 */
final class GroupCommitter {
  private final Thread thread;
  private volatile boolean running = true;

  private GroupCommitter(Duration interval, Runnable commit) {
    thread =
        FailFast.start(
            "journal-commit",
            () -> {
              while (running) {
                try {
                  Thread.sleep(interval.toMillis());
                } catch (InterruptedException e) {
                  return;
                }
                commit.run();
              }
            });
  }

  static GroupCommitter start(Duration interval, Runnable commit) {
    return new GroupCommitter(interval, commit);
  }

  /** Stops the thread; blocks up to 5 s for a commit under way. */
  void stop() {
    running = false;
    Termination.join(thread, 5_000);
  }
}
