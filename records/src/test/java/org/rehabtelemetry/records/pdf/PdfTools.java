package org.rehabtelemetry.records.pdf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * Poppler's command-line tools (Debian {@code poppler-utils}, from {@code scripts/install-deps}): a
 * PDF's text as a reader's tool extracts it, and a page rendered to pixels.
 */
final class PdfTools {
  private PdfTools() {}

  /**
   * The document's text in reading layout (table rows stay rows), whitespace runs made one space.
   */
  static String text(Path pdf) throws IOException, InterruptedException {
    Path out = pdf.resolveSibling(pdf.getFileName() + ".txt");
    run("pdftotext", "-layout", "-enc", "UTF-8", pdf.toString(), out.toString());
    return Files.readString(out, StandardCharsets.UTF_8).replaceAll("\\s+", " ");
  }

  /** Page {@code page} at {@code dpi}. */
  static BufferedImage page(Path pdf, int page, int dpi) throws IOException, InterruptedException {
    Path prefix = pdf.resolveSibling(pdf.getFileName() + "-page");
    run(
        "pdftoppm",
        "-png",
        "-r",
        String.valueOf(dpi),
        "-f",
        String.valueOf(page),
        "-l",
        String.valueOf(page),
        "-singlefile",
        pdf.toString(),
        prefix.toString());
    return ImageIO.read(prefix.resolveSibling(prefix.getFileName() + ".png").toFile());
  }

  /** Pages in the document, from {@code pdfinfo}. */
  static int pages(Path pdf) throws IOException, InterruptedException {
    Path out = pdf.resolveSibling(pdf.getFileName() + ".info");
    ProcessBuilder builder =
        new ProcessBuilder("pdfinfo", pdf.toString()).redirectOutput(out.toFile());
    finish(builder);
    for (String line : Files.readAllLines(out)) {
      if (line.startsWith("Pages:")) {
        return Integer.parseInt(line.substring(6).trim());
      }
    }
    throw new AssertionError("pdfinfo printed no page count for " + pdf);
  }

  /** The share of pixels that are not near-white: 0 for a blank page. */
  static double inkShare(BufferedImage image) {
    long ink = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y);
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        if (r + g + b < 600) {
          ink++;
        }
      }
    }
    return ink / (double) ((long) image.getWidth() * image.getHeight());
  }

  private static void run(String... command) throws IOException, InterruptedException {
    finish(
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD));
  }

  private static void finish(ProcessBuilder builder) throws IOException, InterruptedException {
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new IOException(
          builder.command().get(0) + " is missing: run scripts/install-deps (poppler-utils)", e);
    }
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(builder.command() + " took over 30 s");
    }
    assertEquals(0, process.exitValue(), builder.command() + " failed");
  }
}
