package io.drillbook.evidence.report;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfBoxRenderer;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import com.openhtmltopdf.util.XRLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.font.FontMappers;

/**
 * Renders the report's XHTML to PDF with openhtmltopdf (PDFBox; Batik for the inline SVG): a real layout engine,
 * no browser. The DejaVu fonts are embedded from the classpath, so every accented letter and symbol prints the same
 * on any machine, fonts installed or not. The renderer may load nothing from outside: the report is
 * self-contained, and evidence text must never make it fetch a URL.
 *
 * <p>The PDF carries the report's generation time as its dates and an ID derived from its content, so the same
 * report gives the same bytes (a bundle made twice from the same evidence at the same time is identical).
 */
final class ReportPdf {

  private static final String FONTS = "/io/drillbook/evidence/report/fonts/";

  static {
    // openhtmltopdf registers PDFBox's standard 14 fonts although the report draws only with its embedded ones,
    // and PDFBox would scan every font of the machine for stand-ins, writing a cache into the user's home.
    FontMappers.set(new EmbeddedFontMapper());
    XRLog.setLoggerImpl(new RendererLog());
  }

  private ReportPdf() {}

  static byte[] render(String xhtml, String title, ReportLanguage lang, Instant generatedAt) {
    PdfRendererBuilder builder = new PdfRendererBuilder()
        .useFastMode()
        .withHtmlContent(xhtml, null)
        .useSVGDrawer(new BatikSVGDrawer())
        .useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI)
        .useExternalResourceAccessControl((uri, type) -> false, ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI)
        .withProducer("drillbook");
    font(builder, "DejaVuSans.ttf", "DejaVu Sans", 400);
    font(builder, "DejaVuSans-Bold.ttf", "DejaVu Sans", 700);
    font(builder, "DejaVuSansMono.ttf", "DejaVu Sans Mono", 400);
    try (PdfBoxRenderer renderer = builder.buildPdfRenderer(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      PDDocument pdf = renderer.createPDFKeepOpen();
      try (pdf) {
        describe(pdf, xhtml, title, lang, generatedAt);
        pdf.save(out);
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render the drill report as PDF", e);
    }
  }

  private static void font(PdfRendererBuilder builder, String file, String family, int weight) {
    builder.useFont(() -> font(file), family, weight, FontStyle.NORMAL, true);
  }

  static InputStream font(String file) {
    InputStream in = ReportPdf.class.getResourceAsStream(FONTS + file);
    if (in == null) {
      throw new IllegalStateException("the font " + FONTS + file + " is missing from the classpath (a broken build)");
    }
    return in;
  }

  /** Title, language, fixed dates and a content-derived ID: what a PDF reader shows, and what makes it repeatable. */
  private static void describe(PDDocument pdf, String xhtml, String title, ReportLanguage lang, Instant generatedAt) {
    PDDocumentInformation info = pdf.getDocumentInformation();
    info.setTitle(title);
    info.setCreator("drillbook");
    Calendar time = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
    time.setTimeInMillis(generatedAt.toEpochMilli());
    info.setCreationDate(time);
    info.setModificationDate(time);
    pdf.getDocumentCatalog().setLanguage(lang.code());
    byte[] id = Arrays.copyOf(sha256(xhtml), 16);
    COSArray ids = new COSArray();
    ids.add(new COSString(id));
    ids.add(new COSString(id));
    pdf.getDocument().getTrailer().setItem(COSName.ID, ids);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
  }
}
