package org.rehabtelemetry.records.sheet;

import org.rehabtelemetry.records.i18n.Texts;
import org.rehabtelemetry.records.model.CompletenessStamp;
import org.rehabtelemetry.records.model.SessionRecord;

/** The completeness stamp in words: "all N records", or the gaps and why. Stateless. */
public final class Stamps {
  private Stamps() {}

  public static String completeness(SessionRecord session, Texts texts) {
    CompletenessStamp stamp = session.completeness();
    if (!stamp.checked() || stamp.expected() <= 0) {
      return texts.get("completeness.unchecked", stamp.received());
    }
    if (stamp.complete()) {
      String all = texts.get("completeness.all", stamp.expected());
      return stamp.repaired() ? all + " " + texts.get("completeness.repaired") : all;
    }
    String partial =
        stamp.gaps().isEmpty() && (!stamp.lost().isEmpty() || stamp.refused() > 0)
            ? texts.get("completeness.received", stamp.received(), stamp.expected())
            : texts.get(
                "completeness.partial",
                stamp.received(),
                stamp.expected(),
                stamp.gaps().isEmpty() ? "?" : stamp.gaps());
    StringBuilder text = new StringBuilder(partial);
    if (!stamp.lost().isEmpty()) {
      text.append(' ').append(texts.get("completeness.lost", stamp.lost()));
    }
    if (stamp.refused() > 0) {
      text.append(' ')
          .append(texts.get("completeness.refused", stamp.refused(), stamp.refusedReasons()));
    }
    return text.toString();
  }
}
