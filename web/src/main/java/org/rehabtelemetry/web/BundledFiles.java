package org.rehabtelemetry.web;

import io.javalin.config.JavalinConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The browser files a web UI ships inside its jar (HTML, scripts, styles), read once into memory at
 * start and served from there as plain routes.
 *
 * <p>Why not Javalin's classpath static files: Jetty serves those by mounting the whole jar as a
 * zip file system, once per static directory. For the agent's shaded jar (about 7,000 entries) the
 * index alone held megabytes of heap for a handful of small files, and loaded some hundred classes
 * of Jetty's resource service and of {@code jdk.zipfs} (scripts/bench-agent, docs/device-agent.md).
 * Here the files are named, so a missing one fails the start with its name, and the bytes are the
 * files' own (a few tens of KiB).
 *
 * <p>Answers carry the security headers of {@link RequestGuard} (which also forbids caching), like
 * every other answer. Immutable and thread-safe.
 */
public final class BundledFiles {
  private static final java.util.regex.Pattern SAFE_NAME =
      java.util.regex.Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

  /** A file larger than this is a packaging mistake, not a UI file. */
  static final int MAX_FILE_BYTES = 1 << 20;

  private static final Map<String, String> TYPES =
      Map.of(
          "html", "text/html; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "svg", "image/svg+xml",
          "png", "image/png",
          "ico", "image/x-icon",
          "json", "application/json; charset=utf-8");

  private final Map<String, File> files;

  private BundledFiles(Map<String, File> files) {
    this.files = files;
  }

  /** One file: its media type and bytes (never changed after reading). */
  private static final class File {
    private final String contentType;
    private final byte[] bytes;

    File(String contentType, byte[] bytes) {
      this.contentType = contentType;
      this.bytes = bytes;
    }
  }

  /**
   * Reads {@code names} from the class path directory {@code directory} (for example {@code
   * "/ui"}). Blocks while reading (a few ms).
   *
   * @throws IllegalStateException naming the file, if one is missing, too large or of a type this
   *     class does not know
   * @throws IllegalArgumentException if a name is not a plain file name (it becomes a route path)
   */
  public static BundledFiles read(String directory, List<String> names) {
    Map<String, File> files = new LinkedHashMap<>();
    for (String name : names) {
      if (!SAFE_NAME.matcher(name).matches()) {
        // A name becomes a route path: "{x}", "<x>" or "*" would be a parameter or a wildcard.
        throw new IllegalArgumentException(
            "bundled file name " + name + ": use letters, digits, '.', '_' and '-' only");
      }
      String resource = directory + "/" + name;
      files.put(name, new File(contentType(resource), bytes(resource)));
    }
    return new BundledFiles(Map.copyOf(files));
  }

  /**
   * Declares a GET route for each file at {@code hostedPath + "/" + name} ({@code hostedPath} ""
   * for the root); call while configuring the server.
   */
  public void serve(JavalinConfig config, String hostedPath) {
    files.forEach((name, file) -> serve(config, hostedPath + "/" + name, file));
  }

  /** Also serves the file {@code name} at {@code path}, as a directory serves its index. */
  public void serveAt(JavalinConfig config, String path, String name) {
    File file = files.get(name);
    if (file == null) {
      throw new IllegalArgumentException(name + " is not one of " + files.keySet());
    }
    serve(config, path, file);
  }

  private static void serve(JavalinConfig config, String path, File file) {
    config.routes.get(path, ctx -> ctx.contentType(file.contentType).result(file.bytes));
  }

  private static String contentType(String resource) {
    String extension = resource.substring(resource.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    String type = TYPES.get(extension);
    if (type == null) {
      throw new IllegalStateException(
          "bundled file "
              + resource
              + ": unknown type ."
              + extension
              + "; known: "
              + TYPES.keySet());
    }
    return type;
  }

  private static byte[] bytes(String resource) {
    try (InputStream in = BundledFiles.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "bundled file " + resource + " is not on the class path (is the jar complete?)");
      }
      byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
      if (bytes.length > MAX_FILE_BYTES) {
        throw new IllegalStateException(
            "bundled file " + resource + " is larger than " + MAX_FILE_BYTES + " bytes");
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read bundled file " + resource, e);
    }
  }
}
