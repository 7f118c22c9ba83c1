package org.rivulet.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.stream.Stream;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Generated certificates, their fingerprints, and PEM files in and out. */
class DtlsCertificateTest {
  private static DtlsCertificate ecdsa;
  private static DtlsCertificate otherEcdsa;
  /** Generated once for the class: RSA key generation is slow. */
  private static DtlsCertificate rsa;

  @TempDir
  Path dir;

  @BeforeAll
  static void certificates() {
    ecdsa = DtlsCertificate.generate(DtlsKeyType.ECDSA);
    otherEcdsa = DtlsCertificate.generate(DtlsKeyType.ECDSA);
    rsa = DtlsCertificate.generate(DtlsKeyType.RSA);
  }

  static Stream<Arguments> generated() {
    return Stream.of(Arguments.of(DtlsKeyType.ECDSA), Arguments.of(DtlsKeyType.RSA));
  }

  private static DtlsCertificate of(DtlsKeyType type) {
    return type == DtlsKeyType.ECDSA ? ecdsa : rsa;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("generated")
  @Timeout(10)
  void generatedCertificateIsSelfSignedX509WithTheRightKey(DtlsKeyType type) throws Exception {
    DtlsCertificate c = of(type);
    assertEquals(type, c.keyType());
    X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509")
        .generateCertificate(new ByteArrayInputStream(c.encoded()));
    x509.verify(x509.getPublicKey());
    x509.checkValidity();
    assertEquals(type == DtlsKeyType.ECDSA ? "EC" : "RSA", x509.getPublicKey().getAlgorithm());
    assertEquals(x509.getSubjectX500Principal(), x509.getIssuerX500Principal());
  }

  @Test
  @DisplayName("the SDP fingerprint is sha-256 of the DER, 32 upper-case hex pairs (RFC 8122 5)")
  @Timeout(10)
  void fingerprintIsSha256OfTheDer() {
    String sdp = ecdsa.fingerprint().toString();
    assertTrue(sdp.matches("sha-256 [0-9A-F]{2}(:[0-9A-F]{2}){31}"), sdp);
    assertTrue(ecdsa.fingerprint().matches(ecdsa.encoded()));
    assertArrayEquals(FingerprintHash.SHA_256.digest(ecdsa.encoded()), ecdsa.fingerprint().value());
    assertEquals(FingerprintHash.SHA_1, ecdsa.fingerprint(FingerprintHash.SHA_1).hash());
    assertNotEquals(ecdsa.fingerprint(), otherEcdsa.fingerprint());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("generated")
  @Timeout(10)
  void pemFileRoundTrips(DtlsKeyType type) throws IOException {
    DtlsCertificate original = of(type);
    Path file = dir.resolve(type + ".pem");
    Files.writeString(file, original.toPem(), StandardCharsets.UTF_8);

    DtlsCertificate loaded = DtlsCertificate.loadPem(file);

    assertEquals(type, loaded.keyType());
    assertEquals(original.fingerprint(), loaded.fingerprint());
    assertArrayEquals(original.encoded(), loaded.encoded());
    assertArrayEquals(original.privateKey().getEncoded(), loaded.privateKey().getEncoded());
  }

  @Test
  @DisplayName("OpenSSL's own key forms load too, key before certificate (EC PRIVATE KEY, RSA PRIVATE KEY)")
  @Timeout(10)
  void traditionalKeyFormsLoadInEitherOrder() throws IOException {
    for (DtlsCertificate original : new DtlsCertificate[] {ecdsa, rsa}) {
      StringWriter out = new StringWriter();
      try (JcaPEMWriter w = new JcaPEMWriter(out)) {
        // A java.security key is written in the traditional OpenSSL form, not PKCS#8.
        w.writeObject(original.privateKey());
        w.writeObject(new X509CertificateHolder(original.encoded()));
      }
      String pem = out.toString();
      String block = original.keyType() == DtlsKeyType.ECDSA ? "EC PRIVATE KEY" : "RSA PRIVATE KEY";
      assertTrue(pem.contains(block), pem);
      assertEquals(original.fingerprint(), DtlsCertificate.fromPem(pem).fingerprint());
    }
  }

  @Test
  @DisplayName("a certificate loaded from PEM completes a handshake")
  @Timeout(30)
  void loadedCertificateHandshakes() throws Exception {
    Path file = dir.resolve("server.pem");
    Files.writeString(file, ecdsa.toPem(), StandardCharsets.UTF_8);
    DtlsCertificate loaded = DtlsCertificate.loadPem(file);
    try (DtlsPair p = DtlsPair.trusting(otherEcdsa, loaded, DtlsSrtpProfile.PREFERENCE,
        DtlsSrtpProfile.PREFERENCE)) {
      p.start();
      assertEquals(p.client.handshakeFuture().get().profile(), p.server.handshakeFuture().get().profile());
    }
  }

  static Stream<Arguments> badPem() {
    String ecCert = certificateOnly(ecdsa);
    String ecKey = keyOnly(ecdsa);
    return Stream.of(
        Arguments.of("empty", "", "no CERTIFICATE"),
        Arguments.of("not PEM", "hello", "no CERTIFICATE"),
        Arguments.of("certificate without key", ecCert, "no private key"),
        Arguments.of("key without certificate", ecKey, "no CERTIFICATE"),
        Arguments.of("key of another certificate", certificateOnly(otherEcdsa) + ecKey, "does not belong"),
        Arguments.of("RSA key with an EC certificate", ecCert + keyOnly(rsa), "unusable key"),
        Arguments.of("corrupt base64 body",
            "-----BEGIN CERTIFICATE-----\nAAAA%%%%\n-----END CERTIFICATE-----\n" + ecKey, ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badPem")
  @Timeout(10)
  void badPemIsRefusedWithAnIoException(String name, String pem, String messagePart) {
    IOException e = assertThrows(IOException.class, () -> DtlsCertificate.fromPem(pem));
    assertTrue(e.getMessage() != null && e.getMessage().contains(messagePart), e.getMessage());
  }

  @Test
  @Timeout(10)
  void missingFileNamesThePath() {
    Path missing = dir.resolve("absent.pem");
    IOException e = assertThrows(IOException.class, () -> DtlsCertificate.loadPem(missing));
    assertTrue(e.getMessage().contains("absent.pem"), e.getMessage());
  }

  @Test
  @Timeout(10)
  void toStringShowsNoKey() {
    String s = ecdsa.toString();
    assertTrue(s.contains("ECDSA") && s.contains("sha-256"), s);
    assertTrue(!ecdsa.toPem().isEmpty() && !s.contains("PRIVATE"), s);
  }

  private static String certificateOnly(DtlsCertificate c) {
    String pem = c.toPem();
    return pem.substring(0, pem.indexOf("-----BEGIN PRIVATE KEY-----"));
  }

  private static String keyOnly(DtlsCertificate c) {
    String pem = c.toPem();
    return pem.substring(pem.indexOf("-----BEGIN PRIVATE KEY-----"));
  }
}
