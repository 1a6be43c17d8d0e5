package org.rehabtelemetry.gateway.dashboard;

/**
 * An operator allowed to log in to the dashboard.
 *
 * @param username the login name
 * @param passwordHash the password's hash, never the password
 */
public record OperatorAccount(String username, PasswordHash passwordHash) {
  @Override
  public String toString() {
    return "OperatorAccount[" + username + "]";
  }
}
