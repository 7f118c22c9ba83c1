package org.rivulet.dtls;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.DTLSClientProtocol;
import org.bouncycastle.tls.DTLSServerProtocol;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.DefaultTlsServer;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerOnlyTlsAuthentication;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsCredentialedSigner;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCrypto;
import org.bouncycastle.tls.crypto.impl.jcajce.JcaTlsCryptoProvider;

/**
 * Bouncy Castle DTLS peers that know nothing of {@code use_srtp}: what a misconfigured or non-WebRTC
 * peer looks like to Rivulet. Each runs its blocking handshake on a thread of its own and reports how it
 * ended through a future (normally an exception, since Rivulet refuses it).
 */
final class PlainBcPeers {
  private PlainBcPeers() {}

  /** A DTLS 1.2 client that trusts any server and sends no use_srtp. */
  static CompletableFuture<Void> runClient(QueueDatagramTransport transport) {
    JcaTlsCrypto crypto = new JcaTlsCryptoProvider().create(new SecureRandom());
    DefaultTlsClient client = new DefaultTlsClient(crypto) {
      @Override
      protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
      }

      @Override
      public TlsAuthentication getAuthentication() {
        return new ServerOnlyTlsAuthentication() {
          @Override
          public void notifyServerCertificate(TlsServerCertificate serverCertificate) {
            // Trusts anything: the test is about use_srtp, not about authentication.
          }
        };
      }
    };
    return run("plain-dtls-client", () -> new DTLSClientProtocol().connect(client, transport).close());
  }

  /** A DTLS 1.2 server with an ECDSA certificate that ignores use_srtp and asks for no client certificate. */
  static CompletableFuture<Void> runServer(QueueDatagramTransport transport, DtlsCertificate certificate) {
    JcaTlsCrypto crypto = new JcaTlsCryptoProvider().create(new SecureRandom());
    LocalCredentials credentials = new LocalCredentials(crypto, certificate);
    DefaultTlsServer server = new DefaultTlsServer(crypto) {
      @Override
      protected ProtocolVersion[] getSupportedVersions() {
        return ProtocolVersion.DTLSv12.only();
      }

      @Override
      protected int[] getSupportedCipherSuites() {
        return new int[] {CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256};
      }

      @Override
      protected TlsCredentialedSigner getECDSASignerCredentials() throws IOException {
        return credentials.signer(context, context.getSecurityParametersHandshake().getClientSigAlgs());
      }
    };
    return run("plain-dtls-server", () -> new DTLSServerProtocol().accept(server, transport).close());
  }

  private interface Handshake {
    void run() throws IOException;
  }

  private static CompletableFuture<Void> run(String name, Handshake handshake) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        handshake.run();
        done.complete(null);
      } catch (IOException | RuntimeException e) {
        done.completeExceptionally(e);
      }
    }, name);
    t.setDaemon(true);
    t.start();
    return done;
  }
}
