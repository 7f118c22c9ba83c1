package org.rivulet.rpc.kmd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kurento's type system, read from the module descriptors ({@code META-INF/kurento/*.kmd.json}) on
 * the class path: {@code org.kurento:kms-api-core|elements|filters} and any plugin module. Answers
 * hierarchy, property, method and event questions for the RPC layer. Immutable after loading.
 */
public final class KmdRegistry {
  /** Kurento's own modules, whose types carry the {@code kurento} module prefix on the wire. */
  private static final Set<String> KURENTO_MODULES = Set.of("core", "elements", "filters");
  private static final String LOCATION = "META-INF/kurento/";

  private final Map<String, ModuleDef> modules = new LinkedHashMap<>();
  private final Map<String, RemoteClassDef> classes = new LinkedHashMap<>();
  private final Map<String, ComplexTypeDef> types = new LinkedHashMap<>();
  private final Map<String, EventDef> events = new LinkedHashMap<>();
  /** Which module's descriptor declares each class. */
  private final Map<String, String> classModule = new LinkedHashMap<>();

  /**
   * Loads the descriptors of the named modules ({@code META-INF/kurento/<name>.kmd.json}); a module
   * whose descriptor is missing is an error.
   */
  public static KmdRegistry load(ClassLoader loader, List<String> moduleNames) {
    KmdRegistry registry = new KmdRegistry();
    ObjectMapper mapper = new ObjectMapper();
    for (String module : moduleNames) {
      registry.load(mapper, loader, LOCATION + module + ".kmd.json", true);
    }
    return registry;
  }

