package org.rivulet.elements.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Per-type settings read from Kurento's module configuration files
 * ({@code modules/kurento/<Type>.conf.ini|json}) and the {@code KMS_*} environment variables, as
 * Kurento keeps them under {@code modules.kurento.<Type>.<key>}.
 *
 * <p>Values are kept as text, already validated at start-up by the server's configuration loader;
 * elements convert them with the typed helpers. Immutable and safe to share between threads.
 */
public interface ModuleConfig {

  /** The value of {@code modules.kurento.<type>.<key>}, or empty when it is not configured. */
  Optional<String> value(String type, String key);

  /**
   * A list value, such as {@code SdpEndpoint.audioCodecs}, whose JSON entries are objects with a
   * {@code name} ({@code "opus/48000/2"}): the names in order; empty when not configured.
   */
  List<String> list(String type, String key);

  default int intValue(String type, String key, int defaultValue) {
    return value(type, key).map(v -> Integer.parseInt(v.trim())).orElse(defaultValue);
  }

  default String stringValue(String type, String key, String defaultValue) {
    return value(type, key).orElse(defaultValue);
  }

  /** Kurento writes booleans in ini files as 1/0 or true/false. */
  default boolean booleanValue(String type, String key, boolean defaultValue) {
    return value(type, key).map(v -> v.trim().equals("1") || v.trim().equalsIgnoreCase("true"))
        .orElse(defaultValue);
  }

  /** A configuration with nothing set: every element uses Kurento's defaults. */
  static ModuleConfig empty() {
    return of(Map.of(), Map.of());
  }

  /** A configuration from maps keyed by {@code "<Type>.<key>"}. */
  static ModuleConfig of(Map<String, String> values, Map<String, List<String>> lists) {
    Map<String, String> v = Map.copyOf(values);
    Map<String, List<String>> l = Map.copyOf(lists);
    return new ModuleConfig() {
      @Override
      public Optional<String> value(String type, String key) {
        return Optional.ofNullable(v.get(type + "." + key));
      }

      @Override
      public List<String> list(String type, String key) {
        return l.getOrDefault(type + "." + key, List.of());
      }
    };
  }
}
