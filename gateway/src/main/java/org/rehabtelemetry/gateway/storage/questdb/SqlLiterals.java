package org.rehabtelemetry.gateway.storage.questdb;

import java.io.IOException;
import java.time.Instant;
import java.util.Collection;
import org.rehabtelemetry.records.archive.SessionArchive;

/**
 * Values as QuestDB SQL literals. An identifier (device, session, patient code) that is not one is
 * refused before it reaches SQL; free text has its quotes doubled and control characters removed.
 * Stateless.
 */
final class SqlLiterals {
  private SqlLiterals() {}

  /** An identifier as a quoted literal; anything else is refused. */
  static String identifier(String identifier) throws IOException {
    if (!SessionArchive.isIdentifier(identifier)) {
      throw new IOException("not an identifier: refusing to query with it");
    }
    return "'" + identifier + "'";
  }

  /** Identifiers as the inside of an {@code IN (...)} list. */
  static String identifiers(Collection<String> identifiers) throws IOException {
    StringBuilder list = new StringBuilder();
    for (String identifier : identifiers) {
      if (list.length() > 0) {
        list.append(", ");
      }
      list.append(identifier(identifier));
    }
    return list.toString();
  }

  /** A filter on one device's session: both ids checked and quoted. */
  static String session(String device, String session) throws IOException {
    return "\"device\" = " + identifier(device) + " AND \"session\" = " + identifier(session);
  }

  /** Free text (an operator's name), at most 64 characters, as a quoted literal. */
  static String text(String value) {
    String clean = value.replaceAll("[\\p{Cntrl}]", "");
    if (clean.length() > 64) {
      clean = clean.substring(0, 64);
    }
    return "'" + clean.replace("'", "''") + "'";
  }

  /** A time as a quoted ISO-8601 UTC literal, which QuestDB compares with a timestamp column. */
  static String time(Instant time) {
    return "'" + time + "'";
  }

  /** A time as microseconds since the epoch cast to a timestamp. */
  static String micros(Instant time) {
    return (time.getEpochSecond() * 1_000_000L + time.getNano() / 1000) + "::timestamp";
  }
}
