package io.drillbook.portal;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;

/**
 * The portal's jte templates ({@code worker/src/main/jte}), compiled to Java classes at build time by the
 * jte-maven-plugin, so the jar renders them without a Java compiler. jte escapes every value for its HTML
 * context.
 */
final class Templates {
  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

  /** Renders {@code template} with its one parameter as the response, in the status already set. */
  void render(Context ctx, String template, Object view) {
    StringOutput out = new StringOutput();
    engine.render(template, view, out);
    ctx.contentType("text/html; charset=utf-8").result(out.toString());
  }
}
