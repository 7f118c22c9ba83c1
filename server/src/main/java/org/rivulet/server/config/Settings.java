package org.rivulet.server.config;

import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.rivulet.elements.config.ModuleConfig;

/**
 * The whole configuration as Kurento sees it: one flat map from dotted key to {@link Setting},
 * holding the main file ({@code mediaServer.*}), every module file
 * ({@code modules.<dirs>.<Name>.*}) and the overrides from the environment and the command line.
 *
 * <p>Keys Rivulet does not understand are kept, because Kurento keeps them too and a later
 * version, or a plugin module, may read them. Keys are sorted so that logs and error reports come
 * out in a stable order. Immutable.
 */
public final class Settings {

  private static final Settings EMPTY = new Settings(new TreeMap<>());

  private final SortedMap<String, Setting> byKey;

  private Settings(SortedMap<String, Setting> byKey) {
    this.byKey = Collections.unmodifiableSortedMap(byKey);
  }

  /** Nothing configured. */
  public static Settings empty() {
    return EMPTY;
  }

  static Builder builder() {
    return new Builder();
  }

  /** The setting under {@code key}, with its origin. */
  public Optional<Setting> setting(String key) {
    return Optional.ofNullable(byKey.get(key));
  }

  /** The single value under {@code key}; empty when absent or when the key holds a list. */
  public Optional<String> value(String key) {
    Setting s = byKey.get(key);
    return s == null || s.isList() ? Optional.empty() : Optional.of(s.text());
  }

  /** The list under {@code key}; empty when absent or when the key holds a single value. */
  public List<String> list(String key) {
    Setting s = byKey.get(key);
    return s == null || !s.isList() ? List.of() : s.items();
  }

  /** Every configured key, sorted. */
  public Set<String> keys() {
    return byKey.keySet();
  }

  /** Every setting, sorted by key. */
  public Iterable<Setting> all() {
    return byKey.values();
  }

  /**
   * The settings of one module directory, {@code modules/<module>/}, as the elements read them:
   * {@code forModule("kurento").value("WebRtcEndpoint", "stunServerAddress")} answers
   * {@code modules.kurento.WebRtcEndpoint.stunServerAddress}.
   */
  public ModuleConfig forModule(String module) {
    String prefix = "modules." + module + ".";
    Map<String, String> values = new HashMap<>();
    Map<String, List<String>> lists = new HashMap<>();
    for (Setting s : byKey.tailMap(prefix).values()) {
      if (!s.key().startsWith(prefix)) {
        break;
      }
      String shortKey = s.key().substring(prefix.length());
      if (s.isList()) {
        lists.put(shortKey, s.items());
      } else {
        values.put(shortKey, s.text());
      }
    }
    return ModuleConfig.of(values, lists);
  }

  /** A copy without the single values that are blank and whose key matches {@code keys}. */
  Settings withoutBlankValues(Predicate<String> keys) {
    SortedMap<String, Setting> kept = new TreeMap<>(byKey);
    kept.values().removeIf(s -> !s.isList() && s.text().isBlank() && keys.test(s.key()));
    return new Settings(kept);
  }

  /** One {@link Setting#toString() setting} per entry, secrets hidden. */
  @Override
  public String toString() {
    return byKey.values().toString();
  }

  /** Collects settings; a later {@link #put} of the same key replaces the earlier one. */
  static final class Builder {
    private final SortedMap<String, Setting> byKey = new TreeMap<>();

    private Builder() {}

    Builder put(Setting setting) {
      byKey.put(setting.key(), setting);
      return this;
    }

    Builder putAll(Settings settings) {
      byKey.putAll(settings.byKey);
      return this;
    }

    Settings build() {
      return new Settings(new TreeMap<>(byKey));
    }
  }
}
