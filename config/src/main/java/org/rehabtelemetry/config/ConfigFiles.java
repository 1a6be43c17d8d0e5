package org.rehabtelemetry.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading YAML config files strictly; every failure is a {@link ConfigException}. Thread-safe. */
public final class ConfigFiles {
  private static final YAMLMapper YAML =
      YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private ConfigFiles() {}

  /** The bytes of a config file. */
  public static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ConfigException(file.toString(), "(file)", "cannot be read: " + e);
    }
  }

  /** Parses YAML into its root mapping; duplicate keys are errors. */
  public static ConfigNode parseYaml(String source, byte[] yaml) {
    return ConfigNode.root(source, readTree(source, yaml));
  }

  /** Parses YAML into a tree (for overlays); duplicate keys are errors. */
  public static JsonNode readTree(String source, byte[] yaml) {
    JsonNode tree;
    try {
      tree = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr();
      throw new ConfigException(
          source, "(file)", "is not valid YAML" + where + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigException(source, "(file)", "cannot be read: " + e.getMessage());
    }
    return tree;
  }
}
