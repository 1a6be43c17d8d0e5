package org.rehabtelemetry.agent.journal;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;

class DiskJournalContractTest extends JournalContract {
  @TempDir Path dir;

  @Override
  protected Journal journal(long maxBytes) {
    return DiskJournal.open(
        new JournalConfig(
            dir, 4096, Math.max(8192, maxBytes), Duration.ofDays(14), Duration.ofHours(1), 1 << 20),
        listener);
  }
}
