package org.rehabtelemetry.records.pdf;

import com.lowagie.text.DocumentException;
import com.lowagie.text.pdf.BaseFont;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The TrueType fonts reports embed, regular and bold. They must cover Cyrillic with the Kazakh
 * letters (ә, ғ, қ, ң, ө, ұ, ү, һ, і): DejaVu Sans does, and Debian installs it with {@code
 * fonts-dejavu-core}. Loaded once; thread-safe after construction.
 *
 * @param regular the regular face
 * @param bold the bold face
 */
public record ReportFonts(BaseFont regular, BaseFont bold) {
  public static final Path DEJAVU_SANS = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
  public static final Path DEJAVU_SANS_BOLD =
      Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf");

  /**
   * Loads two TrueType files. Blocks to read them.
   *
   * @throws IllegalArgumentException naming the file that is missing or not a font
   */
  public static ReportFonts load(Path regular, Path bold) {
    return new ReportFonts(font(regular), font(bold));
  }

  /** DejaVu Sans from Debian's {@code fonts-dejavu-core}. */
  public static ReportFonts dejaVu() {
    return load(DEJAVU_SANS, DEJAVU_SANS_BOLD);
  }

  private static BaseFont font(Path file) {
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException(
          "report font "
              + file
              + " is missing or unreadable (Debian: apt-get install fonts-dejavu-core)");
    }
    try {
      return BaseFont.createFont(file.toString(), BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
    } catch (DocumentException | IOException e) {
      throw new IllegalArgumentException(
          "report font " + file + " is not a usable TrueType font: " + e.getMessage(), e);
    }
  }
}
