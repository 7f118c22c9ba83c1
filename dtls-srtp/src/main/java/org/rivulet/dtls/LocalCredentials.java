package org.rivulet.dtls;

import java.io.IOException;
import java.util.Vector;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.HashAlgorithm;
import org.bouncycastle.tls.SignatureAlgorithm;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsContext;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.crypto.TlsCertificate;
import org.bouncycastle.tls.crypto.TlsCryptoParameters;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaDefaultTlsCredentialedSigner;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;

/**
 * Turns a {@link DtlsCertificate} into the signing credentials of one handshake, for either role: the
 * server signs its ServerKeyExchange with them, the client its CertificateVerify.
 *
 * <p>Used on the DTLS executor thread during one handshake.
 */
final class LocalCredentials {
  /** SHA-256 first: it matches P-256's strength and is what browsers sign with. */
  private static final short[] HASH_PREFERENCE = {
      HashAlgorithm.sha256, HashAlgorithm.sha384, HashAlgorithm.sha512};

  private final JcaTlsCrypto crypto;
  private final DtlsCertificate certificate;

  LocalCredentials(JcaTlsCrypto crypto, DtlsCertificate certificate) {
    this.crypto = crypto;
    this.certificate = certificate;
  }

  /** The TLS signature algorithm of the key: ecdsa or rsa (PKCS#1 v1.5, RFC 5246 7.4.1.4.1). */
  short signatureAlgorithm() {
    return certificate.keyType() == DtlsKeyType.ECDSA ? SignatureAlgorithm.ecdsa : SignatureAlgorithm.rsa;
  }

  /**
   * A signer for this handshake.
   *
   * @param peerSignatureAlgorithms what the peer accepts (its signature_algorithms extension, or the
   *     CertificateRequest's list); null when it sent none
   * @throws TlsFatalAlert handshake_failure when the peer accepts no SHA-2 signature with this key
   */
  TlsCredentialedSigner signer(TlsContext context, Vector<?> peerSignatureAlgorithms) throws IOException {
    TlsCertificate tlsCertificate = crypto.createCertificate(certificate.der());
    Certificate chain = new Certificate(new TlsCertificate[] {tlsCertificate});
    return new JcaDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto,
        certificate.privateKey(), chain, choose(peerSignatureAlgorithms));
  }

  private SignatureAndHashAlgorithm choose(Vector<?> peerAlgorithms) throws IOException {
    short signature = signatureAlgorithm();
    if (peerAlgorithms == null) {
      // RFC 5246 7.4.1.4.1: a peer that sends no list accepts SHA-1 with the key's algorithm.
      return SignatureAndHashAlgorithm.getInstance(HashAlgorithm.sha1, signature);
    }
    for (short hash : HASH_PREFERENCE) {
      SignatureAndHashAlgorithm candidate = SignatureAndHashAlgorithm.getInstance(hash, signature);
      if (peerAlgorithms.contains(candidate)) {
        return candidate;
      }
    }
    throw new TlsFatalAlert(AlertDescription.handshake_failure,
        "the peer accepts no SHA-2 signature with a " + certificate.keyType() + " key");
  }
}
