package io.drillbook.evidence.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.fontbox.FontBoxFont;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.font.CIDFontMapping;
import org.apache.pdfbox.pdmodel.font.FontMapper;
import org.apache.pdfbox.pdmodel.font.FontMapping;
import org.apache.pdfbox.pdmodel.font.PDCIDSystemInfo;
import org.apache.pdfbox.pdmodel.font.PDFontDescriptor;

/**
 * PDFBox's substitute for fonts a PDF names without embedding them: always the embedded DejaVu Sans, instead of
 * the default mapper's scan of the machine's fonts (see {@link ReportPdf}). Reports embed every font they draw
 * with, so a substitute is only ever asked for, never drawn; it is loaded on that first request.
 */
final class EmbeddedFontMapper implements FontMapper {

  private TrueTypeFont substitute;

  @Override
  public FontMapping<TrueTypeFont> getTrueTypeFont(String baseFont, PDFontDescriptor descriptor) {
    return new FontMapping<>(substitute(), false);
  }

  @Override
  public FontMapping<FontBoxFont> getFontBoxFont(String baseFont, PDFontDescriptor descriptor) {
    return new FontMapping<>(substitute(), false);
  }

  @Override
  public CIDFontMapping getCIDFont(String baseFont, PDFontDescriptor descriptor, PDCIDSystemInfo systemInfo) {
    return new CIDFontMapping(null, substitute(), false);
  }

  private synchronized TrueTypeFont substitute() {
    if (substitute == null) {
      try (InputStream in = ReportPdf.font("DejaVuSans.ttf")) {
        substitute = new TTFParser().parse(new RandomAccessReadBuffer(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the embedded DejaVu Sans font", e);
      }
    }
    return substitute;
  }
}
