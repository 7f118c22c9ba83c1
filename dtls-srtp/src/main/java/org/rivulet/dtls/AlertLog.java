package org.rivulet.dtls;

import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Debug logging of the alerts a Bouncy Castle peer raises and receives, shared by both roles. */
final class AlertLog {
  private static final Logger log = LoggerFactory.getLogger(AlertLog.class);

  private AlertLog() {}

  static void raised(DtlsRole role, short level, short description, String message) {
    if (log.isDebugEnabled()) {
      log.debug("DTLS {} sent {} alert {}: {}", role, AlertLevel.getText(level),
          AlertDescription.getText(description), message);
    }
  }

  static void received(DtlsRole role, short level, short description) {
    if (log.isDebugEnabled()) {
      log.debug("DTLS {} received {} alert {}", role, AlertLevel.getText(level),
          AlertDescription.getText(description));
    }
  }
}
