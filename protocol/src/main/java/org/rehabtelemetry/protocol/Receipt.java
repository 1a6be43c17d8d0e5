package org.rehabtelemetry.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A gateway's storage receipt: the messages it has durably stored (or durably kept as dead
 * letters), sent to the device on its {@code cmd} topic as a {@link DeviceCommand} named {@value
 * #COMMAND}. A device keeps every journaled message until a receipt covers it (docs/protocol.md,
 * "Receipts").
 *
 * <p>Wire form, in the command's {@code args}:
 *
 * <ul>
 *   <li>session messages: {@code sessionId} and {@code seqs}, inclusive ranges such as {@code
 *       0-41,43,45-50};
 *   <li>an alarm with no session: {@code alarmId} and {@code state};
 *   <li>either may add {@code deadLettered}: the reason the gateway kept them as dead letters
 *       instead of storing them.
 * </ul>
 */
public sealed interface Receipt {
  /** The command name. */
  String COMMAND = "RECEIPT";

  /** Why the messages were dead-lettered instead of stored, or null when stored. */
  String deadLettered();

  /** Session messages, by sequence number ranges. */
  record ForSession(String sessionId, List<SeqRange> seqs, String deadLettered) implements Receipt {
    public ForSession {
      Identifiers.opaqueId("sessionId", sessionId);
      seqs = List.copyOf(seqs);
      if (seqs.isEmpty()) {
        throw new ProtocolException("seqs", "must name at least one range");
      }
      if (deadLettered != null) {
        Identifiers.text("deadLettered", deadLettered);
      }
    }
  }

  /** One change of an alarm raised while no session ran. */
  record ForIdleAlarm(String alarmId, AlarmState state, String deadLettered) implements Receipt {
    public ForIdleAlarm {
      Identifiers.opaqueId("alarmId", alarmId);
      Identifiers.requireNonNull("state", state);
      if (deadLettered != null) {
        Identifiers.text("deadLettered", deadLettered);
      }
    }
  }

  /**
   * The commands that carry this receipt: one, or for a session with many gaps several, each within
   * the protocol's text limit.
   *
   * @param header the target device, the gateway's boot id, now
   * @param commandIds a fresh command id per command
   */
  default List<DeviceCommand> toCommands(Header header, Supplier<String> commandIds) {
    List<DeviceCommand> commands = new ArrayList<>();
    if (this instanceof ForIdleAlarm alarm) {
      Map<String, String> args = new java.util.LinkedHashMap<>();
      args.put("alarmId", alarm.alarmId());
      args.put("state", alarm.state().wireName());
      if (deadLettered() != null) {
        args.put("deadLettered", deadLettered());
      }
      commands.add(new DeviceCommand(header, commandIds.get(), COMMAND, args));
      return commands;
    }
    ForSession session = (ForSession) this;
    Map<String, String> extra =
        deadLettered() == null ? Map.of() : Map.of("deadLettered", deadLettered());
    for (Map<String, String> args :
        SeqRangeText.sessionArgs(session.sessionId(), session.seqs(), extra)) {
      commands.add(new DeviceCommand(header, commandIds.get(), COMMAND, args));
    }
    return commands;
  }

  /**
   * Reads a {@value #COMMAND} command.
   *
   * @throws ProtocolException naming the argument that is missing or malformed
   */
  static Receipt parse(DeviceCommand command) {
    if (!COMMAND.equals(command.name())) {
      throw new ProtocolException("name", "is " + command.name() + ", not " + COMMAND);
    }
    Map<String, String> args = command.args();
    String deadLettered = args.get("deadLettered");
    if (args.containsKey("sessionId")) {
      return new ForSession(
          args.get("sessionId"), SeqRangeText.parse("args.seqs", args.get("seqs")), deadLettered);
    }
    if (args.containsKey("alarmId")) {
      Identifiers.requireNonNull("args.state", args.get("state"));
      return new ForIdleAlarm(
          args.get("alarmId"), AlarmState.parse("args.state", args.get("state")), deadLettered);
    }
    throw new ProtocolException("args", "name neither a sessionId nor an alarmId");
  }
}
