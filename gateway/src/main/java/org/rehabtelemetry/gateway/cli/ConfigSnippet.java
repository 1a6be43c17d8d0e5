package org.rehabtelemetry.gateway.cli;

import org.rehabtelemetry.gateway.enrolment.BrokerAccount;
import org.rehabtelemetry.gateway.enrolment.BrokerAccount.AccountRole;

/**
 * The config lines a newly enrolled account needs: for a device the {@code device} id and site and
 * its {@code mqtt} section, for a gateway its {@code mqtt} section. The password is not in it: it
 * is in {@code mqtt-password} beside it. Stateless.
 */
final class ConfigSnippet {
  private ConfigSnippet() {}

  static String of(BrokerAccount account, String broker) {
    boolean device = account.role() == AccountRole.DEVICE;
    StringBuilder text = new StringBuilder();
    text.append("# Made by 'gateway provision' for ")
        .append(device ? "device " : "gateway ")
        .append(account.name())
        .append(" at ")
        .append(account.enrolledAt())
        .append(".\n")
        .append("# Merge into /etc/rehab-telemetry/")
        .append(device ? "agent.yaml" : "gateway.yaml")
        .append("; copy mqtt-password to /etc/rehab-telemetry/mqtt-password\n")
        .append(
            "# (owner rehab, mode 0600) and the site CA to /etc/rehab-telemetry/site-ca.pem.\n");
    if (device) {
      text.append("device:\n")
          .append("  id: ")
          .append(account.name())
          .append('\n')
          .append("  site: ")
          .append(account.site())
          .append('\n')
          .append("  profile: builtin:")
          .append(account.kind())
          .append("   # or the profile file for this kind\n");
    }
    text.append("mqtt:\n")
        .append("  uri: ")
        .append(broker)
        .append('\n')
        .append("  clientId: ")
        .append(account.name())
        .append("   # the broker uses the user name as the client id\n")
        .append("  username: ")
        .append(account.name())
        .append('\n')
        .append("  passwordFile: /etc/rehab-telemetry/mqtt-password\n");
    if (broker.startsWith("ssl://")) {
      text.append("  caFile: /etc/rehab-telemetry/site-ca.pem\n")
          .append("  certFile: /etc/rehab-telemetry/")
          .append(account.name())
          .append(".pem   # scripts/site-ca client ")
          .append(account.name())
          .append("\n")
          .append("  keyFile: /etc/rehab-telemetry/")
          .append(account.name())
          .append(".key   # mode 0600\n");
    }
    return text.toString();
  }
}
