package org.rivulet.dtls;

import java.io.IOException;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.bouncycastle.tls.TlsContext;

/**
 * What one side's handshake settled (the peer's verified certificate, the SRTP profile) and what it
 * produced (the keys, a close_notify), with the checks that guard the key export. Shared by
 * {@link DtlsSrtpClient} and {@link DtlsSrtpServer}, which extend different Bouncy Castle classes.
 * Used on the DTLS executor thread; {@link #closeNotifyReceived()} may be read from others.
 */
final class HandshakeOutcome {
  private final DtlsRole role;
  private final PeerCertificateVerifier verifier;
  private DtlsSrtpProfile profile;
  private DtlsSrtpKeys keys;
  private volatile boolean closeNotifyReceived;

  HandshakeOutcome(DtlsRole role, PeerCertificateVerifier verifier) {
    this.role = role;
    this.verifier = verifier;
  }

  PeerCertificateVerifier verifier() {
    return verifier;
  }

  void profile(DtlsSrtpProfile negotiated) {
    this.profile = negotiated;
  }

  DtlsSrtpProfile profile() {
    return profile;
  }

  /**
   * The only place keys come from. The checks repeat what the earlier callbacks enforce, so that no
   * path through Bouncy Castle can reach an export without a verified peer and a profile.
   */
  void complete(TlsContext context) throws IOException {
    if (!verifier.isVerified()) {
      String peer = role == DtlsRole.CLIENT ? "server" : "client";
      throw new RejectedHandshake(DtlsFailureReason.NO_PEER_CERTIFICATE,
          AlertDescription.handshake_failure,
          "handshake completed without a verified " + peer + " certificate");
    }
    if (profile == null) {
      throw new RejectedHandshake(DtlsFailureReason.NO_SRTP_PROFILE, AlertDescription.handshake_failure,
          "handshake completed without use_srtp");
    }
    keys = DtlsSrtpExporter.export(context, profile, role);
  }

  void alertRaised(short level, short description, String message) {
    AlertLog.raised(role, level, description, message);
  }

  void alertReceived(short level, short description) {
    AlertLog.received(role, level, description);
    if (level == AlertLevel.warning && description == AlertDescription.close_notify) {
      closeNotifyReceived = true;
    }
  }

  DtlsSrtpKeys keys() {
    return keys;
  }

  boolean closeNotifyReceived() {
    return closeNotifyReceived;
  }
}
