package org.rivulet.dtls;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * The local DTLS identity: a certificate and its private key, with the certificate's fingerprint for
 * the local SDP's {@code a=fingerprint} (RFC 8122 section 5).
 *
 * <p>Either generated self-signed at start-up ({@link #generate(DtlsKeyType)}, Kurento's
 * {@code certificateKeyType}) or loaded from a PEM file holding both the certificate and the private key
 * ({@link #loadPem(Path)}, Kurento's {@code pemCertificateRSA} / {@code pemCertificateECDSA}).
 *
 * <h2>Threading and reuse</h2>
 * Generating and loading are slow (an RSA key takes up to hundreds of milliseconds, a file read
 * blocks): call them off the event loop, once, at start-up or on a worker. The result is immutable and
 * thread-safe; one instance serves every DTLS association of the server, as in Kurento, so the
 * fingerprint in every answer is the same.
 *
 * <p>Uses only the JDK's providers (SunEC, SunRsaSign); Bouncy Castle's PKIX classes build and parse the
 * X.509 and PEM structures.
 */
public final class DtlsCertificate {
  /** libwebrtc and Kurento name their generated certificates similarly; peers pin the fingerprint. */
  private static final X500Name SUBJECT = new X500Name("CN=rivulet");
  /** Back-dated so a peer whose clock runs behind does not see a certificate from the future. */
  private static final Duration BACKDATE = Duration.ofDays(1);
  /**
   * WebRTC peers authenticate the certificate by its fingerprint, not by a CA chain or its dates
   * (RFC 5763 section 5), but the dates must still be well formed; a year covers a long-running server.
   */
  private static final Duration VALIDITY = Duration.ofDays(365);
  private static final byte[] KEY_CHECK_MESSAGE = "rivulet key check".getBytes(StandardCharsets.US_ASCII);

  private final DtlsKeyType keyType;
  private final byte[] der;
  private final PrivateKey privateKey;
  private final Fingerprint sha256;

  private DtlsCertificate(DtlsKeyType keyType, byte[] der, PrivateKey privateKey) {
    this.keyType = keyType;
    this.der = der;
    this.privateKey = privateKey;
    this.sha256 = Fingerprint.of(FingerprintHash.SHA_256, der);
  }

  /**
   * Generates a key pair and a self-signed certificate for it (SHA-256 signature). Slow for RSA: call
   * it off the event loop, once, and share the result.
   */
  public static DtlsCertificate generate(DtlsKeyType keyType) {
    SecureRandom random = new SecureRandom();
    try {
      KeyPair keys = generateKeyPair(keyType, random);
      Instant now = Instant.now();
      JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(SUBJECT,
          new BigInteger(63, random).add(BigInteger.ONE), Date.from(now.minus(BACKDATE)),
          Date.from(now.plus(VALIDITY)), SUBJECT, keys.getPublic());
      X509CertificateHolder holder = builder.build(
          new JcaContentSignerBuilder(signatureAlgorithm(keyType)).build(keys.getPrivate()));
      return new DtlsCertificate(keyType, holder.getEncoded(), keys.getPrivate());
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      // The JDK always provides EC P-256, RSA and their SHA-256 signatures.
      throw new IllegalStateException("cannot generate a " + keyType + " certificate", e);
    }
  }

  private static KeyPair generateKeyPair(DtlsKeyType keyType, SecureRandom random)
      throws GeneralSecurityException {
    KeyPairGenerator generator;
    if (keyType == DtlsKeyType.ECDSA) {
      generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), random);
    } else {
      generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), random);
    }
    return generator.generateKeyPair();
  }

  /** Reads {@link #fromPem(String)} from a file (UTF-8). Blocks: call it off the event loop. */
  public static DtlsCertificate loadPem(Path file) throws IOException {
    try {
      return fromPem(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses PEM text holding a certificate and its unencrypted private key, in any order: PKCS#8
   * ({@code PRIVATE KEY}) or the OpenSSL forms ({@code EC PRIVATE KEY}, {@code RSA PRIVATE KEY}). Other
   * blocks ({@code EC PARAMETERS}, further certificates) are skipped; the first certificate is the one
   * presented. The key must be EC or RSA and must belong to the certificate.
   *
   * @throws IOException when the text is not PEM, a part is missing or encrypted, the key type is not
   *     supported, or the key does not match the certificate
   */
  public static DtlsCertificate fromPem(String pem) throws IOException {
    X509CertificateHolder certificate = null;
    PrivateKeyInfo keyInfo = null;
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof X509CertificateHolder && certificate == null) {
          certificate = (X509CertificateHolder) o;
        } else if (o instanceof PEMKeyPair && keyInfo == null) {
          keyInfo = ((PEMKeyPair) o).getPrivateKeyInfo();
        } else if (o instanceof PrivateKeyInfo && keyInfo == null) {
          keyInfo = (PrivateKeyInfo) o;
        } else if (o instanceof PEMEncryptedKeyPair || o instanceof PKCS8EncryptedPrivateKeyInfo) {
          throw new IOException("encrypted private keys are not supported");
        }
      }
    } catch (IllegalArgumentException | IllegalStateException e) {
      // Bouncy Castle's ASN.1 layer reports some malformed structures this way.
      throw new IOException("malformed PEM: " + e.getMessage(), e);
    }
    if (certificate == null) {
      throw new IOException("no CERTIFICATE block");
    }
    if (keyInfo == null) {
      throw new IOException("no private key block");
    }
    SubjectPublicKeyInfo spki = certificate.getSubjectPublicKeyInfo();
    DtlsKeyType keyType = keyTypeOf(spki.getAlgorithm().getAlgorithm());
    try {
      if (keyType == DtlsKeyType.ECDSA) {
        // OpenSSL's "EC PRIVATE KEY" (RFC 5915) may leave the curve out of the algorithm identifier,
        // which the JDK requires; the certificate names the curve, and the key must be on it anyway.
        keyInfo = new PrivateKeyInfo(spki.getAlgorithm(), keyInfo.parsePrivateKey());
      }
      KeyFactory factory = KeyFactory.getInstance(keyType == DtlsKeyType.ECDSA ? "EC" : "RSA");
      PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(keyInfo.getEncoded()));
      PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(spki.getEncoded()));
      if (!keyBelongsTo(keyType, privateKey, publicKey)) {
        throw new IOException("the private key does not belong to the certificate");
      }
      return new DtlsCertificate(keyType, certificate.getEncoded(), privateKey);
    } catch (GeneralSecurityException e) {
      throw new IOException("unusable key: " + e.getMessage(), e);
    }
  }

  private static DtlsKeyType keyTypeOf(ASN1ObjectIdentifier algorithm) throws IOException {
    if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
      return DtlsKeyType.ECDSA;
    }
    if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
      return DtlsKeyType.RSA;
    }
    throw new IOException("unsupported certificate key algorithm " + algorithm);
  }

  /** Signs and verifies a fixed message: the one check that works the same for EC and RSA keys. */
  private static boolean keyBelongsTo(DtlsKeyType keyType, PrivateKey privateKey, PublicKey publicKey)
      throws GeneralSecurityException {
    Signature signer = Signature.getInstance(signatureAlgorithm(keyType));
    signer.initSign(privateKey);
    signer.update(KEY_CHECK_MESSAGE);
    byte[] signature = signer.sign();
    Signature verifier = Signature.getInstance(signatureAlgorithm(keyType));
    verifier.initVerify(publicKey);
    verifier.update(KEY_CHECK_MESSAGE);
    return verifier.verify(signature);
  }

  private static String signatureAlgorithm(DtlsKeyType keyType) {
    return keyType == DtlsKeyType.ECDSA ? "SHA256withECDSA" : "SHA256withRSA";
  }

  /**
   * The certificate and the private key (PKCS#8) as PEM text, the form {@link #fromPem(String)} reads.
   * The text holds the private key: write it only where the key may be stored.
   */
  public String toPem() {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(new X509CertificateHolder(der));
      writer.writeObject(new JcaPKCS8Generator(privateKey, null));
    } catch (IOException e) {
      // Writing to a StringWriter cannot fail, and the DER was produced by us.
      throw new IllegalStateException(e);
    }
    return out.toString();
  }

  public DtlsKeyType keyType() {
    return keyType;
  }

  /** The SHA-256 fingerprint: what goes in the local SDP, {@code a=fingerprint:sha-256 AB:CD:...}. */
  public Fingerprint fingerprint() {
    return sha256;
  }

  /** The fingerprint with another hash function. */
  public Fingerprint fingerprint(FingerprintHash hash) {
    return hash == FingerprintHash.SHA_256 ? sha256 : Fingerprint.of(hash, der);
  }

  /** A copy of the DER-encoded certificate. */
  public byte[] encoded() {
    return der.clone();
  }

  /** The DER encoding itself, not copied: callers in this package never modify it. */
  byte[] der() {
    return der;
  }

  PrivateKey privateKey() {
    return privateKey;
  }

  /** The key type and fingerprint; never the key. */
  @Override
  public String toString() {
    return "DtlsCertificate[" + keyType + ", " + sha256 + "]";
  }
}
