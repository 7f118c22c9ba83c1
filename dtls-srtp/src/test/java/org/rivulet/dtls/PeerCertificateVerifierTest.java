package org.rivulet.dtls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.List;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The peer certificate check of RFC 5763 section 5 and RFC 8122 section 5. */
@Timeout(10)
class PeerCertificateVerifierTest {
  private static DtlsCertificate a;
  private static DtlsCertificate b;
  private static JcaTlsCrypto crypto;

  @BeforeAll
  static void certificates() {
    a = DtlsCertificate.generate(DtlsKeyType.ECDSA);
    b = DtlsCertificate.generate(DtlsKeyType.ECDSA);
    crypto = new JcaTlsCryptoProvider().create(new SecureRandom());
  }

  private static Certificate chain(DtlsCertificate... certificates) throws IOException {
    TlsCertificate[] list = new TlsCertificate[certificates.length];
    for (int i = 0; i < list.length; i++) {
      list[i] = crypto.createCertificate(certificates[i].encoded());
    }
    return new Certificate(list);
  }

  @Test
  void endEntityMatchingAnyFingerprintPasses() throws IOException {
    PeerCertificateVerifier v = new PeerCertificateVerifier(
        List.of(b.fingerprint(), a.fingerprint(FingerprintHash.SHA_384)));
    assertFalse(v.isVerified());
    v.verify(chain(a));
    assertTrue(v.isVerified());
  }

  @Test
  @DisplayName("only the end-entity certificate counts: a match further down the chain is refused (B3.25)")
  void matchOnlyInTheSecondCertificateIsRefused() throws IOException {
    PeerCertificateVerifier v = new PeerCertificateVerifier(List.of(b.fingerprint()));
    Certificate chain = chain(a, b);
    RejectedHandshake e = assertThrows(RejectedHandshake.class, () -> v.verify(chain));
    assertEquals(DtlsFailureReason.FINGERPRINT_MISMATCH, e.reason());
    assertEquals(AlertDescription.bad_certificate, e.getAlertDescription());
    assertFalse(v.isVerified());
  }

  @Test
  @DisplayName("an empty Certificate message is refused (Pion CVE-2022-29222, B3.27)")
  void emptyChainIsRefused() {
    PeerCertificateVerifier v = new PeerCertificateVerifier(List.of(a.fingerprint()));
    RejectedHandshake e = assertThrows(RejectedHandshake.class, () -> v.verify(Certificate.EMPTY_CHAIN));
    assertEquals(DtlsFailureReason.NO_PEER_CERTIFICATE, e.reason());
    assertEquals(AlertDescription.handshake_failure, e.getAlertDescription());
    assertThrows(RejectedHandshake.class, () -> v.verify(null));
    assertFalse(v.isVerified());
  }

  @Test
  void noFingerprintIsAConfigurationError() {
    assertThrows(IllegalArgumentException.class, () -> new PeerCertificateVerifier(List.of()));
  }
}
