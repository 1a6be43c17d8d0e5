package org.rehabtelemetry.gateway.auth;

import java.util.Locale;

/**
 * What an operator account may do on the dashboard. Each role includes the ones before it: a viewer
 * watches (fleet, live values, alarms, sessions, reports); an operator also acknowledges alarms at
 * the desk; an admin also manages accounts and devices and reads the audit log.
 */
public enum Role {
  VIEWER(0),
  OPERATOR(1),
  ADMIN(2);

  /** Higher ranks include lower ones. */
  private final int rank;

  Role(int rank) {
    this.rank = rank;
  }

  /** Whether this role includes {@code needed}. */
  public boolean includes(Role needed) {
    return rank >= needed.rank;
  }

  /** The spelling in the config and the API. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a config value; null when unknown. */
  public static Role parse(String text) {
    for (Role role : values()) {
      if (role.wireName().equals(text)) {
        return role;
      }
    }
    return null;
  }
}
