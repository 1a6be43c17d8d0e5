package org.rehabtelemetry.gateway.enrolment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rehabtelemetry.gateway.enrolment.BrokerAccount.AccountRole;
import org.rehabtelemetry.protocol.MessageType;
import org.rehabtelemetry.protocol.Topic;
import org.rehabtelemetry.runtime.files.DurableFiles;

/**
 * The broker's view of the registry: Mosquitto's {@code password_file} ({@value #PASSWORDS}) and
 * {@code acl_file} ({@value #ACL}), both rewritten whole from the registry on every change, so they
 * never drift from it. Revoked accounts are in neither. Mosquitto reads them at start and on SIGHUP
 * ({@code systemctl reload mosquitto}).
 *
 * <p>The ACL: a device may publish only to {@code rehab/v1/SITE/ITS-ID/TYPE} for every type but
 * {@code cmd}, and subscribe only to its own {@code cmd}; a gateway may read {@code rehab/v1/#} and
 * publish any device's {@code cmd}. Anonymous clients get nothing (and the production config
 * refuses them before the ACL). Stateless and thread-safe.
 */
public final class MosquittoFiles {
  /** The password file's name in the provisioning directory. */
  public static final String PASSWORDS = "passwd";

  /** The ACL file's name in the provisioning directory. */
  public static final String ACL = "acl";

  private MosquittoFiles() {}

  /**
   * The password file's text: {@code name:hash} for each active account that has a hash in {@code
   * hashes}; the hashes of revoked or unknown names are dropped.
   */
  public static String passwords(Enrolment enrolment, Map<String, String> hashes) {
    StringBuilder text = new StringBuilder();
    for (BrokerAccount account : enrolment.accounts()) {
      String hash = hashes.get(account.name());
      if (account.active() && hash != null) {
        text.append(account.name()).append(':').append(hash).append('\n');
      }
    }
    return text.toString();
  }

  /**
   * Reads the hashes of a password file in {@code dir} by name (none if it is absent).
   *
   * @throws EnrolmentException if a line is not {@code name:$7$...}, naming the line
   */
  public static Map<String, String> readHashes(Path dir) {
    Path file = dir.resolve(PASSWORDS);
    Map<String, String> hashes = new TreeMap<>();
    if (!Files.exists(file)) {
      return hashes;
    }
    try {
      if (Files.size(file) > Enrolment.MAX_BYTES) {
        throw new EnrolmentException(file + " is larger than " + Enrolment.MAX_BYTES + " bytes");
      }
      List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (line.isEmpty()) {
          continue;
        }
        int colon = line.indexOf(':');
        if (colon <= 0 || !line.startsWith("$", colon + 1)) {
          throw new EnrolmentException(file + " line " + (i + 1) + " is not NAME:$HASH");
        }
        hashes.put(line.substring(0, colon), line.substring(colon + 1));
      }
      return hashes;
    } catch (IOException e) {
      throw new EnrolmentException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The ACL file's text. */
  public static String acl(Enrolment enrolment) {
    StringBuilder text = new StringBuilder();
    text.append("# Written by 'gateway provision' from ")
        .append(Enrolment.FILE)
        .append("; edits here are overwritten.\n")
        .append("# Nothing is granted to anonymous clients (no lines before the first 'user').\n");
    for (BrokerAccount account : enrolment.accounts()) {
      if (!account.active()) {
        continue;
      }
      text.append('\n').append("user ").append(account.name()).append('\n');
      if (account.role() == AccountRole.GATEWAY) {
        text.append("topic read ").append(Topic.ROOT).append("/#\n");
        text.append("topic write ").append(Topic.filter(MessageType.COMMAND)).append('\n');
        continue;
      }
      String own = Topic.ROOT + "/" + account.site() + "/" + account.name() + "/";
      for (MessageType type : MessageType.values()) {
        if (type != MessageType.COMMAND) {
          text.append("topic write ").append(own).append(type.wireName()).append('\n');
        }
      }
      text.append("topic read ").append(own).append(MessageType.COMMAND.wireName()).append('\n');
    }
    return text.toString();
  }

  /**
   * Writes both files to {@code dir}, each atomically and durably with mode 0640 (give the group to
   * the broker's user: {@code chgrp mosquitto}). Blocks for fsyncs.
   */
  public static void write(Enrolment enrolment, Map<String, String> hashes, Path dir)
      throws IOException {
    DurableFiles.replace(
        dir.resolve(PASSWORDS),
        passwords(enrolment, hashes).getBytes(StandardCharsets.US_ASCII),
        PosixFilePermissions.fromString("rw-r-----"));
    DurableFiles.replace(
        dir.resolve(ACL),
        acl(enrolment).getBytes(StandardCharsets.US_ASCII),
        PosixFilePermissions.fromString("rw-r-----"));
  }
}
