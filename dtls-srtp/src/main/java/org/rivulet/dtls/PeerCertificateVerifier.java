package org.rivulet.dtls;

import java.io.IOException;
import java.util.List;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;

/**
 * Checks the peer's certificate chain against the remote SDP's {@code a=fingerprint} values, inside
 * the handshake (the server's client-certificate callback, the client's server-certificate callback),
 * so that a mismatch aborts the handshake before any key exists.
 *
 * <p>Only the end-entity certificate, the first of the chain, is hashed (RFC 5763 section 5, RFC 8122
 * section 5): a chain in which some later certificate matches is still refused (Pion CVE-2021-28681).
 * The certificate passes when it matches any one of the fingerprints; each fingerprint was parsed with a
 * hash function Rivulet supports, so there is no "cannot check" path.
 *
 * <p>Called on the DTLS executor thread; {@link #isVerified()} may be read from any thread.
 */
final class PeerCertificateVerifier {
  private final List<Fingerprint> remoteFingerprints;
  private volatile boolean verified;

  /** @param remoteFingerprints at least one; checked by {@link DtlsConfig} */
  PeerCertificateVerifier(List<Fingerprint> remoteFingerprints) {
    this.remoteFingerprints = List.copyOf(remoteFingerprints);
    if (this.remoteFingerprints.isEmpty()) {
      throw new IllegalArgumentException("no remote fingerprint");
    }
  }

  /**
   * Accepts the chain or throws the alert that ends the handshake.
   *
   * @throws RejectedHandshake NO_PEER_CERTIFICATE with handshake_failure for an empty chain (RFC 5246
   *     section 7.4.6 lets a server refuse it; WebRTC requires a certificate on both sides), or
   *     FINGERPRINT_MISMATCH with bad_certificate
   */
  void verify(Certificate chain) throws IOException {
    if (chain == null || chain.isEmpty()) {
      throw new RejectedHandshake(DtlsFailureReason.NO_PEER_CERTIFICATE,
          AlertDescription.handshake_failure, "the peer sent no certificate");
    }
    byte[] endEntity = chain.getCertificateAt(0).getEncoded();
    boolean match = false;
    for (Fingerprint f : remoteFingerprints) {
      // No early exit: every fingerprint is hashed and compared whatever the outcome.
      match |= f.matches(endEntity);
    }
    if (!match) {
      throw new RejectedHandshake(DtlsFailureReason.FINGERPRINT_MISMATCH,
          AlertDescription.bad_certificate, "the peer certificate matches no a=fingerprint");
    }
    verified = true;
  }

  /** True once a chain has passed {@link #verify(Certificate)}. */
  boolean isVerified() {
    return verified;
  }
}
