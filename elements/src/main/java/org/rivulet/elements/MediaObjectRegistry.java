package org.rivulet.elements;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every live media object by id (Kurento's MediaSet without the session references, which the RPC
 * layer keeps). Objects are global: any session may use any id it knows. Thread-safe.
 */
public final class MediaObjectRegistry {
  private final ConcurrentHashMap<String, MediaObject> objects = new ConcurrentHashMap<>();
  private final List<java.util.function.Consumer<String>> removalListeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  /** Called with the id of every released object (for example, to forget it in sessions). */
  public void onRemoved(java.util.function.Consumer<String> listener) {
    removalListeners.add(listener);
  }

  void add(MediaObject object) {
    objects.put(object.getId(), object);
  }

  void remove(MediaObject object) {
    if (objects.remove(object.getId(), object)) {
      removalListeners.forEach(l -> l.accept(object.getId()));
    }
  }

  /** The live object with this id, or null. */
  public MediaObject find(String id) {
    return id == null ? null : objects.get(id);
  }

  public Collection<MediaObject> all() {
    return objects.values();
  }

  public List<MediaPipeline> pipelines() {
    List<MediaPipeline> result = new ArrayList<>();
    for (MediaObject o : objects.values()) {
      if (o instanceof MediaPipeline p) {
        result.add(p);
      }
    }
    return result;
  }

  public int size() {
    return objects.size();
  }
}
