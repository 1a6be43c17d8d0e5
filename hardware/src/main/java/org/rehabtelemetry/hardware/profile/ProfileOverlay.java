package org.rehabtelemetry.hardware.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Merges an overlay over a profile tree, as JSON Merge Patch does (RFC 7386): a mapping in the
 * overlay merges key by key into the base's mapping, a {@code null} removes the key, and any other
 * value (text, number, list) replaces the base's. So an overlay states only what differs, e.g.
 * {@code {wiring: {sensorHub: {port: /dev/pts/4}, tilt: null}}}. Pure; the inputs are not changed.
 */
public final class ProfileOverlay {
  private ProfileOverlay() {}

  /** The merged tree. */
  public static JsonNode merge(JsonNode base, JsonNode overlay) {
    if (overlay == null || !overlay.isObject() || base == null || !base.isObject()) {
      return overlay == null ? base : overlay.deepCopy();
    }
    ObjectNode merged = ((ObjectNode) base).deepCopy();
    for (Iterator<Map.Entry<String, JsonNode>> fields = overlay.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getValue().isNull()) {
        merged.remove(field.getKey());
      } else {
        merged.set(field.getKey(), merge(merged.get(field.getKey()), field.getValue()));
      }
    }
    return merged;
  }
}
