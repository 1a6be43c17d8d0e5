package org.rehabtelemetry.gateway.auth;

/**
 * An operator allowed to log in to the dashboard.
 *
 * @param username the login name
 * @param passwordHash the password's hash, never the password
 * @param role what the account may do
 * @param language the language the dashboard speaks to this operator ({@code ru}, {@code kk} or
 *     {@code en}), or null for the gateway's default
 */
public record OperatorAccount(
    String username, PasswordHash passwordHash, Role role, String language) {
  @Override
  public String toString() {
    return "OperatorAccount[" + username + ", " + role.wireName() + "]";
  }
}
