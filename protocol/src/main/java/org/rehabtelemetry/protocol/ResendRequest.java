package org.rehabtelemetry.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A gateway's request to send a session's messages again: completeness found these seqs missing.
 * Sent to the device on its {@code cmd} topic as a {@link DeviceCommand} named {@value #COMMAND},
 * with the arguments {@code sessionId} and {@code seqs} (ranges such as {@code 12-40,57}). The
 * device sends again at once those it still holds and has published; the rest are still queued
 * (they come anyway) or no longer held, which its log says (docs/protocol.md, "RESEND").
 *
 * @param sessionId the session
 * @param seqs the missing seqs, ascending and disjoint
 */
public record ResendRequest(String sessionId, List<SeqRange> seqs) {
  /** The command name. */
  public static final String COMMAND = "RESEND";

  public ResendRequest {
    Identifiers.opaqueId("sessionId", sessionId);
    seqs = List.copyOf(seqs);
    if (seqs.isEmpty()) {
      throw new ProtocolException("seqs", "must name at least one range");
    }
  }

  /** The commands that carry it: one, or several within the protocol's text limit. */
  public List<DeviceCommand> toCommands(Header header, Supplier<String> commandIds) {
    List<DeviceCommand> commands = new ArrayList<>();
    for (Map<String, String> args : SeqRangeText.sessionArgs(sessionId, seqs, Map.of())) {
      commands.add(new DeviceCommand(header, commandIds.get(), COMMAND, args));
    }
    return commands;
  }

  /**
   * Reads a {@value #COMMAND} command.
   *
   * @throws ProtocolException naming the argument that is missing or malformed
   */
  public static ResendRequest parse(DeviceCommand command) {
    if (!COMMAND.equals(command.name())) {
      throw new ProtocolException("name", "is " + command.name() + ", not " + COMMAND);
    }
    Identifiers.requireNonNull("args.sessionId", command.args().get("sessionId"));
    return new ResendRequest(
        command.args().get("sessionId"),
        SeqRangeText.parse("args.seqs", command.args().get("seqs")));
  }
}
