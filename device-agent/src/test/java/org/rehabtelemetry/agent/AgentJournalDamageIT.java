package org.rehabtelemetry.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rehabtelemetry.agent.config.AgentConfig;
import org.rehabtelemetry.agent.control.SessionSetup;
import org.rehabtelemetry.agent.journal.DiskJournal;
import org.rehabtelemetry.agent.journal.JournalListener;
import org.rehabtelemetry.agent.journal.JournalRecord;
import org.rehabtelemetry.agent.mqtt.PahoTransport;
import org.rehabtelemetry.hardware.port.MonotonicClock;
import org.rehabtelemetry.protocol.AlarmEvent;
import org.rehabtelemetry.protocol.Message;
import org.rehabtelemetry.protocol.MessageCodec;
import org.rehabtelemetry.testsupport.MosquittoExtension;
import org.rehabtelemetry.testsupport.SocatPtyExtension;

/**
 * Done-when 3 of the device-agent issue: journal files truncated or corrupted at random byte
 * offsets recover to the last good record, with nothing invented. A session is recorded while the
 * broker is down (so everything stays unsent), the journal is damaged, and the agent restarts with
 * the broker up: every message that arrives is byte-identical to one the agent journaled, and the
 * damage is reported as an alarm.
 */
class AgentJournalDamageIT {
  @RegisterExtension final MosquittoExtension mosquitto = new MosquittoExtension();
  @RegisterExtension final SocatPtyExtension pty = new SocatPtyExtension();
  @TempDir Path dir;
  private final MessageCodec codec = new MessageCodec();

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"truncate", "corrupt"})
  void damagedJournal_deliversOnlyWhatWasWritten_andReportsTheDamage(String damage)
      throws Exception {
    AgentConfig config =
        AgentBrokerOutageIT.config(dir, mosquitto.server().uri(), pty.server().deviceEnd(), 0);
    mosquitto.server().stop();
    try (HubFeeder hub = new HubFeeder(pty.server().peerEnd())) {
      hub.start();
      DeviceAgent agent =
          new DeviceAgent(
              config,
              Clock.systemUTC(),
              MonotonicClock.SYSTEM,
              () -> true,
              TestAgentConfigs.mockBoard());
      agent.start(new PahoTransport(config.mqtt()));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> agent.status().live().containsKey("loadLeftKg"));
      agent.commands().startSession(new SessionSetup("P-7F3A", "standing", Map.of()), "therapist");
      await().pollDelay(Duration.ofSeconds(4)).until(() -> true);
      agent.commands().stopSession("therapist");
      agent.close();
    }

    Set<String> written = new HashSet<>();
    Path journalDir = config.journal().dir();
    try (DiskJournal copy = DiskJournal.open(config.journal(), JournalListener.NONE)) {
      for (JournalRecord record : copy.readUnsent(0, 100_000)) {
        written.add(new String(record.payload(), java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    assertTrue(written.size() > 4, "the session was journaled: " + written.size());
    damage(journalDir, damage, new Random(damage.hashCode()));

    mosquitto.server().start();
    try (SessionCollector collector = new SessionCollector(mosquitto.server().uri())) {
      DeviceAgent restarted =
          new DeviceAgent(
              config,
              Clock.systemUTC(),
              MonotonicClock.SYSTEM,
              () -> true,
              TestAgentConfigs.mockBoard());
      restarted.start(new PahoTransport(config.mqtt()));
      try {
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () ->
                    collector.messages.stream()
                        .anyMatch(
                            m -> m instanceof AlarmEvent a && a.code().equals("JOURNAL_DAMAGED")));
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> restarted.status().journal().unsentRecords() == 0);
        int fromJournal = 0;
        for (Message message : collector.messages) {
          String payload =
              new String(codec.encode(message), java.nio.charset.StandardCharsets.UTF_8);
          if (message.header().bootId().equals(restarted.status().bootId())) {
            continue; // the restarted agent's own new messages (birth, damage alarm)
          }
          assertTrue(written.contains(payload), "invented or altered message: " + payload);
          fromJournal++;
        }
        assertTrue(fromJournal > 0, "recovered records were delivered");
        System.out.printf(
            "journal %s: %d of %d journaled records delivered, nothing invented%n",
            damage, fromJournal, written.size());
      } finally {
        restarted.close();
      }
    }
  }

  private static void damage(Path journalDir, String how, Random random) throws Exception {
    List<Path> segments;
    try (Stream<Path> files = Files.walk(journalDir)) {
      segments = files.filter(p -> p.toString().endsWith(".seg")).sorted().toList();
    }
    Path victim =
        segments.stream()
            .filter(p -> p.toString().contains("samples"))
            .findFirst()
            .orElse(segments.get(0));
    long size = Files.size(victim);
    try (FileChannel channel =
        FileChannel.open(victim, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      if (how.equals("truncate")) {
        channel.truncate(size / 3 + random.nextInt((int) (size / 3)));
      } else {
        for (int i = 0; i < 3; i++) {
          long at = random.nextLong(size);
          ByteBuffer one = ByteBuffer.allocate(1);
          channel.read(one, at);
          one.put(0, (byte) (one.get(0) ^ 0x5A)).rewind();
          channel.write(one, at);
        }
      }
    }
  }
}
