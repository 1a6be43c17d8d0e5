package org.rehabtelemetry.gateway.registry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.rehabtelemetry.gateway.ingest.IngestListener;
import org.rehabtelemetry.protocol.DeviceState;
import org.rehabtelemetry.protocol.DeviceStatus;
import org.rehabtelemetry.protocol.Message;
import org.rehabtelemetry.protocol.SessionEvent;
import org.rehabtelemetry.protocol.SessionEventType;

/**
 * The fleet, built from the stored message stream: online/offline from birth and Last Will, last
 * seen, agent version, current session from session events. How many devices it holds is bounded by
 * the ingest's cardinality guard. Thread-safe.
 */
public final class DeviceRegistry implements IngestListener {
  private final Clock clock;
  private final Map<String, Entry> devices = new TreeMap<>();

  private static final class Entry {
    String site;
    String deviceId;
    String kind;
    boolean online;
    java.time.Instant lastSeen;
    String agentVersion;
    String session;
  }

  public DeviceRegistry(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized void stored(String site, Message message) {
    Entry entry =
        devices.computeIfAbsent(site + "/" + message.header().deviceId(), key -> new Entry());
    entry.site = site;
    entry.deviceId = message.header().deviceId();
    entry.lastSeen = clock.instant();
    if (message instanceof DeviceStatus status) {
      entry.kind = status.kind().wireName();
      entry.online = status.state() == DeviceState.ONLINE;
      entry.agentVersion = status.agentVersion();
      if (entry.online || status.currentSessionId() != null) {
        // An offline status (the Last Will, set at connect) does not know the session: keep it.
        entry.session = status.currentSessionId();
      }
    } else if (message instanceof SessionEvent event) {
      entry.online = true;
      boolean ended =
          event.event() == SessionEventType.STOPPED
              || event.event() == SessionEventType.INTERRUPTED;
      entry.session = ended ? null : event.session().sessionId();
    } else {
      entry.online = true;
    }
  }

  public synchronized List<DeviceInfo> devices() {
    List<DeviceInfo> all = new ArrayList<>();
    for (Entry e : devices.values()) {
      all.add(
          new DeviceInfo(
              e.site, e.deviceId, e.kind, e.online, e.lastSeen, e.agentVersion, e.session));
    }
    return all;
  }

  public synchronized long online() {
    return devices.values().stream().filter(e -> e.online).count();
  }

  /**
   * Devices whose agent is offline (Last Will, or a clean stop) while a session they started has
   * not ended: the therapist may be working blind, and the session's data waits in the journal.
   */
  public synchronized long offlineInSession() {
    return devices.values().stream().filter(e -> !e.online && e.session != null).count();
  }
}
