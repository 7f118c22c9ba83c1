package org.rivulet.elements;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.rivulet.elements.error.KurentoError;
import org.rivulet.elements.error.KurentoException;

/**
 * Kurento's MediaObject: identity, name, tags, parent and children, properties, and release.
 *
 * <p>Threading: an object's state is read and written only on its {@link #executor()} (a pipeline's
 * event loop for everything inside a pipeline). The RPC layer hops there before calling
 * {@link #invoke}, {@link #getProperty}, {@link #setProperty} or {@link #release}. The name and tags
 * are also read by event delivery, so they are kept in volatile immutable snapshots.
 *
 * <p>Operations: {@link #invoke} answers the operations of this class and delegates the rest to its
 * superclass; what reaches this class unanswered is an operation of Kurento's API that Rivulet does
 * not provide yet, and fails with {@link KurentoError#NOT_IMPLEMENTED} naming it. Parameters arrive
 * checked against Kurento's descriptors, so subclasses cast without further checks.
 */
public abstract class MediaObject {
  /** The module prefix of Kurento's own classes in object ids ({@code <uuid>_kurento.<Type>}). */
  public static final String KURENTO_MODULE = "kurento";

  private final String id;
  private final String type;
  protected final ElementContext context;
  private final MediaObject parent;
  private final int creationTime;
  private final Set<MediaObject> children = new LinkedHashSet<>();
  /** Kurento properties this class keeps as plain values, by name (see {@link #defineProperty}). */
  private final Map<String, Object> properties = new LinkedHashMap<>();
  private volatile String name;
  private volatile boolean sendTagsInEvents;
  private volatile Map<String, String> tags = Map.of();
  private volatile boolean released;

  /**
   * @param type Kurento's simple type name ({@code "WebRtcEndpoint"})
   * @param parent the parent object, or null for top-level objects (pipelines, the server manager)
   * @param fixedId the id for singletons (the server manager), or null for a fresh one
   */
  protected MediaObject(ElementContext context, String type, MediaObject parent, String fixedId) {
    this.context = context;
    this.type = type;
    this.parent = parent;
    String own = fixedId != null ? fixedId
        : UUID.randomUUID() + "_" + module() + "." + type;
    this.id = parent == null || fixedId != null ? own : parent.getId() + "/" + own;
    this.name = id;
    this.creationTime = (int) (System.currentTimeMillis() / 1000);
  }

  /** Kurento's module name of this class, used in ids; plugin modules override it. */
  protected String module() {
    return KURENTO_MODULE;
  }

  public final String getId() {
    return id;
  }

  /** Kurento's simple type name. */
  public final String getType() {
    return type;
  }

  public final MediaObject getParent() {
    return parent;
  }

  /** The pipeline this object belongs to; a pipeline returns itself, the server manager null. */
  public abstract MediaPipeline getMediaPipeline();

  /** Where this object's state lives; see the class comment. */
  public abstract Executor executor();

  public final String getName() {
    return name;
  }

  public final boolean isReleased() {
    return released;
  }

  /** Epoch seconds when the object was created. */
  public final int getCreationTime() {
    return creationTime;
  }

  public final List<MediaObject> getChildren() {
    return List.copyOf(children);
  }

  /** The value of tag {@code key}, or null. */
  public final String tag(String key) {
    return tags.get(key);
  }

  /** Tags to put in events: empty unless {@code sendTagsInEvents} is set. */
  public final Map<String, String> tagsForEvents() {
    return sendTagsInEvents ? tags : Map.of();
  }

  /** Registers a new object and announces it with {@code ObjectCreated}. */
  protected final void register() {
    if (parent != null) {
      parent.children.add(this);
    }
    context.registry().add(this);
    ServerManager manager = serverManager();
    if (manager != null && manager != this) {
      manager.fire("ObjectCreated", Map.of("object", this));
    }
  }

  private ServerManager serverManager() {
    return (ServerManager) context.registry().find(ServerManager.ID);
  }

  /**
   * Releases this object and its children; idempotent. Runs on {@link #executor()}.
   */
  public final void release() {
    if (released) {
      return;
    }
    released = true;
    for (MediaObject child : new ArrayList<>(children)) {
      child.release();
    }
    onRelease();
    if (parent != null) {
      parent.children.remove(this);
    }
    context.registry().remove(this);
    ServerManager manager = serverManager();
    if (manager != null) {
      manager.fire("ObjectDestroyed", Map.of("objectId", id));
    }
  }

