package org.rivulet.elements.rtpendpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rivulet.elements.Struct;
import org.rivulet.elements.error.KurentoError;
import org.rivulet.elements.error.KurentoException;
import org.rivulet.sdp.Crypto;
import org.rivulet.sdp.CryptoKeyParam;
import org.rivulet.srtp.SrtpProfile;

/** The RtpEndpoint {@code crypto} parameter, read as KMS's RtpEndpointImpl reads it. */
class SdesConfigTest {

  /** Kurento's CryptoSuite value, the profile it means, and key plus salt length. */
  static Stream<Arguments> suites() {
    return Stream.of(
        Arguments.of("AES_128_CM_HMAC_SHA1_32", SrtpProfile.AES_CM_128_HMAC_SHA1_32, 30),
        Arguments.of("AES_128_CM_HMAC_SHA1_80", SrtpProfile.AES_CM_128_HMAC_SHA1_80, 30),
        Arguments.of("AES_256_CM_HMAC_SHA1_32", SrtpProfile.AES_256_CM_HMAC_SHA1_32, 46),
        Arguments.of("AES_256_CM_HMAC_SHA1_80", SrtpProfile.AES_256_CM_HMAC_SHA1_80, 46));
  }

  /** A printable key of {@code n} characters, different for each length. */
  static String plainKey(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append((char) ('A' + (i * 7 + n) % 26));
    }
    return sb.toString();
  }

  static Struct sdes(Object... namesAndValues) {
    return Struct.of("SDES", namesAndValues);
  }

  static KurentoException illegal(Struct crypto) {
    KurentoException e = assertThrows(KurentoException.class, () -> SdesConfig.fromStruct(crypto));
    assertEquals(KurentoError.MEDIA_OBJECT_ILLEGAL_PARAM_ERROR, e.error());
    return e;
  }

  @Test
  @DisplayName("no crypto parameter, or {} (the descriptor's default): plain RTP")
  void absent() {
    assertNull(SdesConfig.fromStruct(null));
    assertNull(SdesConfig.fromStruct(sdes()));
  }

  @Test
  @DisplayName("a key without a suite: plain RTP, as in KMS (crypto->isSetCrypto() is checked first)")
  void keyWithoutSuite() {
    assertNull(SdesConfig.fromStruct(sdes("key", plainKey(30))));
    assertNull(SdesConfig.fromStruct(sdes("keyBase64", "not even base64!")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("suites")
  @DisplayName("plain-text key: its bytes are key||salt, split at the suite's key length")
  void plainTextKey(String suite, SrtpProfile profile, int length) {
    String key = plainKey(length);
    SdesConfig c = SdesConfig.fromStruct(sdes("key", key, "crypto", suite));
    byte[] bytes = key.getBytes(StandardCharsets.US_ASCII);
    assertEquals(profile, c.profile());
    assertEquals(SdesConfig.KeySource.KEY, c.keySource());
    assertArrayEquals(bytes, c.keyAndSalt());
    assertArrayEquals(Arrays.copyOf(bytes, profile.masterKeyLength()), c.masterKey());
    assertArrayEquals(Arrays.copyOfRange(bytes, profile.masterKeyLength(), length), c.masterSalt());
    assertEquals(length, SdesConfig.keyAndSaltLength(profile));
    assertEquals(suite, SdesConfig.suiteName(profile));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("suites")
  @DisplayName("base64 key: the same key as the plain text it encodes")
  void base64Key(String suite, SrtpProfile profile, int length) {
    String key = plainKey(length);
    String b64 = Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.US_ASCII));
    SdesConfig plain = SdesConfig.fromStruct(sdes("key", key, "crypto", suite));
    SdesConfig encoded = SdesConfig.fromStruct(sdes("keyBase64", b64, "crypto", suite));
    assertEquals(SdesConfig.KeySource.KEY_BASE64, encoded.keySource());
    assertArrayEquals(plain.keyAndSalt(), encoded.keyAndSalt());
  }

  @Test
  @DisplayName("base64 key with binary bytes, without padding, and with a trailing newline")
  void base64Forms() {
    byte[] binary = new byte[30];
    for (int i = 0; i < binary.length; i++) {
      binary[i] = (byte) (0xff - i * 3);
    }
    String b64 = Base64.getEncoder().encodeToString(binary);
    for (String text : List.of(b64, b64.replace("=", ""), b64 + "\n", " " + b64.substring(0, 20) + "\r\n"
        + b64.substring(20))) {
      SdesConfig c = SdesConfig.fromStruct(sdes("keyBase64", text, "crypto", "AES_128_CM_HMAC_SHA1_80"));
      assertArrayEquals(binary, c.keyAndSalt(), text);
    }
  }

  @Test
  @DisplayName("key and keyBase64 both given: key wins, keyBase64 is not even decoded (KMS)")
  void keyWins() {
    String key = plainKey(30);
    SdesConfig c = SdesConfig.fromStruct(sdes("key", key, "keyBase64", "@@@ not base64", "crypto",
        "AES_128_CM_HMAC_SHA1_80"));
    assertEquals(SdesConfig.KeySource.KEY, c.keySource());
    assertArrayEquals(key.getBytes(StandardCharsets.US_ASCII), c.keyAndSalt());
  }

  @Test
  @DisplayName("the plain-text key is counted in UTF-8 bytes, as the JSON string reaches KMS")
  void utf8Key() {
    String key = "\u00e9" + plainKey(28); // 2 + 28 = 30 bytes, 29 characters
    SdesConfig c = SdesConfig.fromStruct(sdes("key", key, "crypto", "AES_128_CM_HMAC_SHA1_80"));
    assertArrayEquals(key.getBytes(StandardCharsets.UTF_8), c.keyAndSalt());
    KurentoException e = illegal(sdes("key", "\u00e9" + plainKey(29), "crypto", "AES_128_CM_HMAC_SHA1_80"));
    assertEquals("Master key size is wrong: 'key' is 31 bytes (UTF-8), AES_128_CM_HMAC_SHA1_80 needs 30"
        + " (16-byte master key + 14-byte master salt)", e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("suites")
  @DisplayName("no key: a random one of the suite's length, different every time")
  void generated(String suite, SrtpProfile profile, int length) {
    SdesConfig a = SdesConfig.fromStruct(sdes("crypto", suite));
    SdesConfig b = SdesConfig.fromStruct(sdes("crypto", suite));
    assertEquals(SdesConfig.KeySource.GENERATED, a.keySource());
    assertEquals(profile, a.profile());
    assertEquals(length, a.keyAndSalt().length);
    assertFalse(Arrays.equals(a.keyAndSalt(), b.keyAndSalt()));
    assertFalse(Arrays.equals(a.keyAndSalt(), SdesConfig.random(profile).keyAndSalt()));
  }

  @Test
  @DisplayName("wrong key lengths, for both fields and both key sizes")
  void wrongLength() {
    assertEquals("Master key size is wrong: 'key' is 29 bytes (UTF-8), AES_128_CM_HMAC_SHA1_32 needs 30"
            + " (16-byte master key + 14-byte master salt)",
        illegal(sdes("key", plainKey(29), "crypto", "AES_128_CM_HMAC_SHA1_32")).getMessage());
    assertEquals("Master key size is wrong: 'key' is 46 bytes (UTF-8), AES_128_CM_HMAC_SHA1_80 needs 30"
            + " (16-byte master key + 14-byte master salt)",
        illegal(sdes("key", plainKey(46), "crypto", "AES_128_CM_HMAC_SHA1_80")).getMessage());
    assertEquals("Master key size is wrong: 'key' is 30 bytes (UTF-8), AES_256_CM_HMAC_SHA1_80 needs 46"
            + " (32-byte master key + 14-byte master salt)",
        illegal(sdes("key", plainKey(30), "crypto", "AES_256_CM_HMAC_SHA1_80")).getMessage());
    assertEquals("Master key size is wrong: 'key' is 0 bytes (UTF-8), AES_256_CM_HMAC_SHA1_32 needs 46"
            + " (32-byte master key + 14-byte master salt)",
        illegal(sdes("key", "", "crypto", "AES_256_CM_HMAC_SHA1_32")).getMessage());
    String b64 = Base64.getEncoder().encodeToString(new byte[31]);
    assertEquals("Master key size is wrong: 'keyBase64' decodes to 31 bytes, AES_128_CM_HMAC_SHA1_80 needs 30"
            + " (16-byte master key + 14-byte master salt)",
        illegal(sdes("keyBase64", b64, "crypto", "AES_128_CM_HMAC_SHA1_80")).getMessage());
  }

  @Test
  @DisplayName("keyBase64 that is not base64; the message never repeats the key")
  void badBase64() {
    KurentoException e = illegal(sdes("keyBase64", "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNk-_", "crypto",
        "AES_128_CM_HMAC_SHA1_80"));
    assertEquals("Master key is not valid Base64: 'keyBase64' has a character outside the base64 alphabet at"
        + " position 40", e.getMessage());
    e = illegal(sdes("keyBase64", "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZ", "crypto", "AES_128_CM_HMAC_SHA1_80"));
    assertEquals("Master key is not valid Base64: 'keyBase64' has bad padding or a truncated last group",
        e.getMessage());
    e = illegal(sdes("keyBase64", "QU=JD", "crypto", "AES_128_CM_HMAC_SHA1_80"));
    assertTrue(e.getMessage().startsWith("Master key is not valid Base64"), e.getMessage());
  }

  @Test
  @DisplayName("suites outside Kurento's CryptoSuite enum, including RFC spellings and other types")
  void badSuite() {
    String expected = ": expected one of AES_128_CM_HMAC_SHA1_32, AES_128_CM_HMAC_SHA1_80,"
        + " AES_256_CM_HMAC_SHA1_32, AES_256_CM_HMAC_SHA1_80";
    assertEquals("Invalid crypto suite 'AES_CM_128_HMAC_SHA1_80'" + expected,
        illegal(sdes("crypto", "AES_CM_128_HMAC_SHA1_80")).getMessage());
    assertEquals("Invalid crypto suite 'AEAD_AES_128_GCM'" + expected,
        illegal(sdes("crypto", "AEAD_AES_128_GCM")).getMessage());
    assertEquals("Invalid crypto suite 'aes_128_cm_hmac_sha1_80'" + expected,
        illegal(sdes("crypto", "aes_128_cm_hmac_sha1_80")).getMessage());
    assertEquals("SDES field 'crypto' must be a string", illegal(sdes("crypto", 80)).getMessage());
    assertEquals("SDES field 'key' must be a string",
        illegal(sdes("crypto", "AES_128_CM_HMAC_SHA1_80", "key", List.of())).getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("suites")
  @DisplayName("the offer's a=crypto: tag 1, RFC suite name, inline key||salt, nothing else")
  void offerAttribute(String suite, SrtpProfile profile, int length) {
    SdesConfig c = SdesConfig.fromStruct(sdes("crypto", suite));
    Crypto a = c.offerAttribute();
    assertEquals(1, a.tag());
    assertEquals(profile.sdesName(), a.suite());
    assertEquals(List.of(CryptoKeyParam.inline(c.keyAndSalt())), a.keyParams());
    assertEquals(List.of(), a.sessionParams());
    assertEquals("1 " + profile.sdesName() + " inline:" + Base64.getEncoder().encodeToString(c.keyAndSalt()),
        a.attributeValue());
    assertEquals(length, a.keyParams().get(0).keyAndSalt().length);
    assertEquals(7, c.attribute(7).tag());
  }

  @Test
  @DisplayName("of(): any profile with the right length, copied; toString hides the key")
  void ofAndToString() {
    byte[] bytes = new byte[28];
    bytes[0] = 42;
    SdesConfig gcm = SdesConfig.of(SrtpProfile.AEAD_AES_128_GCM, bytes);
    bytes[0] = 0;
    assertEquals(42, gcm.masterKey()[0]);
    gcm.masterKey()[0] = 1;
    assertEquals(42, gcm.keyAndSalt()[0]);
    assertNull(SdesConfig.suiteName(SrtpProfile.AEAD_AES_128_GCM));
    assertThrows(IllegalArgumentException.class, () -> SdesConfig.of(SrtpProfile.AES_CM_128_HMAC_SHA1_80, bytes));

    String key = plainKey(30);
    SdesConfig c = SdesConfig.fromStruct(sdes("key", key, "crypto", "AES_128_CM_HMAC_SHA1_80"));
    assertEquals("SdesConfig[AES_CM_128_HMAC_SHA1_80, key from KEY]", c.toString());
    assertFalse(c.toString().contains(key.substring(0, 8)));
  }
}
