package org.rivulet.ice.agent;

/**
 * The current ICE credentials of both sides: ours always, the peer's once its description arrived. Changed
 * by the agent on {@code setRemoteCredentials} and on restart; read by the checker and the request handler.
 * Single-threaded.
 */
final class CredentialState {

  IceCredentials local;
  /** Null until the remote description is known, and again right after a restart. */
  IceCredentials remote;

  CredentialState(IceCredentials local) {
    this.local = local;
  }

  boolean hasRemote() {
    return remote != null;
  }
}
