package org.rehabtelemetry.records.pdf;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfName;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfString;
import com.lowagie.text.pdf.PdfTemplate;
import com.lowagie.text.pdf.PdfWriter;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.jfree.chart.JFreeChart;

/**
 * One PDF being written: A4 pages, the report fonts, and the few building blocks every report uses
 * (title, heading, text, label–value pairs, tables, charts). Not thread-safe: one per report.
 */
final class PdfPages {
  private static final Color MUTED = new Color(0x555555);
  private static final Color HEADER_FILL = new Color(0xeef2f8);

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final Document document;
  private final PdfWriter writer;
  private final ReportFonts fonts;
  private final float scale;

  /**
   * @param title the document's title (its metadata)
   * @param language the document's language code
   * @param scale 1 for reports; larger for the parent summary's big type
   */
  PdfPages(ReportFonts fonts, String title, String language, float scale) {
    this.fonts = fonts;
    this.scale = scale;
    this.document = new Document(PageSize.A4, 42, 42, 42, 42);
    this.writer = PdfWriter.getInstance(document, out);
    document.addTitle(title);
    writer.getExtraCatalog().put(PdfName.LANG, new PdfString(language));
    document.addCreator("rehab-telemetry");
    document.open();
  }

  private Font font(float size, boolean bold, Color colour) {
    Font font = new Font(bold ? fonts.bold() : fonts.regular(), size * scale);
    font.setColor(colour);
    return font;
  }

  void title(String text) {
    add(paragraph(text, font(18, true, Color.BLACK), 0, 6));
  }

  void heading(String text) {
    add(paragraph(text, font(13, true, Color.BLACK), 10, 4));
  }

  void text(String text) {
    add(paragraph(text, font(10, false, Color.BLACK), 0, 4));
  }

  void note(String text) {
    add(paragraph(text, font(8, false, MUTED), 8, 0));
  }

  /** Label–value pairs in two columns, labels muted. */
  void pairs(List<String[]> pairs) {
    PdfPTable table = new PdfPTable(new float[] {3, 4});
    table.setWidthPercentage(100);
    for (String[] pair : pairs) {
      table.addCell(cell(pair[0], font(10, false, MUTED), null));
      table.addCell(cell(pair[1], font(10, false, Color.BLACK), null));
    }
    add(table);
  }

  /** A table with a shaded header row; numbers right-aligned where {@code numeric[i]}. */
  void table(List<String> header, List<List<String>> rows, float[] widths, boolean[] numeric) {
    PdfPTable table = new PdfPTable(widths);
    table.setWidthPercentage(100);
    table.setHeaderRows(1);
    table.setSpacingBefore(2);
    for (String column : header) {
      table.addCell(cell(column, font(9, true, Color.BLACK), HEADER_FILL));
    }
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        PdfPCell cell = cell(row.get(i), font(9, false, Color.BLACK), null);
        if (numeric[i]) {
          cell.setHorizontalAlignment(Element.ALIGN_RIGHT);
        }
        table.addCell(cell);
      }
    }
    add(table);
  }

  /** A chart drawn as vector graphics, the page's width and {@code height} points tall. */
  void chart(JFreeChart chart, float height) {
    float width = document.right() - document.left();
    PdfTemplate template = writer.getDirectContent().createTemplate(width, height);
    Graphics2D graphics = template.createGraphicsShapes(width, height);
    try {
      chart.draw(graphics, new Rectangle2D.Double(0, 0, width, height));
    } finally {
      graphics.dispose();
    }
    try {
      Image image = Image.getInstance(template);
      image.setSpacingBefore(4);
      image.setSpacingAfter(4);
      document.add(image);
    } catch (DocumentException e) {
      throw new IllegalStateException("could not place a chart: " + e.getMessage(), e);
    }
  }

  void newPage() {
    document.newPage();
  }

  /** Closes the document and returns its bytes. */
  byte[] finish() {
    document.close();
    return out.toByteArray();
  }

  private static Paragraph paragraph(String text, Font font, float before, float after) {
    Paragraph paragraph = new Paragraph(text, font);
    paragraph.setSpacingBefore(before);
    paragraph.setSpacingAfter(after);
    return paragraph;
  }

  private static PdfPCell cell(String text, Font font, Color fill) {
    PdfPCell cell = new PdfPCell(new Phrase(text, font));
    cell.setPadding(3);
    cell.setBorderColor(new Color(0xcccccc));
    if (fill != null) {
      cell.setBackgroundColor(fill);
    }
    return cell;
  }

  private void add(Element element) {
    try {
      document.add(element);
    } catch (DocumentException e) {
      throw new IllegalStateException("could not lay out the report: " + e.getMessage(), e);
    }
  }
}
