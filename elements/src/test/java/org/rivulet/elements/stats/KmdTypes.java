package org.rivulet.elements.stats;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rivulet.elements.Struct;

/**
 * The complex types of Kurento's {@code core.kmd.json} (from the kms-api-core jar on the test
 * class path), and a check of model values against their type expressions as the RPC layer will
 * write them to JSON.
 */
final class KmdTypes {
  static final String RESOURCE = "META-INF/kurento/core.kmd.json";

  /** A property of a complex type. */
  record Field(String name, String type, boolean optional) {
  }

  /** A REGISTER or ENUM complex type. */
  record Type(String name, String parent, boolean isEnum, List<String> values,
      List<Field> own) {
  }

  private final Map<String, Type> types = new LinkedHashMap<>();
  private final Map<String, Object> descriptor;

  @SuppressWarnings("unchecked")
  private KmdTypes(Map<String, Object> descriptor) {
    this.descriptor = descriptor;
    for (Object o : (List<Object>) descriptor.get("complexTypes")) {
      Map<String, Object> t = (Map<String, Object>) o;
      List<Field> own = new ArrayList<>();
      for (Object p : (List<Object>) t.getOrDefault("properties", List.of())) {
        Map<String, Object> f = (Map<String, Object>) p;
        own.add(new Field((String) f.get("name"), (String) f.get("type"),
            Boolean.TRUE.equals(f.get("optional"))));
      }
      List<String> values = new ArrayList<>();
      for (Object v : (List<Object>) t.getOrDefault("values", List.of())) {
        values.add((String) v);
      }
      String name = (String) t.get("name");
      types.put(name, new Type(name, (String) t.get("extends"),
          "ENUM".equals(t.get("typeFormat")), values, own));
    }
  }

  @SuppressWarnings("unchecked")
  static KmdTypes load() {
    try (InputStream in = KmdTypes.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the class path");
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new KmdTypes((Map<String, Object>) MiniJson.parse(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Type type(String name) {
    return types.get(name);
  }

  /** A remote class's method, as the descriptor declares it. */
  @SuppressWarnings("unchecked")
  Map<String, Object> method(String className, String methodName) {
    for (Object c : (List<Object>) descriptor.get("remoteClasses")) {
      Map<String, Object> cls = (Map<String, Object>) c;
      if (className.equals(cls.get("name"))) {
        for (Object m : (List<Object>) cls.getOrDefault("methods", List.of())) {
          if (methodName.equals(((Map<String, Object>) m).get("name"))) {
            return (Map<String, Object>) m;
          }
        }
      }
    }
    return null;
  }

  /** Every field of a type, inherited ones first. */
  List<Field> fields(String name) {
    Type t = types.get(name);
    List<Field> out = new ArrayList<>();
    if (t.parent() != null) {
      out.addAll(fields(t.parent()));
    }
    out.addAll(t.own());
    return out;
  }

  boolean isSubtype(String sub, String sup) {
    for (Type t = types.get(sub); t != null; t = types.get(t.parent())) {
      if (t.name().equals(sup)) {
        return true;
      }
      if (t.parent() == null) {
        return false;
      }
    }
    return false;
  }

  /** The type and all its descendants. */
  Set<String> subtypes(String sup) {
    Set<String> out = new LinkedHashSet<>();
    for (String name : types.keySet()) {
      if (isSubtype(name, sup)) {
        out.add(name);
      }
    }
    return out;
  }

  /** What is wrong with a model value of type expression {@code type}; empty when nothing. */
  List<String> problems(Object value, String type) {
    List<String> out = new ArrayList<>();
    check(value, type, "$", out);
    return out;
  }

  private void check(Object v, String type, String path, List<String> out) {
    if (type.endsWith("[]") || type.endsWith("<>")) {
      String element = type.substring(0, type.length() - 2);
      if (type.endsWith("[]") && v instanceof List<?> list) {
        for (int i = 0; i < list.size(); i++) {
          check(list.get(i), element, path + "[" + i + "]", out);
        }
      } else if (type.endsWith("<>") && v instanceof Map<?, ?> map) {
        map.forEach((k, e) -> {
          if (!(k instanceof String)) {
            out.add(path + ": key " + k + " is not a string");
          }
          check(e, element, path + "." + k, out);
        });
      } else {
        out.add(path + ": " + describe(v) + " is not a " + type);
      }
      return;
    }
    boolean ok = switch (type) {
      case "String" -> v instanceof String;
      case "boolean" -> v instanceof Boolean;
      case "int" -> v instanceof Integer;
      case "int64" -> v instanceof Long || v instanceof Integer;
      case "float", "double" -> (v instanceof Double || v instanceof Float)
          && Double.isFinite(((Number) v).doubleValue());
      default -> {
        checkComplex(v, type, path, out);
        yield true;
      }
    };
    if (!ok) {
      out.add(path + ": " + describe(v) + " is not a " + type);
    }
  }

  private void checkComplex(Object v, String type, String path, List<String> out) {
    Type t = types.get(type);
    if (t == null) {
      out.add(path + ": no complex type " + type + " in the descriptor");
    } else if (t.isEnum()) {
      if (!(v instanceof String s) || !t.values().contains(s)) {
        out.add(path + ": " + describe(v) + " is not one of " + type + " " + t.values());
      }
    } else if (!(v instanceof Struct s)) {
      out.add(path + ": " + describe(v) + " is not a " + type + " struct");
    } else if (types.get(s.type()) == null || types.get(s.type()).isEnum()
        || !isSubtype(s.type(), type)) {
      out.add(path + ": struct type " + s.type() + " is not a " + type);
    } else {
      checkFields(s, path, out);
    }
  }

  private void checkFields(Struct s, String path, List<String> out) {
    Set<String> declared = new LinkedHashSet<>();
    for (Field f : fields(s.type())) {
      declared.add(f.name());
      Object v = s.get(f.name());
      if (v == null) {
        if (!f.optional()) {
          out.add(path + ": " + s.type() + " lacks required " + f.name());
        }
        continue;
      }
      check(v, f.type(), path + "." + f.name(), out);
    }
    for (String k : s.fields().keySet()) {
      if (!declared.contains(k)) {
        out.add(path + ": " + s.type() + " has no field " + k);
      }
    }
  }

  private static String describe(Object v) {
    return v == null ? "null" : v.getClass().getSimpleName() + " " + v;
  }
}
