package org.rivulet.rpc.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Sessions, their binding to connections, their subscriptions, and their garbage collection, with
 * Kurento's semantics (kurento-protocol.md 2.1 and 4.5):
 * <ul>
 * <li>a session becomes known once it references an object; unknown ids are accepted lazily by every
 *     method but {@code connect} and {@code keepAlive};</li>
 * <li>a connection is bound to the session of its last successful response, and a session's events
 *     go to the connection it was bound to last;</li>
 * <li>events are delivered once per (session, object, event type), however many subscriptions;</li>
 * <li>a session not used for a whole collection period, with no open connection, is dropped, and the
 *     objects no other session references are released.</li>
 * </ul>
 * Thread-safe.
 */
public final class SessionManager {
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  /** object id → event type → sessions subscribed. */
  private final Map<String, Map<String, Set<String>>> subscribers = new ConcurrentHashMap<>();

  /** A fresh session id (UUIDv4 from a CSPRNG, never sequential). */
  public static String newId() {
    return UUID.randomUUID().toString();
  }

  /** The known session with this id, or null. */
  public Session find(String id) {
    return id == null ? null : sessions.get(id);
  }

  /** The session with this id, created if unknown. */
  public Session getOrCreate(String id) {
    Session s = sessions.computeIfAbsent(id, Session::new);
    s.touch();
    return s;
  }

  /** Marks a session as in use (any request carrying its id). */
  public void touch(String id) {
    Session s = find(id);
    if (s != null) {
      s.touch();
    }
  }

  public List<String> ids() {
    return List.copyOf(sessions.keySet());
  }

  /** Binds the session to the connection its events should now go to. */
  public void bind(String sessionId, RpcConnection connection) {
    Session s = find(sessionId);
    if (s != null) {
      s.connection(connection);
    }
  }

  /** Records that the session references the object. */
  public void ref(String sessionId, String objectId) {
    getOrCreate(sessionId).objects().add(objectId);
  }

  /** Subscribes; returns the new subscription id. */
  public String subscribe(String sessionId, String objectId, String eventType) {
    Session s = getOrCreate(sessionId);
    s.objects().add(objectId);
    String subscription = UUID.randomUUID().toString();
    s.subscriptions().put(subscription, new Session.Subscription(objectId, eventType));
    subscribers.computeIfAbsent(objectId, k -> new ConcurrentHashMap<>())
        .computeIfAbsent(eventType, k -> ConcurrentHashMap.newKeySet()).add(sessionId);
    return subscription;
  }

  /** Removes a subscription; unknown ids are ignored, as in Kurento. */
  public void unsubscribe(String sessionId, String subscriptionId) {
    Session s = find(sessionId);
    if (s == null) {
      return;
    }
    Session.Subscription sub = s.subscriptions().remove(subscriptionId);
    if (sub == null) {
      return;
    }
    boolean another = s.subscriptions().values().stream().anyMatch(sub::equals);
    if (!another) {
      Map<String, Set<String>> byType = subscribers.get(sub.objectId());
      if (byType != null && byType.containsKey(sub.eventType())) {
        byType.get(sub.eventType()).remove(sessionId);
      }
    }
  }

  /** The connections that should receive this event, one per subscribed session. */
  public List<RpcConnection> listeners(String objectId, String eventType) {
    Map<String, Set<String>> byType = subscribers.get(objectId);
    if (byType == null) {
      return List.of();
    }
    Set<String> ids = byType.get(eventType);
    if (ids == null || ids.isEmpty()) {
      return List.of();
    }
    List<RpcConnection> out = new ArrayList<>(ids.size());
    for (String id : ids) {
      Session s = sessions.get(id);
      RpcConnection c = s == null ? null : s.connection();
      if (c != null && c.isOpen()) {
        out.add(c);
      }
    }
    return out;
  }

  /** Forgets a released object in every session. */
  public void objectReleased(String objectId) {
    subscribers.remove(objectId);
    for (Session s : sessions.values()) {
      s.objects().remove(objectId);
      s.subscriptions().values().removeIf(sub -> sub.objectId().equals(objectId));
    }
  }

  /**
   * Drops the session and hands each object that no other session references to
   * {@code release}.
   */
  public void close(String sessionId, Consumer<String> release) {
    Session s = sessions.remove(sessionId);
    if (s == null) {
      return;
    }
    for (Map<String, Set<String>> byType : subscribers.values()) {
      byType.values().forEach(set -> set.remove(sessionId));
    }
    for (String objectId : s.objects()) {
      if (!referencedByAnySession(objectId)) {
        release.accept(objectId);
      }
    }
  }

  /** Drops one reference; releases the object when no session references it any more. */
  public void unref(String sessionId, String objectId, Consumer<String> release) {
    Session s = find(sessionId);
    if (s != null && s.objects().remove(objectId) && !referencedByAnySession(objectId)) {
      release.accept(objectId);
    }
  }

  private boolean referencedByAnySession(String objectId) {
    for (Session other : sessions.values()) {
      if (other.objects().contains(objectId)) {
        return true;
      }
    }
    return false;
  }

  /**
   * One garbage-collection pass: sessions with an open connection are in use; the others expire
   * once unused for {@code periodNanos}.
   *
   * @return the ids of the expired sessions
   */
  public List<String> collect(long periodNanos, Consumer<String> release) {
    long now = System.nanoTime();
    List<String> expired = new ArrayList<>();
    for (Session s : sessions.values()) {
      RpcConnection c = s.connection();
      if (c != null && c.isOpen()) {
        s.touch();
      } else if (now - s.lastUseNanos() > periodNanos) {
        expired.add(s.id());
      }
    }
    for (String id : expired) {
      close(id, release);
    }
    return expired;
  }
}
