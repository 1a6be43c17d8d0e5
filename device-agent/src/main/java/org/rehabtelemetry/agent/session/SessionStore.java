package org.rehabtelemetry.agent.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The running session, on disk, so that a restart after a crash or power loss finds it and ends it
 * as interrupted. Written (and fsynced) when a session starts, deleted when its summary is in the
 * journal. Holds no patient data beyond the pseudonymous code. Not thread-safe.
 */
public final class SessionStore {
  /**
   * What a restart needs.
   *
   * @param firstJournalId the journal id of the session's {@code started} record: while a session
   *     runs every journal record is the session's, so seq = journal id − firstJournalId
   */
  public record Stored(
      String sessionId,
      long firstJournalId,
      String patientCode,
      String programme,
      Instant startedAt,
      Map<String, Double> settings) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Path file;

  public SessionStore(Path stateDir) {
    this.file = stateDir.resolve("session.json");
  }

  public void save(Stored session) {
    ObjectNode node = JSON.createObjectNode();
    node.put("sessionId", session.sessionId());
    node.put("firstJournalId", session.firstJournalId());
    node.put("patientCode", session.patientCode());
    node.put("programme", session.programme());
    node.put("startedAt", session.startedAt().toString());
    ObjectNode settings = node.putObject("settings");
    session.settings().forEach(settings::put);
    Path temp = file.resolveSibling("session.json.tmp");
    try {
      Files.createDirectories(file.getParent());
      Files.write(temp, JSON.writeValueAsBytes(node));
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the running session to " + file, e);
    }
  }

  /** The session that was running when the agent stopped, if any. A damaged file counts as none. */
  public Optional<Stored> load() {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      JsonNode node = JSON.readTree(file.toFile());
      Map<String, Double> settings = new LinkedHashMap<>();
      node.path("settings")
          .fields()
          .forEachRemaining(e -> settings.put(e.getKey(), e.getValue().asDouble()));
      return Optional.of(
          new Stored(
              node.get("sessionId").asText(),
              node.get("firstJournalId").asLong(),
              node.get("patientCode").asText(),
              node.get("programme").asText(),
              Instant.parse(node.get("startedAt").asText()),
              settings));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  public void clear() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear " + file, e);
    }
  }
}
