package org.rivulet.dtls;

import org.bouncycastle.tls.TlsFatalAlert;

/**
 * A fatal alert that Rivulet's own checks raise inside Bouncy Castle's handshake callbacks, carrying
 * the {@link DtlsFailureReason} so that the failure is reported precisely. Bouncy Castle sends the alert
 * to the peer and rethrows this same object out of {@code accept}/{@code connect}.
 */
final class RejectedHandshake extends TlsFatalAlert {
  private static final long serialVersionUID = 1L;

  private final DtlsFailureReason reason;

  RejectedHandshake(DtlsFailureReason reason, short alertDescription, String message) {
    super(alertDescription, message);
    this.reason = reason;
  }

  DtlsFailureReason reason() {
    return reason;
  }
}
