package org.rivulet.dtls;

/**
 * Receives what happens to one {@link DtlsTransport}. Every method is called on the DTLS executor
 * thread, one call at a time for a given transport; implementations hop to the pipeline's event loop
 * ({@code loop.execute(...)}) before touching endpoint state. A method that throws is logged and
 * otherwise ignored.
 */
public interface DtlsListener {
  /** Every state change: CONNECTING, then CONNECTED or FAILED, and later CLOSED (or FAILED). */
  void onStateChange(DtlsState state);

  /**
   * The handshake completed: the SRTP keys, just before the change to CONNECTED. At most once; never
   * after a fingerprint mismatch or any other failure.
   */
  default void onConnected(DtlsSrtpKeys keys) {}

  /** Why the association failed, just before the change to FAILED. At most once. */
  default void onFailed(DtlsFailureReason reason, Throwable cause) {}

  /**
   * An application data record received after the handshake (SCTP for data channels, RFC 8261). The
   * array is the listener's. The default drops it.
   */
  default void onApplicationData(byte[] data) {}
}
