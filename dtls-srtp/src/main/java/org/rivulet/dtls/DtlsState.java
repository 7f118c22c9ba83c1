package org.rivulet.dtls;

/**
 * The life cycle of one DTLS association, named as Kurento's {@code DtlsConnectionState} (and the W3C
 * {@code RTCDtlsTransportState}).
 *
 * <pre>
 *   NEW ──start()──▶ CONNECTING ──handshake done──▶ CONNECTED ──close_notify / close()──▶ CLOSED
 *    │                   │  └──────────close()──────────────────────────────────────────▶ CLOSED
 *    │                   └──timeout, alert, fingerprint mismatch...──▶ FAILED ◀── fatal alert ──┘
 *    └──close()──▶ CLOSED
 * </pre>
 *
 * CLOSED and FAILED are terminal.
 */
public enum DtlsState {
  /** Created, handshake not started. */
  NEW,
  /** Closed in an orderly way: by {@link DtlsTransport#close()} or by the peer's close_notify. */
  CLOSED,
  /** The handshake or the association failed; {@link DtlsTransport#failureReason()} says why. */
  FAILED,
  /** The handshake is running on the DTLS executor. */
  CONNECTING,
  /** The handshake completed and the SRTP keys were exported. */
  CONNECTED;

  /** True for CLOSED and FAILED, which never change again. */
  public boolean isTerminal() {
    return this == CLOSED || this == FAILED;
  }
}
