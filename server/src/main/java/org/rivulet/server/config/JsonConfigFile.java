package org.rivulet.server.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads Kurento's JSON configuration files ({@code kurento.conf.json},
 * {@code SdpEndpoint.conf.json}) and flattens them into {@link Setting}s the way
 * {@code boost::property_tree} sees them.
 *
 * <p>Kurento ships {@code kurento.conf.json} with {@code //} and {@code /* *}{@code /} comments,
 * and hand-edited files often keep a trailing comma after the last entry; both are accepted so
 * that such files load unchanged. Content after the top-level value is an error.
 *
 * <p>Flattening: objects become dotted keys ({@code mediaServer.net.websocket.port}); every scalar
 * becomes text as written, because Kurento stores everything as text and its shipped file quotes
 * some numbers ({@code "exceptionLimit": "0.8"}); {@code null} is skipped as if absent; an array
 * becomes a list whose entries are scalars or the {@code name} of an object entry (the
 * {@code {"name": "opus/48000/2"}} codec entries of {@code SdpEndpoint.conf.json}).
 */
final class JsonConfigFile {

  private static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
      .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private JsonConfigFile() {}

  /** Parses {@code file}, which must hold one JSON object. */
  static JsonNode read(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot be read: " + e, e);
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new ConfigException(
          file + ": invalid JSON" + where + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ConfigException(file + ": cannot be read: " + e, e);
    }
    if (root == null || root.isMissingNode()) {
      throw new ConfigException(file + ": the file is empty; expected a JSON object");
    }
    if (!root.isObject()) {
      throw new ConfigException(file + ": expected a JSON object at the top level");
    }
    return root;
  }

  /** Compact JSON text of {@code node}. */
  static String toJson(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a parsed JSON tree could not be written back", e);
    }
  }

  /**
   * Adds every leaf of {@code node} under {@code prefix} (no prefix when empty) to {@code into}.
   *
   * @param file the file name, recorded as the origin of each setting
   */
  static void flatten(JsonNode node, String prefix, Path file, Settings.Builder into) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
        flatten(field.getValue(), key, file, into);
      }
    } else if (node.isArray()) {
      into.put(Setting.listFromFile(prefix, listItems(node, prefix, file), file.toString()));
    } else if (!node.isNull()) {
      into.put(Setting.fromFile(prefix, node.asText(), file.toString()));
    }
  }

  private static List<String> listItems(JsonNode array, String key, Path file) {
    List<String> items = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonNode item = array.get(i);
      if (item.isValueNode() && !item.isNull()) {
        items.add(item.asText());
      } else if (item.isObject() && item.path("name").isValueNode()
          && !item.path("name").isNull()) {
        items.add(item.get("name").asText());
      } else {
        throw new ConfigException(key + "[" + i + "]: expected a value or an object with a"
            + " \"name\", found " + item + " (from " + file + ")");
      }
    }
    return items;
  }
}
