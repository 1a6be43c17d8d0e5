package org.rehabtelemetry.runtime.files;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryLockTest {
  @TempDir Path dir;

  @Test
  void secondAcquire_isRefusedWithTheDirectoryAndPid_untilTheFirstIsClosed() throws Exception {
    try (DirectoryLock first = DirectoryLock.acquire(dir, "the device agent")) {
      DirectoryLock.LockedException refused =
          assertThrows(
              DirectoryLock.LockedException.class,
              () -> DirectoryLock.acquire(dir, "the device agent"));
      assertTrue(refused.getMessage().contains(dir.toAbsolutePath().toString()));
      assertTrue(refused.getMessage().contains(Long.toString(ProcessHandle.current().pid())));
      assertTrue(refused.getMessage().contains("Nothing was changed"));
    }
    DirectoryLock.acquire(dir, "the device agent").close();
  }
}
