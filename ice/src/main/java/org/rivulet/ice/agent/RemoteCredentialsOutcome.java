package org.rivulet.ice.agent;

/** What {@link IceAgent#setRemoteCredentials} did. */
public enum RemoteCredentialsOutcome {
  /** The first credentials of the peer: checks may start. */
  SET,
  /** The same credentials again (a re-offer without restart): nothing changed. */
  UNCHANGED,
  /**
   * Different credentials: the peer restarted ICE (RFC 8445 section 9). The agent restarted too, with new
   * local credentials to put in the answer (RFC 8839 has the
   * answerer of a restart offer change its credentials too) and a new check list.
   */
  RESTARTED
}
