package org.rivulet.rpc.jsonrpc;

import java.util.concurrent.CompletableFuture;
import org.rivulet.rpc.session.RpcConnection;

/**
 * Protocol state of one connection: the session it is bound to (injected into requests that lack a
 * {@code sessionId}) and the tail of its request chain, which keeps a connection's requests in
 * order without blocking any thread.
 */
public final class ClientState {
  private final RpcConnection connection;
  private volatile String boundSession;
  private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

  public ClientState(RpcConnection connection) {
    this.connection = connection;
  }

  public RpcConnection connection() {
    return connection;
  }

  public String boundSession() {
    return boundSession;
  }

  void boundSession(String id) {
    this.boundSession = id;
  }

  /** Completes when every request queued so far has been answered. */
  synchronized CompletableFuture<Void> drained() {
    return tail;
  }

  /** Runs {@code step} after every earlier request of this connection has been answered. */
  synchronized void enqueue(java.util.function.Supplier<CompletableFuture<Void>> step) {
    tail = tail.thenCompose(v -> step.get()).exceptionally(e -> null);
  }
}
