package org.rehabtelemetry.gateway.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rehabtelemetry.gateway.auth.AuditLog;
import org.rehabtelemetry.gateway.enrolment.BrokerAccount;
import org.rehabtelemetry.gateway.enrolment.BrokerAccount.AccountRole;
import org.rehabtelemetry.gateway.enrolment.Enrolment;
import org.rehabtelemetry.gateway.enrolment.MosquittoFiles;
import org.rehabtelemetry.gateway.enrolment.MosquittoPasswordHash;
import org.rehabtelemetry.runtime.files.DirectoryLock;
import org.rehabtelemetry.runtime.files.DurableFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code provision}: one place for broker identity (docs/security.md#provisioning).
 *
 * <pre>
 * gateway provision device --site S --kind K ID   enrol a device: password, ACL, agent config snippet
 * gateway provision gateway NAME                  enrol a gateway account (reads all, sends commands)
 * gateway provision revoke NAME                   revoke an account (the broker refuses it after reload)
 * gateway provision list                          every account, active and revoked
 * </pre>
 *
 * Each change rewrites the registry, the broker's password file and its ACL in {@code --dir}
 * (atomically and durably), and records who did it in the gateway's audit log. The broker reads the
 * files on {@code systemctl reload mosquitto}; the gateway rereads the registry by itself.
 * Passwords are random (192 bits), written once to a mode-0600 file for the device and never
 * printed or logged.
 */
@Command(
    name = "provision",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Enrol or revoke devices and gateways on the broker.",
    subcommands = {
      ProvisionCommand.Device.class,
      ProvisionCommand.Gateway.class,
      ProvisionCommand.Revoke.class,
      ProvisionCommand.ListAccounts.class
    })
final class ProvisionCommand implements Runnable {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "a provisioning command is needed: device, gateway, revoke or list");
  }

  /** The options every provisioning command shares. */
  static final class Places {
    @Option(
        names = "--dir",
        defaultValue = "/etc/rehab-telemetry/broker",
        description =
            "The provisioning directory: registry.json, passwd, acl (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(
        names = "--audit-dir",
        defaultValue = "/var/lib/rehab-telemetry/gateway/audit",
        description =
            "The gateway's audit log directory; it must exist (the gateway makes it at its first"
                + " start) (default: ${DEFAULT-VALUE}).")
    Path auditDir;

    /** A step that may fail with an I/O error. */
    interface Step<T> {
      T run() throws IOException;
    }

    /**
     * Runs {@code step} holding the provisioning directory's lock, so two administrators' commands
     * cannot lose each other's change.
     */
    <T> T locked(Step<T> step) throws IOException {
      DurableFiles.createDirectories(dir);
      DirectoryLock lock = DirectoryLock.acquire(dir, "the provisioning directory");
      try {
        return step.run();
      } finally {
        lock.close();
      }
    }

    /** Who runs the command, for the audit log: the sudo user if any, else the login. */
    static String actor() {
      String sudo = System.getenv("SUDO_USER");
      String user = sudo != null && !sudo.isBlank() ? sudo : System.getProperty("user.name");
      return "os:" + user;
    }

    /**
     * Checks, before anything changes, that the audit log can be written: the directory exists
     * (made by the gateway, owned by its user; this command never makes it, so it cannot leave the
     * gateway a directory it cannot write) and is writable.
     */
    AuditLog audit() throws IOException {
      if (!Files.isDirectory(auditDir) || !Files.isWritable(auditDir)) {
        throw new IOException(
            "the audit directory "
                + auditDir
                + " is missing or not writable: start the gateway once (it makes it), run this"
                + " as root, or name another with --audit-dir");
      }
      return new AuditLog(auditDir, Clock.systemUTC(), AuditLog.CLI_PREFIX);
    }

    /**
     * Applies {@code next} with {@code hashes}: the broker's password file and ACL first, then the
     * registry, then the audit entry. Should a write fail half-way, the registry still shows the
     * previous state, so running the same command again completes the change.
     */
    void commit(
        AuditLog audit, Enrolment next, Map<String, String> hashes, String action, String target)
        throws IOException {
      MosquittoFiles.write(next, hashes, dir);
      next.save(dir);
      audit.record(actor(), action, target, "cli", "ok");
    }
  }

  /** {@code provision device}. */
  @Command(
      name = "device",
      mixinStandardHelpOptions = true,
      description = "Enrol a device: a random password, its ACL, and its agent config snippet.")
  static final class Device implements Callable<Integer> {
    @Mixin Places places;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--site", required = true, description = "The site topic level, e.g. ward-b.")
    String site;

    @Option(names = "--kind", required = true, description = "The device kind, e.g. verticalizer.")
    String kind;

    @Option(
        names = "--broker",
        defaultValue = "ssl://gateway.ward.local:8883",
        description = "The broker URI the device uses (default: ${DEFAULT-VALUE}).")
    String broker;

    @Parameters(paramLabel = "ID", description = "The device id, e.g. vert-01.")
    String id;

    @Override
    public Integer call() throws IOException {
      return enrol(
          places,
          new BrokerAccountSpec(id, AccountRole.DEVICE, site, kind),
          broker,
          spec.commandLine().getOut());
    }
  }

  /** {@code provision gateway}. */
  @Command(
      name = "gateway",
      mixinStandardHelpOptions = true,
      description = "Enrol a gateway account: reads every device, sends commands.")
  static final class Gateway implements Callable<Integer> {
    @Mixin Places places;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--broker",
        defaultValue = "ssl://gateway.ward.local:8883",
        description = "The broker URI the gateway uses (default: ${DEFAULT-VALUE}).")
    String broker;

    @Parameters(paramLabel = "NAME", description = "The gateway's broker user, e.g. gateway-1.")
    String name;

    @Override
    public Integer call() throws IOException {
      return enrol(
          places,
          new BrokerAccountSpec(name, AccountRole.GATEWAY, null, null),
          broker,
          spec.commandLine().getOut());
    }
  }

  /** {@code provision revoke}. */
  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description = "Revoke an account; the broker refuses it once reloaded.")
  static final class Revoke implements Callable<Integer> {
    @Mixin Places places;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The device id or gateway name.")
    String name;

    @Override
    public Integer call() throws IOException {
      AuditLog audit = places.audit();
      boolean again =
          places.locked(
              () -> {
                Enrolment current = Enrolment.load(places.dir);
                Map<String, String> hashes = MosquittoFiles.readHashes(places.dir);
                if (current.find(name).map(a -> !a.active()).orElse(false)) {
                  // Already revoked: make sure the broker's files agree (a half-done revoke).
                  MosquittoFiles.write(current, hashes, places.dir);
                  return true;
                }
                Enrolment next = current.revoke(name, Clock.systemUTC().instant());
                places.commit(audit, next, hashes, "revoke", name);
                return false;
              });
      if (again) {
        spec.commandLine()
            .getOut()
            .println(name + " was already revoked; the broker's password file and ACL agree.");
        return 0;
      }
      spec.commandLine()
          .getOut()
          .println(
              "revoked "
                  + name
                  + ". Now reload the broker (systemctl reload mosquitto): it then refuses "
                  + name
                  + "; the gateway dead-letters its messages as \"revoked device\".");
      return 0;
    }
  }

  /** {@code provision list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List every account.")
  static final class ListAccounts implements Callable<Integer> {
    @Mixin Places places;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          Locale.ROOT, "%-24s %-8s %-16s %-20s %s%n", "NAME", "ROLE", "SITE", "KIND", "STATE");
      for (BrokerAccount account : Enrolment.load(places.dir).accounts()) {
        out.printf(
            Locale.ROOT,
            "%-24s %-8s %-16s %-20s %s%n",
            account.name(),
            account.role().name().toLowerCase(Locale.ROOT),
            account.site() == null ? "-" : account.site(),
            account.kind() == null ? "-" : account.kind(),
            account.active()
                ? "active since " + account.enrolledAt()
                : "revoked " + account.revokedAt());
      }
      return 0;
    }
  }

  private record BrokerAccountSpec(String name, AccountRole role, String site, String kind) {}

  private static Integer enrol(
      Places places, BrokerAccountSpec spec, String broker, PrintWriter out) throws IOException {
    BrokerAccount account =
        new BrokerAccount(
            spec.name(), spec.role(), spec.site(), spec.kind(), Clock.systemUTC().instant(), null);
    AuditLog audit = places.audit();
    Path issued = places.locked(() -> enrolLocked(places, audit, account, spec, broker));
    out.println(
        "enrolled "
            + account.name()
            + ". Its password and config snippet are in "
            + issued
            + " (copy both to the "
            + (account.role() == AccountRole.DEVICE ? "device" : "gateway host")
            + ", then delete them here); then reload the broker: systemctl reload mosquitto");
    return 0;
  }

  private static Path enrolLocked(
      Places places, AuditLog audit, BrokerAccount account, BrokerAccountSpec spec, String broker)
      throws IOException {
    Enrolment next = Enrolment.load(places.dir).with(account);
    SecureRandom random = new SecureRandom();
    byte[] secret = new byte[24];
    random.nextBytes(secret);
    char[] password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret).toCharArray();
    Arrays.fill(secret, (byte) 0);
    Map<String, String> hashes = MosquittoFiles.readHashes(places.dir);
    hashes.put(account.name(), MosquittoPasswordHash.create(password, random));

    Path issued = places.dir.resolve("issued").resolve(account.name());
    DurableFiles.createDirectories(issued);
    // Base64url characters are ASCII: copied byte by byte, never through a String.
    byte[] passwordBytes = new byte[password.length];
    for (int i = 0; i < password.length; i++) {
      passwordBytes[i] = (byte) password[i];
    }
    Arrays.fill(password, '\0');
    DurableFiles.replace(
        issued.resolve("mqtt-password"),
        passwordBytes,
        PosixFilePermissions.fromString("rw-------"));
    Arrays.fill(passwordBytes, (byte) 0);
    DurableFiles.replace(
        issued.resolve(account.role() == AccountRole.DEVICE ? "agent.yaml" : "gateway.yaml"),
        ConfigSnippet.of(account, broker).getBytes(StandardCharsets.UTF_8),
        PosixFilePermissions.fromString("rw-r-----"));
    places.commit(
        audit, next, hashes, "enrol-" + spec.role().name().toLowerCase(Locale.ROOT), spec.name());
    return issued;
  }
}
