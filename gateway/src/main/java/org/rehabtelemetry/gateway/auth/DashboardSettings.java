package org.rehabtelemetry.gateway.auth;

import java.time.Duration;
import java.util.List;

/**
 * The operator dashboard's settings.
 *
 * @param operators the accounts allowed to log in; empty disables the dashboard and its API
 * @param sessionLifetime how long a login lasts without activity
 * @param secureCookie mark the session cookie {@code Secure} (set when served behind HTTPS)
 */
public record DashboardSettings(
    List<OperatorAccount> operators, Duration sessionLifetime, boolean secureCookie) {
  public DashboardSettings {
    operators = List.copyOf(operators);
  }
}
