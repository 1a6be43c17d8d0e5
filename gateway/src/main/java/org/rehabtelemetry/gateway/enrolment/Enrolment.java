package org.rehabtelemetry.gateway.enrolment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.rehabtelemetry.gateway.enrolment.BrokerAccount.AccountRole;
import org.rehabtelemetry.protocol.ProtocolException;
import org.rehabtelemetry.runtime.files.DurableFiles;

/**
 * The enrolment registry, {@code registry.json} in the provisioning directory: every broker account
 * (devices and gateways) with its site, kind, and when it was enrolled or revoked. No secrets: the
 * password hashes are only in the broker's password file. The one place for device identity: the
 * broker's password file and ACL and the gateway's check are derived from it. A revoked account
 * stays listed (revoked), so its id is not reused by mistake and the record shows who could once
 * connect.
 *
 * <p>An immutable snapshot; {@link #save} writes it atomically and durably with mode 0644 (the
 * gateway, another user, reads it). Reading is bounded by {@link #MAX_BYTES}.
 */
public final class Enrolment {
  /** The registry's file name in the provisioning directory. */
  public static final String FILE = "registry.json";

  /** The largest registry accepted (some 10,000 accounts). */
  static final long MAX_BYTES = 8L << 20;

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, BrokerAccount> accounts;

  private Enrolment(Map<String, BrokerAccount> accounts) {
    this.accounts = Collections.unmodifiableMap(new TreeMap<>(accounts));
  }

  /** An empty registry. */
  public static Enrolment empty() {
    return new Enrolment(Map.of());
  }

  /**
   * Reads the registry in {@code dir}; an absent file is an empty registry.
   *
   * @throws EnrolmentException naming the file and what is wrong if it cannot be read or parsed
   */
  public static Enrolment load(Path dir) {
    Path file = dir.resolve(FILE);
    if (!Files.exists(file)) {
      return empty();
    }
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        throw new EnrolmentException(file + " is " + size + " bytes, more than " + MAX_BYTES);
      }
      return parse(JSON.readTree(Files.readAllBytes(file)), file);
    } catch (IOException e) {
      throw new EnrolmentException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static Enrolment parse(JsonNode root, Path file) {
    JsonNode list = root == null ? null : root.get("accounts");
    if (list == null || !list.isArray()) {
      throw new EnrolmentException(file + " has no \"accounts\" array");
    }
    Map<String, BrokerAccount> accounts = new TreeMap<>();
    int index = 0;
    for (JsonNode node : list) {
      try {
        BrokerAccount account =
            new BrokerAccount(
                node.path("name").asText(null),
                AccountRole.valueOf(
                    node.path("role").asText("").toUpperCase(java.util.Locale.ROOT)),
                node.path("site").asText(null),
                node.path("kind").asText(null),
                Instant.parse(node.path("enrolledAt").asText("")),
                node.hasNonNull("revokedAt")
                    ? Instant.parse(node.get("revokedAt").asText())
                    : null);
        if (accounts.put(account.name(), account) != null) {
          throw new IllegalArgumentException("the name " + account.name() + " appears twice");
        }
      } catch (IllegalArgumentException
          | NullPointerException
          | DateTimeParseException
          | ProtocolException e) {
        throw new EnrolmentException(
            file + ": accounts[" + index + "] is not a valid account: " + e.getMessage(), e);
      }
      index++;
    }
    return new Enrolment(accounts);
  }

  /** Every account, active or revoked, by name. */
  public List<BrokerAccount> accounts() {
    return new ArrayList<>(accounts.values());
  }

  /** The account called {@code name}. */
  public Optional<BrokerAccount> find(String name) {
    return Optional.ofNullable(accounts.get(name));
  }

  /**
   * This registry with {@code account} added.
   *
   * @throws EnrolmentException if the name is taken (also by a revoked account)
   */
  public Enrolment with(BrokerAccount account) {
    BrokerAccount existing = accounts.get(account.name());
    if (existing != null) {
      throw new EnrolmentException(
          account.name()
              + " is already enrolled"
              + (existing.active() ? "" : " (revoked " + existing.revokedAt() + ")")
              + "; choose another name");
    }
    Map<String, BrokerAccount> next = new TreeMap<>(accounts);
    next.put(account.name(), account);
    return new Enrolment(next);
  }

  /**
   * This registry with {@code name} revoked at {@code at}.
   *
   * @throws EnrolmentException if there is no such active account
   */
  public Enrolment revoke(String name, Instant at) {
    BrokerAccount existing = accounts.get(name);
    if (existing == null) {
      throw new EnrolmentException("no account called " + name);
    }
    if (!existing.active()) {
      throw new EnrolmentException(name + " was already revoked at " + existing.revokedAt());
    }
    Map<String, BrokerAccount> next = new TreeMap<>(accounts);
    next.put(name, existing.revoked(at));
    return new Enrolment(next);
  }

  /** Writes the registry to {@code dir} atomically and durably, mode 0644. Blocks for fsyncs. */
  public void save(Path dir) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("version", 1);
    ArrayNode list = root.putArray("accounts");
    for (BrokerAccount account : accounts.values()) {
      ObjectNode node = list.addObject();
      node.put("name", account.name());
      node.put("role", account.role().name().toLowerCase(java.util.Locale.ROOT));
      node.put("site", account.site());
      node.put("kind", account.kind());
      node.put("enrolledAt", account.enrolledAt().toString());
      node.put("revokedAt", account.revokedAt() == null ? null : account.revokedAt().toString());
    }
    DurableFiles.replace(
        dir.resolve(FILE),
        JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root),
        PosixFilePermissions.fromString("rw-r--r--"));
  }
}
