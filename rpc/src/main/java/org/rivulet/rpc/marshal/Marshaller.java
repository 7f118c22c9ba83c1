package org.rivulet.rpc.marshal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rivulet.elements.Args;
import org.rivulet.elements.MediaObject;
import org.rivulet.elements.MediaObjectRegistry;
import org.rivulet.elements.Struct;
import org.rivulet.elements.error.KurentoError;
import org.rivulet.elements.error.KurentoException;
import org.rivulet.rpc.kmd.ComplexTypeDef;
import org.rivulet.rpc.kmd.KmdRegistry;
import org.rivulet.rpc.kmd.ParamDef;

/**
 * Converts between JSON and the object model's values, checked against the type expressions of
 * Kurento's descriptors: primitives ({@code boolean int int64 float double String}), lists
 * ({@code T[]}), maps ({@code T<>}), enums (bare strings), complex REGISTER types (objects; the
 * {@code __module__}/{@code __type__} markers are optional on input, may select a subtype, and are
 * always written on output) and remote classes (object ids). Bad input throws
 * {@link KurentoException} with KMS's code and wording. Thread-safe.
 */
public final class Marshaller {
  /** Prefix of transaction-local object references. */
  public static final String NEWREF = "newref:";
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final KmdRegistry kmd;
  private final MediaObjectRegistry objects;

  public Marshaller(KmdRegistry kmd, MediaObjectRegistry objects) {
    this.kmd = kmd;
    this.objects = objects;
  }

  /**
   * Checks and converts the parameters of a constructor or method. Absent optional parameters take
   * the descriptor's default when it has one.
   *
   * @param given the {@code constructorParams}/{@code operationParams} object, or null
   */
  public Args args(List<ParamDef> params, JsonNode given) {
    Map<String, Object> values = new LinkedHashMap<>();
    java.util.Set<String> defaulted = new java.util.HashSet<>();
    for (ParamDef p : params) {
      JsonNode v = given == null ? null : given.get(p.name());
      if (v == null || v.isNull()) {
        if (!p.optional()) {
          throw KurentoException.marshall("'" + p.name() + "' parameter is required");
        }
        if (p.defaultValue() != null && !p.defaultValue().isNull()
            && !(p.defaultValue().isObject() && p.defaultValue().isEmpty())) {
          values.put(p.name(), fromJson(p.defaultValue(), p.type(), p.name()));
          defaulted.add(p.name());
        }
        continue;
      }
      values.put(p.name(), fromJson(v, p.type(), p.name()));
    }
    return new Args(values, defaulted);
  }

