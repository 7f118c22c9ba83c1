package org.rivulet.dtls;

/**
 * Completes {@link DtlsTransport#handshakeFuture()} when the handshake does not produce keys, with the
 * {@link DtlsFailureReason}.
 */
public final class DtlsHandshakeException extends Exception {
  private static final long serialVersionUID = 1L;

  private final DtlsFailureReason reason;

  DtlsHandshakeException(DtlsFailureReason reason, Throwable cause) {
    super(reason + (cause == null || cause.getMessage() == null ? "" : ": " + cause.getMessage()), cause);
    this.reason = reason;
  }

  public DtlsFailureReason reason() {
    return reason;
  }
}
