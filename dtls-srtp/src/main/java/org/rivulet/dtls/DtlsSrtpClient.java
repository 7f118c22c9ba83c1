package org.rivulet.dtls;

import java.io.IOException;
import java.util.Hashtable;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentials;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;

/**
 * The client role of a WebRTC DTLS-SRTP handshake as a Bouncy Castle {@code TlsClient}: DTLS 1.2 only,
 * {@code use_srtp} offered with the configured profiles (RFC 5764 section 4.1), the server certificate
 * checked against the remote fingerprints (RFC 5763 section 5), our certificate sent when asked, keys
 * exported on completion.
 *
 * <p>One instance per handshake; every callback runs on the DTLS executor thread inside
 * {@code DTLSClientProtocol.connect}.
 */
final class DtlsSrtpClient extends DefaultTlsClient implements DtlsSrtpPeer {
  private final DtlsConfig config;
  private final LocalCredentials credentials;
  private final HandshakeOutcome outcome;

  DtlsSrtpClient(JcaTlsCrypto crypto, DtlsConfig config) {
    super(crypto);
    this.config = config;
    this.credentials = new LocalCredentials(crypto, config.certificate());
    this.outcome = new HandshakeOutcome(DtlsRole.CLIENT,
        new PeerCertificateVerifier(config.remoteFingerprints()));
  }

  @Override
  protected ProtocolVersion[] getSupportedVersions() {
    return ProtocolVersion.DTLSv12.only();
  }

  @Override
  protected int[] getSupportedCipherSuites() {
    return DtlsCipherSuites.forClient(getCrypto());
  }

  @Override
  public int getHandshakeTimeoutMillis() {
    return config.handshakeTimeoutMillis();
  }

  /** Bouncy Castle's extensions API predates generics. */
  @Override
  @SuppressWarnings("rawtypes")
  public Hashtable getClientExtensions() throws IOException {
    Hashtable extensions = super.getClientExtensions();
    TlsSRTPUtils.addUseSRTPExtension(extensions, UseSrtpNegotiation.offer(config.srtpProfiles()));
    return extensions;
  }

  @Override
  @SuppressWarnings("rawtypes")
  public void processServerExtensions(Hashtable serverExtensions) throws IOException {
    super.processServerExtensions(serverExtensions);
    outcome.profile(UseSrtpNegotiation.accept(serverExtensions, config.srtpProfiles()));
  }

  @Override
  public TlsAuthentication getAuthentication() {
    return new TlsAuthentication() {
      @Override
      public void notifyServerCertificate(TlsServerCertificate serverCertificate) throws IOException {
        outcome.verifier().verify(serverCertificate.getCertificate());
      }

      @Override
      public TlsCredentials getClientCredentials(CertificateRequest request) throws IOException {
        return credentials.signer(context, request.getSupportedSignatureAlgorithms());
      }
    };
  }

  @Override
  public void notifyHandshakeComplete() throws IOException {
    super.notifyHandshakeComplete();
    outcome.complete(context);
  }

  @Override
  public void notifyAlertRaised(short level, short description, String message, Throwable cause) {
    outcome.alertRaised(level, description, message);
  }

  @Override
  public void notifyAlertReceived(short level, short description) {
    outcome.alertReceived(level, description);
  }

  @Override
  public DtlsSrtpKeys keys() {
    return outcome.keys();
  }

  @Override
  public boolean closeNotifyReceived() {
    return outcome.closeNotifyReceived();
  }
}
