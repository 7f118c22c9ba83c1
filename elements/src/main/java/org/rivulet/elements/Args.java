package org.rivulet.elements;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rivulet.elements.error.KurentoException;

/**
 * The parameters of a constructor or an operation, already checked against Kurento's descriptors
 * and converted to the model's values by the RPC layer (see {@link Struct} for the value types).
 * Optional parameters that were not given are absent unless the descriptor has a default.
 */
public final class Args {
  private static final Args EMPTY = new Args(Map.of());

  private final Map<String, Object> values;
  /** Parameters whose value is the descriptor's default because the client sent none. */
  private final java.util.Set<String> defaulted;

  public Args(Map<String, ?> values) {
    this(values, java.util.Set.of());
  }

  public Args(Map<String, ?> values, java.util.Set<String> defaulted) {
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    this.defaulted = java.util.Set.copyOf(defaulted);
  }

  /** Whether the client sent this parameter (as opposed to absent, or filled with a default). */
  public boolean given(String name) {
    return values.get(name) != null && !defaulted.contains(name);
  }

  public static Args empty() {
    return EMPTY;
  }

  /** Arguments from alternating names and values (for tests and internal calls). */
  public static Args of(Object... namesAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      m.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return new Args(m);
  }

  public boolean has(String name) {
    return values.get(name) != null;
  }

  public Object get(String name) {
    return values.get(name);
  }

  public Map<String, Object> asMap() {
    return values;
  }

  public String string(String name) {
    return (String) values.get(name);
  }

  public String string(String name, String defaultValue) {
    Object v = values.get(name);
    return v == null ? defaultValue : (String) v;
  }

  public int integer(String name, int defaultValue) {
    Object v = values.get(name);
    return v == null ? defaultValue : ((Number) v).intValue();
  }

  public long int64(String name, long defaultValue) {
    Object v = values.get(name);
    return v == null ? defaultValue : ((Number) v).longValue();
  }

  public float float32(String name, float defaultValue) {
    Object v = values.get(name);
    return v == null ? defaultValue : ((Number) v).floatValue();
  }

  public boolean bool(String name, boolean defaultValue) {
    Object v = values.get(name);
    return v == null ? defaultValue : (Boolean) v;
  }

  public Struct struct(String name) {
    return (Struct) values.get(name);
  }

  @SuppressWarnings("unchecked")
  public <T> List<T> list(String name) {
    return (List<T>) values.get(name);
  }

  /** A required remote-object argument of the given class. */
  public <T extends MediaObject> T object(String name, Class<T> type) {
    Object v = values.get(name);
    if (v == null) {
      throw KurentoException.marshall("'" + name + "' parameter is required");
    }
    if (!type.isInstance(v)) {
      throw KurentoException.marshall("'" + name + "' parameter should be a " + type.getSimpleName());
    }
    return type.cast(v);
  }

  public int size() {
    return values.size();
  }

  @Override
  public String toString() {
    return values.toString();
  }
}
