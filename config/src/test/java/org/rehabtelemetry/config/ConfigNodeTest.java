package org.rehabtelemetry.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConfigNodeTest {
  private static ConfigNode parse(String yaml) throws Exception {
    JsonNode tree = new YAMLMapper().readTree(yaml);
    return ConfigNode.root("agent.yaml", tree);
  }

  @Test
  void defaults_applyWhenKeysAreAbsent() throws Exception {
    ConfigNode node = parse("name: x\n");
    assertEquals("x", node.text("name"));
    assertEquals(Duration.ofMillis(200), node.millis("commitIntervalMs", 1, 10_000, 200));
    assertEquals(7, node.integer("retries", 0, 10, 7));
    node.rejectUnknownKeys();
  }

  @Test
  void unknownKey_isNamed() throws Exception {
    ConfigNode node = parse("name: x\nnmae: y\n");
    node.text("name");
    ConfigException e = assertThrows(ConfigException.class, node::rejectUnknownKeys);
    assertEquals("agent.yaml: nmae: is not a known key here (misspelt?)", e.getMessage());
  }

  @Test
  void nestedValueOutOfRange_namesPathAndValue() throws Exception {
    ConfigNode node = parse("journal:\n  maxBytes: -5\n");
    ConfigException e =
        assertThrows(
            ConfigException.class, () -> node.object("journal").integer("maxBytes", 1, 100));
    assertEquals(
        "agent.yaml: journal.maxBytes: must be a whole number from 1 to 100, was -5",
        e.getMessage());
  }

  @Test
  void wrongType_isNamed() throws Exception {
    ConfigNode node = parse("name: [1, 2]\n");
    ConfigException e = assertThrows(ConfigException.class, () -> node.text("name"));
    assertEquals("agent.yaml: name: must be text, was [1,2]", e.getMessage());
  }
}
