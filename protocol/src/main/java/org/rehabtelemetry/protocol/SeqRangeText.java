package org.rehabtelemetry.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * The text form of sequence number ranges in command arguments: {@code 0-41,43,45-50}, ranges
 * ascending and disjoint. Parsing is strict and bounded: the text is at most {@link
 * Limits#MAX_TEXT_LENGTH} characters, so a hostile command cannot size memory.
 */
public final class SeqRangeText {
  private SeqRangeText() {}

  /**
   * Parses ranges.
   *
   * @throws ProtocolException naming {@code field} when missing, malformed, out of order or
   *     overlapping
   */
  public static List<SeqRange> parse(String field, String text) {
    Identifiers.requireNonNull(field, text);
    if (text.isEmpty() || text.length() > Limits.MAX_TEXT_LENGTH) {
      throw new ProtocolException(
          field, "must be 1 to " + Limits.MAX_TEXT_LENGTH + " chars of ranges like 0-41,43");
    }
    List<SeqRange> ranges = new ArrayList<>();
    long previousLast = -2;
    for (String part : text.split(",", -1)) {
      int dash = part.indexOf('-');
      SeqRange range;
      try {
        range =
            dash < 0
                ? new SeqRange(number(part), number(part))
                : new SeqRange(number(part.substring(0, dash)), number(part.substring(dash + 1)));
      } catch (NumberFormatException e) {
        throw new ProtocolException(field, "has '" + part + "', not a range like 0-41 or 43");
      }
      if (range.first() <= previousLast + 1) {
        throw new ProtocolException(
            field, "ranges must ascend with gaps between them; '" + part + "' does not");
      }
      previousLast = range.last();
      ranges.add(range);
    }
    return ranges;
  }

  /**
   * Formats ranges, ascending and disjoint, as texts of at most {@code maxChars} each (one text
   * unless there are many ranges).
   */
  public static List<String> format(List<SeqRange> ranges, int maxChars) {
    List<String> texts = new ArrayList<>();
    StringBuilder text = new StringBuilder();
    for (SeqRange range : ranges) {
      String part = range.toString();
      if (text.length() > 0 && text.length() + 1 + part.length() > maxChars) {
        texts.add(text.toString());
        text.setLength(0);
      }
      if (text.length() > 0) {
        text.append(',');
      }
      text.append(part);
    }
    if (text.length() > 0) {
      texts.add(text.toString());
    }
    return texts;
  }

  /**
   * Command arguments naming a session's seqs: {@code sessionId} and {@code seqs}, plus {@code
   * extra}; one map, or several when the ranges exceed the text limit.
   */
  static List<java.util.Map<String, String>> sessionArgs(
      String sessionId, List<SeqRange> ranges, java.util.Map<String, String> extra) {
    List<java.util.Map<String, String>> all = new ArrayList<>();
    for (String seqs : format(ranges, Limits.MAX_TEXT_LENGTH)) {
      java.util.Map<String, String> args = new java.util.LinkedHashMap<>();
      args.put("sessionId", sessionId);
      args.put("seqs", seqs);
      args.putAll(extra);
      all.add(args);
    }
    return all;
  }

  private static long number(String digits) {
    if (digits.isEmpty() || digits.length() > 7 || !digits.chars().allMatch(Character::isDigit)) {
      throw new NumberFormatException(digits);
    }
    return Long.parseLong(digits);
  }
}
