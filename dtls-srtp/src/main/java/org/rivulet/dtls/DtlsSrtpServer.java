package org.rivulet.dtls;

import java.io.IOException;
import java.util.Hashtable;
import java.util.Vector;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateRequest;
import org.bouncycastle.tls.ClientCertificateType;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsSRTPUtils;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;

/**
 * The server role of a WebRTC DTLS-SRTP handshake as a Bouncy Castle {@code TlsServer}: DTLS 1.2 only,
 * {@code use_srtp} required (RFC 5764 section 4.1), a client certificate requested and checked against
 * the remote fingerprints (RFC 5763 section 5), keys exported on completion.
 *
 * <p>One instance per handshake; every callback runs on the DTLS executor thread inside
 * {@code DTLSServerProtocol.accept}.
 */
final class DtlsSrtpServer extends DefaultTlsServer implements DtlsSrtpPeer {
  private final DtlsConfig config;
  private final LocalCredentials credentials;
  private final HandshakeOutcome outcome;

  DtlsSrtpServer(JcaTlsCrypto crypto, DtlsConfig config) {
    super(crypto);
    this.config = config;
    this.credentials = new LocalCredentials(crypto, config.certificate());
    this.outcome = new HandshakeOutcome(DtlsRole.SERVER,
        new PeerCertificateVerifier(config.remoteFingerprints()));
  }

  @Override
  protected ProtocolVersion[] getSupportedVersions() {
    return ProtocolVersion.DTLSv12.only();
  }

  @Override
  protected int[] getSupportedCipherSuites() {
    return DtlsCipherSuites.forServer(getCrypto(), config.certificate().keyType());
  }

  @Override
  public int getHandshakeTimeoutMillis() {
    return config.handshakeTimeoutMillis();
  }

  /** Bouncy Castle's extensions API predates generics. */
  @Override
  @SuppressWarnings("rawtypes")
  public void processClientExtensions(Hashtable clientExtensions) throws IOException {
    super.processClientExtensions(clientExtensions);
    outcome.profile(UseSrtpNegotiation.select(clientExtensions, config.srtpProfiles()));
  }

  @Override
  @SuppressWarnings("rawtypes")
  public Hashtable getServerExtensions() throws IOException {
    Hashtable extensions = super.getServerExtensions();
    TlsSRTPUtils.addUseSRTPExtension(extensions, UseSrtpNegotiation.answer(outcome.profile()));
    return extensions;
  }

  /** WebRTC authenticates both ends (RFC 5763 section 5): always ask for the client's certificate. */
  @Override
  public CertificateRequest getCertificateRequest() {
    short[] types = {ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign};
    Vector<?> signatureAlgorithms = TlsUtils.getDefaultSupportedSignatureAlgorithms(context);
    return new CertificateRequest(types, signatureAlgorithms, null);
  }

  @Override
  public void notifyClientCertificate(Certificate clientCertificate) throws IOException {
    outcome.verifier().verify(clientCertificate);
  }

  @Override
  protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
    return signer();
  }

  @Override
  protected TlsCredentialedSigner getRSASignerCredentials() throws IOException {
    return signer();
  }

  private TlsCredentialedSigner signer() throws IOException {
    return credentials.signer(context, context.getSecurityParametersHandshake().getClientSigAlgs());
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
