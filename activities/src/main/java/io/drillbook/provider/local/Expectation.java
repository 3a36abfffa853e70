package io.drillbook.provider.local;

import io.drillbook.provider.ActionFailure;
import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A check's {@code expect}: a comparison with a number, such as {@code ">= 1"}, {@code "== 42"}, {@code "< 10"}. */
record Expectation(String operator, BigDecimal operand) {

  private static final Pattern SYNTAX = Pattern.compile("\\s*(>=|<=|==|!=|>|<|=)\\s*(-?\\d+(?:\\.\\d+)?)\\s*");

  static Expectation parse(String expect, String checkName, String stepId) {
    Matcher m = SYNTAX.matcher(expect == null ? "" : expect);
    if (!m.matches()) {
      throw new ActionFailure("step " + stepId + ": check " + checkName + " has expect \"" + expect
          + "\", which is not a comparison; write it like \">= 1\", \"== 42\" or \"< 10\" (operators: == != >= <= > <)");
    }
    return new Expectation(m.group(1).equals("=") ? "==" : m.group(1), new BigDecimal(m.group(2)));
  }

  boolean holdsFor(BigDecimal value) {
    int c = value.compareTo(operand);
    return switch (operator) {
      case "==" -> c == 0;
      case "!=" -> c != 0;
      case ">=" -> c >= 0;
      case "<=" -> c <= 0;
      case ">" -> c > 0;
      default -> c < 0;
    };
  }

  @Override
  public String toString() {
    return operator + " " + operand.toPlainString();
  }
}
