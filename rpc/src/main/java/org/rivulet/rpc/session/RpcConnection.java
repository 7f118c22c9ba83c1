package org.rivulet.rpc.session;

/**
 * One client connection as the protocol layer sees it. Implementations must accept {@link #send}
 * from any thread.
 */
public interface RpcConnection {

  /** Sends one JSON-RPC message (one text frame). */
  void send(String json);

  boolean isOpen();

  /** For logs: the remote address. */
  String describe();
}
