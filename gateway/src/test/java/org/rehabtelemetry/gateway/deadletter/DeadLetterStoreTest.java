package org.rehabtelemetry.gateway.deadletter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rehabtelemetry.testsupport.MutableClock;

class DeadLetterStoreTest {
  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-01T10:00:00Z"));

  @Test
  void retention_deletesOldDayFiles_andCountsWhatItRemoved() throws Exception {
    DeadLetterStore store = new DeadLetterStore(dir, clock, 1 << 20, Duration.ofDays(7));
    for (int i = 0; i < 3; i++) {
      store.store("rehab/v1/ward-b/vert-01/samples", new byte[100], "invalid message: test");
    }
    clock.advance(Duration.ofDays(10));
    store.store("rehab/v1/ward-b/vert-01/samples", new byte[100], "invalid message: test");
    assertEquals(3, store.removedByRetention());
    assertEquals(1, files());
    assertEquals(4, store.count());
  }

  @Test
  void retention_keepsTheBytesBound_andTheSummaryCarriesNoPayload() throws Exception {
    DeadLetterStore store = new DeadLetterStore(dir, clock, 20_000, Duration.ofDays(365));
    for (int day = 0; day < 10; day++) {
      store.store("t", new byte[5_000], "refused by the database: HTTP 400");
      clock.advance(Duration.ofDays(1));
    }
    assertTrue(store.bytesOnDisk() <= 20_000 + 7_000, "bytes on disk " + store.bytesOnDisk());
    assertTrue(store.removedByRetention() >= 6);
    assertEquals(10L, store.byReason().get("refused by the database"));
    assertEquals(5_000, store.recent().get(0).bytes());
  }

  private long files() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.count();
    }
  }
}
