package org.rivulet.elements.rtpendpoint;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.rivulet.elements.Struct;
import org.rivulet.elements.error.KurentoError;
import org.rivulet.elements.error.KurentoException;
import org.rivulet.sdp.Crypto;
import org.rivulet.sdp.CryptoKeyParam;
import org.rivulet.srtp.SrtpProfile;

/**
 * The SDES-SRTP settings of one RtpEndpoint: the crypto-suite and our master key and salt, taken from
 * the {@code crypto} constructor parameter (Kurento's {@code SDES} type). Immutable; the key is
 * never printed.
 *
 * <p>How the parameter is read follows KMS's {@code RtpEndpointImpl} constructor:
 * <ul>
 *   <li>no {@code crypto} value, or one without the {@code crypto} (suite) field: plain RTP, even when
 *       a key is given ({@link #fromStruct} returns null);
 *   <li>{@code key}: the master key followed by the master salt as plain text; its bytes (UTF-8, as
 *       the JSON string reaches KMS) must number exactly the suite's key plus salt length, 30 for the
 *       AES-128 suites and 46 for the AES-256 ones;
 *   <li>{@code keyBase64}: the same bytes in base64. When both are given, {@code key} wins and
 *       {@code keyBase64} is ignored, as in KMS;
 *   <li>neither: a random key and salt from {@link SecureRandom} (KMS uses {@code getrandom}).
 * </ul>
 * Errors are MEDIA_OBJECT_ILLEGAL_PARAM_ERROR, worded as KMS words them followed by the detail.
 *
 * <p>One key serves every m-line and both offers and answers, as in KMS, where the endpoint keeps a
 * single master key. We send it in {@code a=crypto} lines with no lifetime, MKI or session parameters
 * ({@link #attribute(int)}); as offerer we use tag {@value #OFFER_TAG}, as KMS does.
 */
public final class SdesConfig {

  /** The tag of the single {@code a=crypto} line of our offers (KMS's {@code DEFAULT_KEY_TAG}). */
  public static final int OFFER_TAG = 1;

  /** Kurento's CryptoSuite values, in the profile order of {@link #KURENTO_PROFILES}. */
  private static final List<String> KURENTO_SUITES = List.of(
      "AES_128_CM_HMAC_SHA1_32", "AES_128_CM_HMAC_SHA1_80", "AES_256_CM_HMAC_SHA1_32", "AES_256_CM_HMAC_SHA1_80");
  private static final List<SrtpProfile> KURENTO_PROFILES = List.of(
      SrtpProfile.AES_CM_128_HMAC_SHA1_32, SrtpProfile.AES_CM_128_HMAC_SHA1_80,
      SrtpProfile.AES_256_CM_HMAC_SHA1_32, SrtpProfile.AES_256_CM_HMAC_SHA1_80);

  private static final SecureRandom RANDOM = new SecureRandom();

  /** Where the master key came from. */
  public enum KeySource {
    /** The {@code key} field (plain text). */
    KEY,
    /** The {@code keyBase64} field. */
    KEY_BASE64,
    /** Neither field: generated. */
    GENERATED,
    /** {@link #of(SrtpProfile, byte[])}. */
    GIVEN
  }

  private final SrtpProfile profile;
  private final byte[] keyAndSalt;
  private final KeySource source;

  private SdesConfig(SrtpProfile profile, byte[] keyAndSalt, KeySource source) {
    this.profile = profile;
    this.keyAndSalt = keyAndSalt;
    this.source = source;
  }

  /**
   * The settings from the constructor's {@code crypto} parameter.
   *
   * @param crypto the SDES value ({@code key}, {@code keyBase64}, {@code crypto}), or null
   * @return null when the endpoint uses plain RTP: no value, or no suite in it (KMS ignores the keys then)
   * @throws KurentoException MEDIA_OBJECT_ILLEGAL_PARAM_ERROR for an unknown suite, a key that is not
   *     base64 or a key of the wrong length
   */
  public static SdesConfig fromStruct(Struct crypto) {
    if (crypto == null) {
      return null;
    }
    String suite = field(crypto, "crypto");
    if (suite == null) {
      return null;
    }
    SrtpProfile profile = profileForSuite(suite);
    String key = field(crypto, "key");
    String keyBase64 = field(crypto, "keyBase64");
    if (key != null) {
      byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
      requireLength(profile, bytes.length, "'key' is " + bytes.length + " bytes (UTF-8)");
      return new SdesConfig(profile, bytes, KeySource.KEY);
    }
    if (keyBase64 != null) {
      byte[] bytes = decodeBase64(keyBase64);
      requireLength(profile, bytes.length, "'keyBase64' decodes to " + bytes.length + " bytes");
      return new SdesConfig(profile, bytes, KeySource.KEY_BASE64);
    }
    return random(profile);
  }

  /** A random master key and salt for {@code profile}. */
  public static SdesConfig random(SrtpProfile profile) {
    Objects.requireNonNull(profile, "profile");
    byte[] bytes = new byte[keyAndSaltLength(profile)];
    RANDOM.nextBytes(bytes);
    return new SdesConfig(profile, bytes, KeySource.GENERATED);
  }

