package org.rivulet.server.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One configured value with where it came from.
 *
 * <p>Kurento keeps its configuration as one tree of text ({@code boost::property_tree}); this is
 * one leaf of that tree, flattened to its dotted {@link #key() key}. A leaf is either a single text
 * value or, for JSON arrays such as {@code SdpEndpoint.audioCodecs}, a list of texts.
 *
 * <p>The {@link #label() label} is the name an operator would search for: the key itself for
 * values from files, {@code KMS_MIN_PORT} for a value from the environment, {@code --port} for a
 * command-line option. Error messages start with it; the {@link #origin() origin} adds the file or
 * the key it stands for.
 *
 * @param key the dotted Kurento key, e.g. {@code modules.kurento.WebRtcEndpoint.stunServerPort}
 * @param text the value, or {@code null} when this is a list
 * @param items the list, or {@code null} when this is a single value
 * @param label the name error messages start with
 * @param origin where the value came from, e.g. {@code from /etc/kurento/kurento.conf.json}
 */
public record Setting(String key, String text, List<String> items, String label, String origin) {

  public Setting {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(origin, "origin");
    if ((text == null) == (items == null)) {
      throw new IllegalArgumentException(key + ": exactly one of text and items must be set");
    }
    items = items == null ? null : List.copyOf(items);
  }

  /** A single value read from a file. */
  static Setting fromFile(String key, String text, String file) {
    return new Setting(key, text, null, key, "from " + file);
  }

  /** A list read from a JSON file. */
  static Setting listFromFile(String key, List<String> items, String file) {
    return new Setting(key, null, items, key, "from " + file);
  }

  /** A value set by an environment variable, which error messages name instead of the key. */
  static Setting fromEnvironment(String key, String text, String variable) {
    return new Setting(key, text, null, variable, "from the environment, sets " + key);
  }

  /** A value set by a command-line option, which error messages name instead of the key. */
  static Setting fromCommandLine(String key, String text, String option) {
    return new Setting(key, text, null, option, "from the command line, sets " + key);
  }

  /** A value the server supplies itself when no configuration file is used. */
  static Setting builtInDefault(String key, String text) {
    return new Setting(key, text, null, key, "built-in default");
  }

  /** Whether this is a list (a JSON array) rather than a single value. */
  public boolean isList() {
    return items != null;
  }

  /** One line of a {@link ConfigException}: {@code <label>: <detail> (<origin>)}. */
  String problem(String detail) {
    return label + ": " + detail + " (" + origin + ")";
  }

  /** Leaves out values that may be secrets: passwords and TURN URLs, which hold one. */
  @Override
  public String toString() {
    String last = key.substring(key.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    boolean secret = last.contains("password") || last.equals("turnurl");
    return key + "=" + (secret ? "****" : isList() ? items.toString() : text) + " (" + origin + ")";
  }
}
