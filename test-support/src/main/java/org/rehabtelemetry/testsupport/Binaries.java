package org.rehabtelemetry.testsupport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds the programs the harness runs. Thread-safe; stateless. */
public final class Binaries {
  /** Where Debian puts daemons, which a non-root PATH often lacks. */
  private static final List<String> EXTRA_DIRS = List.of("/usr/sbin", "/usr/local/sbin", "/sbin");

  private Binaries() {}

  /**
   * Returns the absolute path of {@code name}, searching PATH and the sbin directories.
   *
   * @param debianPackage the Debian package that provides it, named in the error
   * @throws MissingBinaryException if it is not installed, naming {@code scripts/install-deps}
   */
  public static Path require(String name, String debianPackage) {
    List<String> dirs = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      dirs.addAll(List.of(path.split(File.pathSeparator)));
    }
    dirs.addAll(EXTRA_DIRS);
    for (String dir : dirs) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new MissingBinaryException(
        "'"
            + name
            + "' is not installed (searched PATH and "
            + String.join(", ", EXTRA_DIRS)
            + "). Run scripts/install-deps, which installs the Debian package '"
            + debianPackage
            + "'.");
  }
}
