package org.rivulet.rpc.session;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Kurento session: the objects it references, its event subscriptions and the connection its
 * events go to. Sessions only reference objects, which are global (see kurento-protocol.md 2.1).
 */
public final class Session {
  private final String id;
  private final Set<String> objects = ConcurrentHashMap.newKeySet();
  /** Subscription id to what it subscribes. */
  private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
  private volatile RpcConnection connection;
  private volatile long lastUseNanos;

  Session(String id) {
    this.id = id;
    touch();
  }

  public String id() {
    return id;
  }

  public Set<String> objects() {
    return objects;
  }

  Map<String, Subscription> subscriptions() {
    return subscriptions;
  }

  public RpcConnection connection() {
    return connection;
  }

  void connection(RpcConnection connection) {
    this.connection = connection;
  }

  void touch() {
    lastUseNanos = System.nanoTime();
  }

  long lastUseNanos() {
    return lastUseNanos;
  }

  /** What one subscription is for. */
  record Subscription(String objectId, String eventType) {
  }
}
