package org.rivulet.dtls;

import java.util.Arrays;
import org.bouncycastle.tls.TlsContext;

/**
 * Exports the SRTP keying material from a completed handshake (RFC 5764 section 4.2, through the
 * RFC 5705 exporter) and splits it by role.
 *
 * <p>Bouncy Castle allows the export only inside {@code notifyHandshakeComplete()}, and clears the
 * master secret when the handshake call returns; the peers call this from that callback, on the DTLS
 * executor thread.
 */
final class DtlsSrtpExporter {
  /** RFC 5764 section 4.2; no context value. */
  static final String LABEL = "EXTRACTOR-dtls_srtp";

  private DtlsSrtpExporter() {}

  static DtlsSrtpKeys export(TlsContext context, DtlsSrtpProfile profile, DtlsRole role) {
    byte[] material = context.exportKeyingMaterial(LABEL, null, profile.keyingMaterialLength());
    try {
      return DtlsSrtpKeys.split(profile, role, material);
    } finally {
      Arrays.fill(material, (byte) 0);
    }
  }
}
