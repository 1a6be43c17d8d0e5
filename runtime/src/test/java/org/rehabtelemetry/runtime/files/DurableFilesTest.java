package org.rehabtelemetry.runtime.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurableFilesTest {
  @TempDir Path dir;

  @Test
  void replace_writesTheNewContentAndLeavesNoTempFile() throws Exception {
    Path target = dir.resolve("state");
    DurableFiles.replace(target, "one".getBytes(StandardCharsets.US_ASCII));
    DurableFiles.replace(target, "two".getBytes(StandardCharsets.US_ASCII));
    assertArrayEquals("two".getBytes(StandardCharsets.US_ASCII), Files.readAllBytes(target));
    assertFalse(Files.exists(dir.resolve("state.tmp")));
  }

  @Test
  void createDirectories_createsEveryMissingLevel_andDeleteRemovesAFile() throws Exception {
    Path deep = dir.resolve("a/b/c");
    DurableFiles.createDirectories(deep);
    assertTrue(Files.isDirectory(deep));
    Path file = deep.resolve("f");
    Files.writeString(file, "x");
    assertTrue(DurableFiles.delete(file));
    assertFalse(DurableFiles.delete(file));
  }

  @Test
  void fsyncDirectory_worksOnLinux() throws Exception {
    DurableFiles.fsyncDirectory(dir);
    assertTrue(DurableFiles.directorySyncSupported(), "directory fsync is expected on Linux");
  }
}
