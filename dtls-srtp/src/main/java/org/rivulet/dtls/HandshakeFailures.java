package org.rivulet.dtls;

import java.io.IOException;
import java.io.InterruptedIOException;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsTimeoutException;

/** Maps what Bouncy Castle's blocking calls throw to a {@link DtlsFailureReason}. */
final class HandshakeFailures {
  private HandshakeFailures() {}

  static DtlsFailureReason classify(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof RejectedHandshake) {
        return ((RejectedHandshake) c).reason();
      }
    }
    if (t instanceof TlsTimeoutException) {
      return DtlsFailureReason.TIMEOUT;
    }
    if (t instanceof TlsFatalAlertReceived) {
      return DtlsFailureReason.ALERT;
    }
    if (t instanceof InterruptedIOException) {
      return DtlsFailureReason.CANCELLED;
    }
    if (t instanceof TlsFatalAlert) {
      // Bouncy Castle wraps its own runtime exceptions as internal_error with the exception as cause.
      boolean bug = ((TlsFatalAlert) t).getAlertDescription() == AlertDescription.internal_error
          && t.getCause() != null && !(t.getCause() instanceof IOException);
      return bug ? DtlsFailureReason.INTERNAL_ERROR : DtlsFailureReason.PROTOCOL_ERROR;
    }
    return DtlsFailureReason.INTERNAL_ERROR;
  }
}
