package org.rehabtelemetry.protocol;

import java.util.Map;

/**
 * A command from the gateway to one device, on that device's {@code cmd} topic. Reserved: the
 * contract is fixed so that commands can be added without a schema change, but no command is
 * defined yet and agents answer none.
 *
 * <p>The header's {@code deviceId} is the target device and its {@code bootId} the sender's
 * (gateway's) boot id.
 *
 * @param commandId opaque id, unique per sender, for matching a future reply
 * @param name the command in upper snake case
 * @param args named string arguments
 */
public record DeviceCommand(Header header, String commandId, String name, Map<String, String> args)
    implements Message {

  public DeviceCommand {
    Identifiers.requireNonNull("header", header);
    Identifiers.opaqueId("commandId", commandId);
    Identifiers.code("name", name);
    args = Maps.copy("args", args == null ? Map.of() : args, Identifiers::text);
  }

  @Override
  public MessageType type() {
    return MessageType.COMMAND;
  }
}
