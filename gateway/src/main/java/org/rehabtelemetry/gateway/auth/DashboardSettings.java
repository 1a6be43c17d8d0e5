package org.rehabtelemetry.gateway.config;

import java.time.Duration;
import java.util.List;
import org.rehabtelemetry.gateway.dashboard.OperatorAccount;

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
