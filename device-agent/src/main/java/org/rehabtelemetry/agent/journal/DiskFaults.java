package org.rehabtelemetry.agent.journal;

import java.io.IOException;

/**
 * A test seam for disk failures: called before every write with its size, and before every fsync;
 * throwing there acts as the disk failing (e.g. "No space left on device"). Production uses {@link
 * #NONE}.
 */
@FunctionalInterface
public interface DiskFaults {
  DiskFaults NONE = bytes -> {};

  void beforeWrite(long bytes) throws IOException;

  default void beforeFsync() throws IOException {}
}