  /** What a subclass frees on release (connections, sockets, timers); children are gone already. */
  protected void onRelease() {
  }

  /** Raises an event on this object. */
  protected final void fire(String eventType, Map<String, Object> data) {
    context.events().fire(this, eventType, data);
  }

  /** {@link #fire} for helpers of this package. */
  final void raise(String eventType, Map<String, Object> data) {
    fire(eventType, data);
  }

  // ---------------------------------------------------------------- properties

  /** Declares a property this class keeps as a plain value, with its initial value. */
  protected final void defineProperty(String property, Object initial) {
    properties.put(property, initial);
  }

  /** Updates a property kept by {@link #defineProperty}, bypassing the client-facing checks. */
  protected final void updateProperty(String property, Object value) {
    properties.put(property, value);
  }

  protected final Object property(String property) {
    return properties.get(property);
  }

  /** The value of a Kurento property; subclasses answer the properties they compute. */
  public Object getProperty(String property) {
    switch (property) {
      case "id":
        return id;
      case "name":
        return name;
      case "sendTagsInEvents":
        return sendTagsInEvents;
      case "creationTime":
        return creationTime;
      case "parent":
        return parent;
      case "mediaPipeline":
        return getMediaPipeline();
      case "children":
        return getChildren();
      default:
        if (properties.containsKey(property)) {
          return properties.get(property);
        }
        throw notAvailable("get" + capitalize(property));
    }
  }

  /**
   * Sets a writable Kurento property. The RPC layer has refused read-only ones and checked the type;
   * {@link #checkProperty} checks the value's range.
   */
  public void setProperty(String property, Object value) {
    switch (property) {
      case "name":
        name = (String) value;
        return;
      case "sendTagsInEvents":
        sendTagsInEvents = (Boolean) value;
        return;
      default:
        if (!properties.containsKey(property)) {
          throw notAvailable("set" + capitalize(property));
        }
        checkProperty(property, value);
        properties.put(property, value);
        onPropertyChanged(property, value);
    }
  }

  /** Refuses out-of-range values with a 40001 error naming the property; none by default. */
  protected void checkProperty(String property, Object value) {
  }

  /** Called after a property defined by {@link #defineProperty} changed. */
  protected void onPropertyChanged(String property, Object value) {
  }

  /** Fails with 40001 unless {@code min <= value <= max}. */
  protected static void requireRange(String property, Object value, long min, long max) {
    long v = ((Number) value).longValue();
    if (v < min || v > max) {
      throw KurentoException.marshall("'" + property + "' value " + v + " is out of range ["
          + min + ", " + max + "]");
    }
  }

  // ---------------------------------------------------------------- operations

  /**
   * Runs one of Kurento's operations on this object. Returns the model value of the result, null for
   * void operations, or a {@link java.util.concurrent.CompletionStage} of either when the result is
   * produced later (the caller must not block on it).
   */
  public Object invoke(String operation, Args args) {
    switch (operation) {
      case "addTag":
        addTag(args.string("key"), args.string("value"));
        return null;
      case "removeTag":
        removeTag(args.string("key"));
        return null;
      case "getTag":
        return getTag(args.string("key"));
      case "getTags":
        List<Struct> list = new ArrayList<>();
        tags.forEach((k, v) -> list.add(Struct.of("Tag", "key", k, "value", v)));
        return list;
      default:
        throw notAvailable(operation);
    }
  }

  public final void addTag(String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(tags);
    copy.put(key, value);
    tags = Collections.unmodifiableMap(copy);
  }

  public final void removeTag(String key) {
    Map<String, String> copy = new LinkedHashMap<>(tags);
    copy.remove(key);
    tags = Collections.unmodifiableMap(copy);
  }

  public final String getTag(String key) {
    String v = tags.get(key);
    if (v == null) {
      throw new KurentoException(KurentoError.MEDIA_OBJECT_TAG_KEY_NOT_FOUND, "Tag key not found");
    }
    return v;
  }

  /** The error for an operation of Kurento's API that this build does not provide. */
  protected final KurentoException notAvailable(String operation) {
    return new KurentoException(KurentoError.NOT_IMPLEMENTED,
        type + "." + operation + " is not available in this Rivulet build yet");
  }

  protected static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  @Override
  public String toString() {
    return id;
  }
}