  /** Converts one JSON value to the model value of {@code type}; {@code name} words the errors. */
  public Object fromJson(JsonNode v, String type, String name) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (type.endsWith("[]")) {
      if (!v.isArray()) {
        throw KurentoException.marshall("'" + name + "' parameter should be an array");
      }
      String element = type.substring(0, type.length() - 2);
      List<Object> list = new ArrayList<>(v.size());
      for (JsonNode e : v) {
        list.add(fromJson(e, element, name));
      }
      return list;
    }
    if (type.endsWith("<>")) {
      if (!v.isObject()) {
        throw KurentoException.marshall("'" + name + "' parameter should be an object");
      }
      String element = type.substring(0, type.length() - 2);
      Map<String, Object> map = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = v.properties().iterator(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        map.put(e.getKey(), fromJson(e.getValue(), element, name));
      }
      return map;
    }
    switch (type) {
      case "String":
        if (!v.isTextual()) {
          throw KurentoException.marshall("'" + name + "' parameter should be a string");
        }
        return v.textValue();
      case "boolean":
        if (!v.isBoolean()) {
          throw KurentoException.marshall("'" + name + "' parameter should be a boolean");
        }
        return v.booleanValue();
      case "int":
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
          throw KurentoException.marshall("'" + name + "' parameter should be an integer");
        }
        return v.intValue();
      case "int64":
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
          throw KurentoException.marshall("'" + name + "' parameter should be an int64");
        }
        return v.longValue();
      case "float":
        if (!v.isNumber()) {
          throw KurentoException.marshall("'" + name + "' parameter should be a float");
        }
        return v.floatValue();
      case "double":
        if (!v.isNumber()) {
          throw KurentoException.marshall("'" + name + "' parameter should be a double");
        }
        return v.doubleValue();
      default:
        return fromJsonNamed(v, type, name);
    }
  }

  private Object fromJsonNamed(JsonNode v, String type, String name) {
    if (kmd.remoteClass(type) != null) {
      if (!v.isTextual()) {
        throw KurentoException.marshall("'" + name + "' parameter should be a string");
      }
      MediaObject o = resolve(v.textValue());
      if (!kmd.isA(o.getType(), type)) {
        throw KurentoException.marshall("'" + name + "' parameter should be a " + type
            + ", not a " + o.getType());
      }
      return o;
    }
    ComplexTypeDef t = kmd.complexType(type);
    if (t == null) {
      throw new KurentoException(KurentoError.INTERNAL_ERROR, "Unknown type '" + type + "'");
    }
    if (t.isEnum()) {
      if (!v.isTextual() || !t.values().contains(v.textValue())) {
        throw KurentoException.marshall("Invalid value for '" + type + "'");
      }
      return v.textValue();
    }
    if (!v.isObject()) {
      throw KurentoException.marshall("'" + name + "' parameter should be an object");
    }
    JsonNode marker = v.get("__type__");
    if (marker != null && marker.isTextual() && !marker.textValue().equals(type)) {
      ComplexTypeDef sub = kmd.complexType(marker.textValue());
      if (sub == null || sub.isEnum() || !kmd.isSubtype(sub.name(), type)) {
        throw new KurentoException(KurentoError.UNEXPECTED_ERROR,
            "'" + name + "': '" + marker.textValue() + "' is not a " + type);
      }
      t = sub;
    }
    Map<String, Object> fields = new LinkedHashMap<>();
    for (ParamDef f : kmd.fieldsOf(t)) {
      JsonNode fv = v.get(f.name());
      if (fv == null || fv.isNull()) {
        if (!f.optional()) {
          throw KurentoException.marshall("'" + f.name() + "' parameter is required");
        }
        if (f.defaultValue() != null && !f.defaultValue().isNull()) {
          fields.put(f.name(), fromJson(f.defaultValue(), f.type(), f.name()));
        }
        continue;
      }
      fields.put(f.name(), fromJson(fv, f.type(), f.name()));
    }
    return new Struct(t.name(), fields);
  }

  /**
   * The live object with this id. {@code newref:} ids reach here only outside transactions
   * (transactions substitute them first), where Kurento answers 40109.
   */
  public MediaObject resolve(String id) {
    if (id.startsWith(NEWREF)) {
      throw new KurentoException(KurentoError.MEDIA_OBJECT_NOT_FOUND_TRANSACTION_NO_COMMIT,
          "Object '" + id + "' not found: newref is only valid inside a transaction");
    }
    MediaObject o = objects.find(id);
    if (o == null || o.isReleased()) {
      throw KurentoException.objectNotFound(id);
    }
    return o;
  }

  /**
   * Converts a model value to JSON. {@code type} guides field conversion of complex values and may
   * be null when unknown.
   */
  public JsonNode toJson(Object value, String type) {
    if (value == null) {
      return JSON.nullNode();
    }
    if (value instanceof String s) {
      return JSON.textNode(s);
    }
    if (value instanceof Boolean b) {
      return JSON.booleanNode(b);
    }
    if (value instanceof Integer i) {
      return JSON.numberNode(i);
    }
    if (value instanceof Long l) {
      return JSON.numberNode(l);
    }
    if (value instanceof Float f) {
      return JSON.numberNode(f);
    }
    if (value instanceof Double d) {
      return JSON.numberNode(d);
    }
    if (value instanceof Number n) {
      return JSON.numberNode(n.longValue());
    }
    if (value instanceof MediaObject o) {
      return JSON.textNode(o.getId());
    }
    if (value instanceof Struct s) {
      return structToJson(s);
    }
    String element = type != null && (type.endsWith("[]") || type.endsWith("<>"))
        ? type.substring(0, type.length() - 2) : null;
    if (value instanceof List<?> list) {
      ArrayNode a = JSON.arrayNode(list.size());
      for (Object o : list) {
        a.add(toJson(o, element));
      }
      return a;
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode o = JSON.objectNode();
      map.forEach((k, v) -> o.set(String.valueOf(k), toJson(v, element)));
      return o;
    }
    if (value instanceof Enum<?> e) {
      return JSON.textNode(e.name());
    }
    throw new KurentoException(KurentoError.INTERNAL_ERROR,
        "Cannot marshal a " + value.getClass().getName());
  }

  private ObjectNode structToJson(Struct s) {
    ComplexTypeDef t = kmd.complexType(s.type());
    ObjectNode o = JSON.objectNode();
    o.put("__module__", t == null ? "kurento" : t.module());
    o.put("__type__", s.type());
    Map<String, String> declared = new LinkedHashMap<>();
    if (t != null) {
      for (ParamDef f : kmd.fieldsOf(t)) {
        declared.put(f.name(), f.type());
      }
    }
    s.fields().forEach((k, v) -> o.set(k, toJson(v, declared.get(k))));
    return o;
  }
}
