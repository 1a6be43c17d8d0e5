package org.rehabtelemetry.agent.ui;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rehabtelemetry.agent.control.SessionSetup;
import org.rehabtelemetry.protocol.Limits;

/**
 * Reads the control API's JSON bodies: types checked here, meaning checked by the commands (which
 * refuse in words a therapist understands). Never sizes memory from what a client sends: maps are
 * bounded like the wire's.
 */
final class Requests {
  private Requests() {}

  static SessionSetup setup(JsonNode body) {
    JsonNode preset = body.get("limitPreset");
    if (preset != null && !preset.isNull() && !preset.isTextual()) {
      throw new BadRequest("field 'limitPreset' must be text");
    }
    return new SessionSetup(
        text(body, "patientCode"),
        text(body, "programme"),
        numbers(body, "settings"),
        numbers(body, "limits"),
        preset == null || preset.isNull() || preset.textValue().isBlank()
            ? null
            : preset.textValue());
  }

  static String reason(JsonNode body, String fallback) {
    JsonNode reason = body.get("reason");
    if (reason == null || reason.isNull()) {
      return fallback;
    }
    if (!reason.isTextual()) {
      throw new BadRequest("field 'reason' must be text");
    }
    return reason.textValue();
  }

  static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || !value.isTextual() || value.textValue().isBlank()) {
      throw new BadRequest("field '" + field + "' is required (text)");
    }
    return value.textValue();
  }

  static Map<String, Double> numbers(JsonNode body, String field) {
    Map<String, Double> numbers = new LinkedHashMap<>();
    JsonNode node = body.get(field);
    if (node == null || node.isNull()) {
      return numbers;
    }
    if (!node.isObject()) {
      throw new BadRequest("field '" + field + "' must be an object of numbers");
    }
    if (node.size() > Limits.MAX_MAP_ENTRIES) {
      throw new BadRequest(
          "field '"
              + field
              + "' has "
              + node.size()
              + " entries, at most "
              + Limits.MAX_MAP_ENTRIES);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (!entry.getValue().isNumber() || !Double.isFinite(entry.getValue().doubleValue())) {
        throw new BadRequest("field '" + field + "." + entry.getKey() + "' must be a number");
      }
      numbers.put(entry.getKey(), entry.getValue().doubleValue());
    }
    return numbers;
  }
}
