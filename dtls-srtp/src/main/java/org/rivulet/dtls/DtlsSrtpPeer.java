package org.rivulet.dtls;

/**
 * What {@link DtlsTransport} reads back from its Bouncy Castle peer ({@link DtlsSrtpServer} or
 * {@link DtlsSrtpClient}) after the blocking handshake call returns or while it drains records.
 */
interface DtlsSrtpPeer {
  /**
   * The keys exported in {@code notifyHandshakeComplete()}, or null when the handshake did not complete.
   * Set and read on the DTLS executor thread.
   */
  DtlsSrtpKeys keys();

  /** True once the peer's close_notify alert was received (RFC 5246 section 7.2.1). Any thread. */
  boolean closeNotifyReceived();
}
