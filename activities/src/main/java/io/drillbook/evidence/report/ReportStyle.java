package io.drillbook.evidence.report;

/**
 * The report's stylesheet: an A4 document first (page margins, running header, page numbers, tables that break
 * between rows and repeat their headings), readable on screen too. Fonts are the DejaVu faces the PDF renderer
 * embeds ({@link ReportPdf}); a browser falls back to its own sans-serif.
 */
final class ReportStyle {

  private ReportStyle() {}

  static String css(ReportLanguage lang) {
    String of = lang == ReportLanguage.FR ? "sur" : "of";
    return """
        @page {
          size: A4;
          margin: 20mm 15mm 18mm 15mm;
          @top-left { content: element(header); }
          @bottom-right { content: "Page " counter(page) " %s " counter(pages); font-family: 'DejaVu Sans', sans-serif;
            font-size: 7.5pt; color: #6b7280; }
        }
        #running-header { position: running(header); font-size: 7.5pt; color: #6b7280; padding-top: 8mm; }
        body { font-family: 'DejaVu Sans', 'Segoe UI', Arial, sans-serif; font-size: 8.5pt; line-height: 1.4;
          color: #1f2933; }
        .cover { margin-bottom: 4mm; }
        .kicker { font-size: 8pt; letter-spacing: 0.5pt; color: #52606d; text-transform: uppercase; }
        h1 { font-size: 17pt; color: #0d2b45; margin: 1mm 0 1mm 0; line-height: 1.2; }
        .subtitle { font-size: 11pt; color: #334e68; margin-bottom: 4mm; }
        h2 { font-size: 11.5pt; color: #0d2b45; border-bottom: 1.2pt solid #0d2b45; padding-bottom: 1mm;
          margin: 7mm 0 2.5mm 0; page-break-after: avoid; -fs-page-break-min-height: 40mm; }
        h3 { font-size: 9.5pt; color: #243b53; margin: 4mm 0 1.5mm 0; page-break-after: avoid;
          -fs-page-break-min-height: 25mm; }
        p { margin: 1.5mm 0; }
        ul { margin: 1mm 0; padding-left: 5mm; }
        li { margin-bottom: 1mm; }
        table { width: 100%%; border-collapse: collapse; margin: 1.5mm 0 2.5mm 0; }
        thead { display: table-header-group; }
        tr { page-break-inside: avoid; }
        th, td { border: 0.5pt solid #cbd2d9; padding: 1.2mm 1.6mm; text-align: left; vertical-align: top;
          word-wrap: break-word; }
        th { background-color: #eef2f7; font-weight: bold; color: #243b53; }
        tbody tr:nth-child(even) td { background-color: #f9fafb; }
        table.kv th { width: 34%%; }
        table.measures th { width: 30%%; font-weight: normal; }
        table.inner { margin: 0; width: auto; }
        table.inner td { border: none; padding: 0 3mm 0 0; background-color: transparent; }
        table.masthead { margin: 0 0 3mm 0; }
        table.masthead td { border: none; border-left: 2pt solid #0d2b45; padding: 0.5mm 3mm; width: 33%%;
          background-color: transparent; }
        .mast-label { font-size: 7pt; color: #52606d; text-transform: uppercase; }
        .mast-value { font-size: 9.5pt; font-weight: bold; }
        td.n, th.n { width: 6mm; text-align: right; }
        .num { white-space: nowrap; }
        .mono { font-family: 'DejaVu Sans Mono', Consolas, monospace; font-size: 7.5pt; word-wrap: break-word; }
        .muted { color: #6b7280; }
        .small { font-size: 7.5pt; color: #3e4c59; }
        .ok { color: #1b5e20; }
        .ko { color: #b71c1c; }
        .warn { color: #8a5a00; }
        .note { border-left: 2pt solid #e0a100; padding-left: 2mm; }
        .verdict { border: 1pt solid #9aa5b1; background-color: #f5f7fa; padding: 2.5mm 4mm; margin: 2mm 0; }
        .verdict-label { font-size: 8pt; text-transform: uppercase; color: #52606d; }
        .verdict-value { font-size: 15pt; font-weight: bold; margin-left: 3mm; }
        .verdict-reason { margin-top: 1mm; }
        .verdict-PASSED { border-color: #2e7d32; background-color: #edf7ee; }
        .verdict-PASSED .verdict-value { color: #1b5e20; }
        .verdict-PASSED_WITH_OBSERVATIONS { border-color: #e0a100; background-color: #fdf6e3; }
        .verdict-PASSED_WITH_OBSERVATIONS .verdict-value { color: #7a5200; }
        .verdict-FAILED { border-color: #c62828; background-color: #fdecea; }
        .verdict-FAILED .verdict-value { color: #b71c1c; }
        .verdict-ABORTED { border-color: #6b7280; background-color: #f3f4f6; }
        .verdict-RUNNING { border-color: #1565c0; background-color: #e8f0fb; }
        .step-block { page-break-inside: avoid; }
        table.gantt { table-layout: fixed; }
        table.gantt th, table.gantt td { border: none; border-bottom: 0.3pt solid #e4e7eb; padding: 0 1.2mm;
          vertical-align: middle; white-space: nowrap; font-size: 7pt; background-color: transparent; }
        table.gantt th { border-bottom: 0.6pt solid #9aa5b1; padding-bottom: 0.8mm; vertical-align: bottom; }
        table.gantt th.g-bar { padding-left: 0; }
        table.gantt .g-label { width: 45mm; overflow: hidden; }
        table.gantt .g-num { width: 16mm; text-align: right; }
        table.gantt .g-bar { width: %dpx; padding: 0; }
        table.gantt td.g-bar svg { display: block; }
        table.axis { margin: 0; table-layout: fixed; width: %dpx; }
        table.axis td { border: none; padding: 0; font-size: 6.5pt; color: #52606d; font-weight: normal;
          background-color: transparent; }
        .axis-end { float: right; }
        .legend { font-size: 7pt; color: #3e4c59; }
        .legend .key { display: inline-block; white-space: nowrap; margin-right: 2.5mm; }
        .legend svg { display: inline-block; vertical-align: middle; }
        @media screen {
          body { max-width: 190mm; margin: 8mm auto; padding: 0 6mm; }
          #running-header { padding-top: 0; margin-bottom: 4mm; }
        }
        """.formatted(of, TimelineChart.BAR_WIDTH, TimelineChart.BAR_WIDTH);
  }
}
