package org.rehabtelemetry.gateway.enrolment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.util.Optional;
import org.rehabtelemetry.gateway.enrolment.BrokerAccount.AccountRole;
import org.rehabtelemetry.gateway.ingest.Admission;
import org.rehabtelemetry.protocol.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's check that a message comes from an enrolled, unrevoked device on its own site: an
 * unregistered device's messages are dead letters with the reason {@code unknown device}, a revoked
 * one's {@code revoked device}. The broker's ACL already stops a device from speaking as another;
 * this is the second line, and it tells the operator who tried.
 *
 * <p>The registry file is read at start (a bad file stops the start) and read again when its
 * modification time changes, checked at most once per second; a later bad file is logged and the
 * last good registry stays in force. Thread-safe.
 */
public final class EnrolledDevices implements Admission {
  private static final Logger LOG = LoggerFactory.getLogger(EnrolledDevices.class);
  private static final long RECHECK_MILLIS = 1000;

  private final Path dir;
  private final Clock clock;
  private Enrolment enrolment;
  private FileTime loadedModified;
  private long checkedAtMillis;

  /**
   * Reads the registry in {@code dir}.
   *
   * @throws EnrolmentException if it cannot be read
   */
  public EnrolledDevices(Path dir, Clock clock) {
    this.dir = dir;
    this.clock = clock;
    this.loadedModified = modified();
    this.enrolment = Enrolment.load(dir);
    this.checkedAtMillis = clock.millis();
    LOG.info(
        "device enrolment: {} accounts in {}",
        enrolment.accounts().size(),
        dir.resolve(Enrolment.FILE));
  }

  @Override
  public String refuse(String site, Message message) {
    return refuseDevice(site, message.header().deviceId());
  }

  @Override
  public String refuseDevice(String site, String deviceId) {
    Optional<BrokerAccount> account = current().find(deviceId);
    if (account.isEmpty() || account.get().role() != AccountRole.DEVICE) {
      return "unknown device";
    }
    if (!account.get().active()) {
      return "revoked device";
    }
    if (!account.get().site().equals(site)) {
      return "device enrolled on site " + account.get().site() + ", not " + site;
    }
    return null;
  }

  private synchronized Enrolment current() {
    long now = clock.millis();
    // Also when the clock stepped back (NTP after a boot without RTC): never wait for it.
    if (now - checkedAtMillis >= RECHECK_MILLIS || now < checkedAtMillis) {
      checkedAtMillis = now;
      FileTime modified = modified();
      if (modified != null && !modified.equals(loadedModified)) {
        try {
          enrolment = Enrolment.load(dir);
          LOG.info("device enrolment reloaded: {} accounts", enrolment.accounts().size());
        } catch (RuntimeException e) {
          LOG.error("device enrolment not reloaded, the previous one stays: {}", e.getMessage());
        }
        loadedModified = modified;
      }
    }
    return enrolment;
  }

  private FileTime modified() {
    try {
      return Files.getLastModifiedTime(dir.resolve(Enrolment.FILE));
    } catch (IOException e) {
      return null;
    }
  }
}