  /**
   * Settings with a known master key followed by its salt (copied).
   *
   * @throws IllegalArgumentException if the length is not the profile's key plus salt length
   */
  public static SdesConfig of(SrtpProfile profile, byte[] keyAndSalt) {
    Objects.requireNonNull(profile, "profile");
    if (keyAndSalt.length != keyAndSaltLength(profile)) {
      throw new IllegalArgumentException(profile.sdesName() + " needs " + keyAndSaltLength(profile)
          + " bytes of key and salt, got " + keyAndSalt.length);
    }
    return new SdesConfig(profile, keyAndSalt.clone(), KeySource.GIVEN);
  }

  /**
   * The SRTP profile for one of Kurento's CryptoSuite values, such as {@code AES_128_CM_HMAC_SHA1_80}
   * (Kurento spells the AES-128 suites differently from RFC 4568's {@code AES_CM_128_HMAC_SHA1_80}).
   *
   * @throws KurentoException MEDIA_OBJECT_ILLEGAL_PARAM_ERROR for any other value
   */
  public static SrtpProfile profileForSuite(String kurentoSuite) {
    int i = KURENTO_SUITES.indexOf(kurentoSuite);
    if (i < 0) {
      throw illegal("Invalid crypto suite " + SdesNegotiation.quote(kurentoSuite) + ": expected one of "
          + String.join(", ", KURENTO_SUITES));
    }
    return KURENTO_PROFILES.get(i);
  }

  /** Kurento's CryptoSuite value for {@code profile}, or null when Kurento's API has none (the GCM suites). */
  public static String suiteName(SrtpProfile profile) {
    int i = KURENTO_PROFILES.indexOf(profile);
    return i < 0 ? null : KURENTO_SUITES.get(i);
  }

  /** The master key length plus the master salt length, in bytes: what {@code inline:} carries. */
  public static int keyAndSaltLength(SrtpProfile profile) {
    return profile.masterKeyLength() + profile.masterSaltLength();
  }

  public SrtpProfile profile() {
    return profile;
  }

  public KeySource keySource() {
    return source;
  }

  /** Our master key (a copy): what we encrypt with. */
  public byte[] masterKey() {
    return Arrays.copyOfRange(keyAndSalt, 0, profile.masterKeyLength());
  }

  /** Our master salt (a copy). */
  public byte[] masterSalt() {
    return Arrays.copyOfRange(keyAndSalt, profile.masterKeyLength(), keyAndSalt.length);
  }

  /** Our master key followed by our master salt (a copy). */
  public byte[] keyAndSalt() {
    return keyAndSalt.clone();
  }

  /** The {@code a=crypto} value of our offer: tag {@value #OFFER_TAG}, our suite and key. */
  public Crypto offerAttribute() {
    return attribute(OFFER_TAG);
  }

  /**
   * An {@code a=crypto} value with our suite and key under {@code tag}: {@code <tag> <suite>
   * inline:<base64 key||salt>}, with no lifetime (the SRTP maximum applies), no MKI and no session
   * parameters.
   */
  public Crypto attribute(int tag) {
    return new Crypto(tag, profile.sdesName(), List.of(CryptoKeyParam.inline(keyAndSalt)), List.of());
  }

  /** Does not print the key. */
  @Override
  public String toString() {
    return "SdesConfig[" + profile.sdesName() + ", key from " + source + "]";
  }

  private static String field(Struct crypto, String name) {
    Object v = crypto.get(name);
    if (v == null || v instanceof String) {
      return (String) v;
    }
    throw illegal("SDES field '" + name + "' must be a string");
  }

  /**
   * Standard base64 (RFC 4648 section 4), padding optional. Spaces, tabs and line breaks are skipped, as
   * KMS's decoder skips them, so a key pasted with a trailing newline works; any other character
   * outside the alphabet is an error. The message gives only the position: the key is a secret.
   */
  private static byte[] decodeBase64(String text) {
    StringBuilder compact = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
        continue;
      }
      boolean alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+'
          || c == '/' || c == '=';
      if (!alphabet) {
        throw illegal("Master key is not valid Base64: 'keyBase64' has a character outside the base64"
            + " alphabet at position " + i);
      }
      compact.append(c);
    }
    try {
      return Base64.getDecoder().decode(compact.toString());
    } catch (IllegalArgumentException e) {
      throw illegal("Master key is not valid Base64: 'keyBase64' has bad padding or a truncated last group");
    }
  }

  private static void requireLength(SrtpProfile profile, int length, String what) {
    int expected = keyAndSaltLength(profile);
    if (length != expected) {
      throw illegal("Master key size is wrong: " + what + ", " + suiteName(profile) + " needs " + expected
          + " (" + profile.masterKeyLength() + "-byte master key + " + profile.masterSaltLength()
          + "-byte master salt)");
    }
  }

  private static KurentoException illegal(String message) {
    return new KurentoException(KurentoError.MEDIA_OBJECT_ILLEGAL_PARAM_ERROR, message);
  }
}