  private void load(ObjectMapper mapper, ClassLoader loader, String resource, boolean required) {
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        if (required) {
          throw new IllegalStateException("Module descriptor " + resource + " is not on the class path");
        }
        return;
      }
      add(mapper.readTree(in), mapper);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource, e);
    }
  }

  /** Adds one parsed descriptor. */
  void add(JsonNode kmd, ObjectMapper mapper) throws IOException {
    String name = kmd.path("name").asText();
    if (modules.containsKey(name)) {
      return;
    }
    String wire = KURENTO_MODULES.contains(name) ? "kurento" : name;
    modules.put(name, new ModuleDef(name, kmd.path("version").asText(), wire,
        mapper.writeValueAsString(kmd)));
    for (JsonNode c : kmd.path("remoteClasses")) {
      List<PropertyDef> props = new ArrayList<>();
      for (JsonNode p : c.path("properties")) {
        props.add(new PropertyDef(p.path("name").asText(), p.path("type").asText(),
            p.path("final").asBoolean(false), p.path("readOnly").asBoolean(false)));
      }
      List<MethodDef> methods = new ArrayList<>();
      for (JsonNode m : c.path("methods")) {
        JsonNode ret = m.path("return").path("type");
        methods.add(new MethodDef(m.path("name").asText(), params(m.path("params")),
            ret.isMissingNode() ? null : ret.asText()));
      }
      List<String> evs = new ArrayList<>();
      c.path("events").forEach(e -> evs.add(e.asText()));
      String cname = c.path("name").asText();
      classModule.put(cname, name);
      classes.put(cname, new RemoteClassDef(cname, wire, c.path("abstract").asBoolean(false),
          textOrNull(c.path("extends")), params(c.path("constructor").path("params")),
          List.copyOf(props), List.copyOf(methods), List.copyOf(evs)));
    }
    for (JsonNode t : kmd.path("complexTypes")) {
      List<String> values = new ArrayList<>();
      t.path("values").forEach(v -> values.add(v.asText()));
      String tname = t.path("name").asText();
      types.put(tname, new ComplexTypeDef(tname, wire, "ENUM".equals(t.path("typeFormat").asText()),
          List.copyOf(values), textOrNull(t.path("extends")), params(t.path("properties"))));
    }
    for (JsonNode e : kmd.path("events")) {
      String ename = e.path("name").asText();
      events.put(ename, new EventDef(ename, wire, textOrNull(e.path("extends")),
          params(e.path("properties"))));
    }
  }

  private static List<ParamDef> params(JsonNode array) {
    List<ParamDef> out = new ArrayList<>();
    for (JsonNode p : array) {
      JsonNode def = p.get("defaultValue");
      out.add(new ParamDef(p.path("name").asText(), p.path("type").asText(),
          p.path("optional").asBoolean(false), def));
    }
    return List.copyOf(out);
  }

  private static String textOrNull(JsonNode n) {
    return n.isMissingNode() || n.isNull() ? null : n.asText();
  }

  public Collection<ModuleDef> modules() {
    return Collections.unmodifiableCollection(modules.values());
  }

  public ModuleDef module(String name) {
    return modules.get(name);
  }

  /** Classes of one module, in descriptor order. */
  public List<RemoteClassDef> classesOf(String moduleName) {
    List<RemoteClassDef> out = new ArrayList<>();
    for (RemoteClassDef c : classes.values()) {
      if (moduleName.equals(classModule.get(c.name()))) {
        out.add(c);
      }
    }
    return out;
  }

  public RemoteClassDef remoteClass(String name) {
    return classes.get(name);
  }

  public ComplexTypeDef complexType(String name) {
    return types.get(name);
  }

  public EventDef event(String name) {
    return events.get(name);
  }

  /** Superclasses of a class, nearest first, qualified ({@code kurento.MediaElement}). */
  public List<String> hierarchy(String className) {
    List<String> out = new ArrayList<>();
    RemoteClassDef c = classes.get(className);
    while (c != null && c.parent() != null) {
      c = classes.get(c.parent());
      if (c != null) {
        out.add(c.module() + "." + c.name());
      }
    }
    return out;
  }

  /** Whether {@code className} is {@code ancestor} or inherits from it. */
  public boolean isA(String className, String ancestor) {
    RemoteClassDef c = classes.get(className);
    while (c != null) {
      if (c.name().equals(ancestor)) {
        return true;
      }
      c = c.parent() == null ? null : classes.get(c.parent());
    }
    return false;
  }

  /** Whether complex type {@code typeName} is {@code ancestor} or extends it. */
  public boolean isSubtype(String typeName, String ancestor) {
    ComplexTypeDef t = types.get(typeName);
    while (t != null) {
      if (t.name().equals(ancestor)) {
        return true;
      }
      t = t.parent() == null ? null : types.get(t.parent());
    }
    return false;
  }

  /** The method named {@code name} on the class or its nearest ancestor that declares it. */
  public MethodDef findMethod(String className, String name) {
    for (RemoteClassDef c = classes.get(className); c != null;
        c = c.parent() == null ? null : classes.get(c.parent())) {
      for (MethodDef m : c.methods()) {
        if (m.name().equals(name)) {
          return m;
        }
      }
    }
    return null;
  }

  /** The property named {@code name} on the class or an ancestor. */
  public PropertyDef findProperty(String className, String name) {
    for (RemoteClassDef c = classes.get(className); c != null;
        c = c.parent() == null ? null : classes.get(c.parent())) {
      for (PropertyDef p : c.properties()) {
        if (p.name().equals(name)) {
          return p;
        }
      }
    }
    return null;
  }

  /** Every property of the class and its ancestors. */
  public List<PropertyDef> allProperties(String className) {
    List<PropertyDef> out = new ArrayList<>();
    for (RemoteClassDef c = classes.get(className); c != null;
        c = c.parent() == null ? null : classes.get(c.parent())) {
      out.addAll(c.properties());
    }
    return out;
  }

  /** Every event the class and its ancestors declare. */
  public Set<String> eventsOf(String className) {
    Set<String> out = new LinkedHashSet<>();
    for (RemoteClassDef c = classes.get(className); c != null;
        c = c.parent() == null ? null : classes.get(c.parent())) {
      out.addAll(c.events());
    }
    return out;
  }

  /** Fields of a REGISTER type including inherited ones, ancestors' first. */
  public List<ParamDef> fieldsOf(ComplexTypeDef type) {
    List<ParamDef> out = new ArrayList<>();
    if (type.parent() != null && types.containsKey(type.parent())) {
      out.addAll(fieldsOf(types.get(type.parent())));
    }
    out.addAll(type.properties());
    return out;
  }

  /** Fields of an event including inherited ones, ancestors' first. */
  public List<ParamDef> fieldsOf(EventDef event) {
    List<ParamDef> out = new ArrayList<>();
    if (event.parent() != null && events.containsKey(event.parent())) {
      out.addAll(fieldsOf(events.get(event.parent())));
    }
    out.addAll(event.properties());
    return out;
  }

  /** Whether the event is {@code ancestor} or extends it. */
  public boolean eventIsA(String eventName, String ancestor) {
    EventDef e = events.get(eventName);
    while (e != null) {
      if (e.name().equals(ancestor)) {
        return true;
      }
      e = e.parent() == null ? null : events.get(e.parent());
    }
    return false;
  }
}
