package org.rivulet.dtls;

import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCrypto;

/**
 * The DTLS 1.2 cipher suites Rivulet offers (client) and accepts (server): ephemeral ECDH with ECDSA or
 * RSA signatures, AES-GCM first and AES-CBC as the fallback, the set and the order that Chromium and
 * Firefox offer (less ChaCha20). Ephemeral keys give forward secrecy to the exported SRTP keys
 * (RFC 8827 section 6.5).
 */
final class DtlsCipherSuites {

  /** A browser's order: GCM before CBC, AES-128 before AES-256, ECDSA before RSA at each step. */
  private static final int[] CLIENT = {
      CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
      CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
      CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
      CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
      CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
      CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
      CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
      CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,
  };

  /** A server can only sign with the key it has, so it accepts the suites of its key type only. */
  private static final int[] SERVER_ECDSA = {
      CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
      CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
      CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA,
      CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA,
  };

  private static final int[] SERVER_RSA = {
      CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
      CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
      CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA,
      CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA,
  };

  private DtlsCipherSuites() {}

  /** The client's offer, less any suite the crypto provider cannot run. A fresh array. */
  static int[] forClient(TlsCrypto crypto) {
    return TlsUtils.getSupportedCipherSuites(crypto, CLIENT);
  }

  /** The suites a server with this key type can complete, less any the crypto cannot run. */
  static int[] forServer(TlsCrypto crypto, DtlsKeyType keyType) {
    return TlsUtils.getSupportedCipherSuites(crypto,
        keyType == DtlsKeyType.ECDSA ? SERVER_ECDSA : SERVER_RSA);
  }
}
