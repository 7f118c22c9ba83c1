package org.rivulet.elements;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A value of one of Kurento's complex (REGISTER) types, such as {@code IceCandidate},
 * {@code ElementConnectionData} or {@code ServerInfo}: the type's simple name and its fields in
 * declaration order. Field values are the model's plain values: String, Boolean, Integer, Long,
 * Float, Double, enum values as String, {@link MediaObject}, {@code List}, {@code Map} and nested
 * {@code Struct}s. The RPC layer converts them to and from JSON using Kurento's descriptors.
 */
public final class Struct {
  private final String type;
  private final Map<String, Object> fields;

  public Struct(String type, Map<String, ?> fields) {
    this.type = Objects.requireNonNull(type);
    this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** A struct from alternating field names and values. */
  public static Struct of(String type, Object... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("names and values must alternate");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      m.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return new Struct(type, m);
  }

  public String type() {
    return type;
  }

  public Map<String, Object> fields() {
    return fields;
  }

  public Object get(String field) {
    return fields.get(field);
  }

  public String string(String field) {
    Object v = fields.get(field);
    return v == null ? null : v.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Struct s && s.type.equals(type) && s.fields.equals(fields);
  }

  @Override
  public int hashCode() {
    return type.hashCode() * 31 + fields.hashCode();
  }

  @Override
  public String toString() {
    return type + fields;
  }
}
