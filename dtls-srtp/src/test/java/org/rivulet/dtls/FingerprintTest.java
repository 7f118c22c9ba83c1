package org.rivulet.dtls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code a=fingerprint} values, RFC 8122 section 5: {@code hash-func SP 2HEX *(":" 2HEX)}. */
@Timeout(10)
class FingerprintTest {
  /** A sha-256 value as Chromium writes it. */
  private static final String SHA256 =
      "4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB:3C:2B:C0:A2:3D:E5:A1:7B:2E:DC:BB:40";
  private static final String SHA1 = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01";

  static Stream<Arguments> valid() {
    return Stream.of(
        Arguments.of("sha-256 as browsers write it", "sha-256 " + SHA256, FingerprintHash.SHA_256,
            "sha-256 " + SHA256),
        Arguments.of("sha-1", "sha-1 " + SHA1, FingerprintHash.SHA_1, "sha-1 " + SHA1),
        Arguments.of("hash name in upper case", "SHA-256 " + SHA256, FingerprintHash.SHA_256,
            "sha-256 " + SHA256),
        Arguments.of("lower-case hex", "sha-256 " + SHA256.toLowerCase(), FingerprintHash.SHA_256,
            "sha-256 " + SHA256),
        Arguments.of("surrounding and repeated white space", "  sha-256 \t " + SHA256 + "\r\n",
            FingerprintHash.SHA_256, "sha-256 " + SHA256),
        Arguments.of("sha-224", "sha-224 " + hex(28), FingerprintHash.SHA_224, "sha-224 " + hex(28)),
        Arguments.of("sha-384", "sha-384 " + hex(48), FingerprintHash.SHA_384, "sha-384 " + hex(48)),
        Arguments.of("sha-512", "sha-512 " + hex(64), FingerprintHash.SHA_512, "sha-512 " + hex(64)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void parsesAndFormatsCanonically(String name, String text, FingerprintHash hash, String canonical) {
    Fingerprint f = Fingerprint.parse(text);
    assertEquals(hash, f.hash());
    assertEquals(hash.length(), f.value().length);
    assertEquals(canonical, f.toString());
    assertEquals(f, Fingerprint.parse(f.toString()));
  }

  static Stream<Arguments> invalid() {
    return Stream.of(
        Arguments.of("empty", "", FingerprintFormatException.Reason.EMPTY),
        Arguments.of("only white space", " \t ", FingerprintFormatException.Reason.EMPTY),
        Arguments.of("hash function only", "sha-256", FingerprintFormatException.Reason.MISSING_SEPARATOR),
        Arguments.of("no space before the hex", "sha-256" + SHA256,
            FingerprintFormatException.Reason.MISSING_SEPARATOR),
        Arguments.of("md5 is refused, not left unchecked (RELIABILITY B3.26)",
            "md5 AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89",
            FingerprintFormatException.Reason.UNSUPPORTED_HASH),
        Arguments.of("md2", "md2 AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89",
            FingerprintFormatException.Reason.UNSUPPORTED_HASH),
        Arguments.of("unknown token", "sha-3 " + SHA256, FingerprintFormatException.Reason.UNSUPPORTED_HASH),
        Arguments.of("not hex", "sha-256 " + SHA256.replace('4', 'G'),
            FingerprintFormatException.Reason.MALFORMED_HEX),
        Arguments.of("full-width digit", "sha-256 " + SHA256.replace('4', '\uFF14'),
            FingerprintFormatException.Reason.MALFORMED_HEX),
        Arguments.of("no colons", "sha-256 " + SHA256.replace(":", ""),
            FingerprintFormatException.Reason.MALFORMED_HEX),
        Arguments.of("dashes instead of colons", "sha-256 " + SHA256.replace(':', '-'),
            FingerprintFormatException.Reason.MALFORMED_HEX),
        Arguments.of("trailing colon", "sha-256 " + SHA256 + ":",
            FingerprintFormatException.Reason.MALFORMED_HEX),
        Arguments.of("lone digit group", "sha-256 A:" + SHA256.substring(3),
            FingerprintFormatException.Reason.MALFORMED_HEX),
        Arguments.of("space inside the hex", "sha-256 " + SHA256.replaceFirst(":", " "),
            FingerprintFormatException.Reason.MALFORMED_HEX),
        Arguments.of("one byte short", "sha-256 " + SHA256.substring(3),
            FingerprintFormatException.Reason.WRONG_LENGTH),
        Arguments.of("sha-1 length under sha-256", "sha-256 " + SHA1,
            FingerprintFormatException.Reason.WRONG_LENGTH),
        Arguments.of("sha-256 length under sha-1", "sha-1 " + SHA256,
            FingerprintFormatException.Reason.WRONG_LENGTH));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void refusesWithTheReason(String name, String text, FingerprintFormatException.Reason reason) {
    FingerprintFormatException e =
        assertThrows(FingerprintFormatException.class, () -> Fingerprint.parse(text));
    assertEquals(reason, e.reason());
  }

  @ParameterizedTest
  @EnumSource(FingerprintHash.class)
  void ofHashesTheCertificateAndMatchesIt(FingerprintHash hash) {
    byte[] der = "not really DER, but bytes all the same".getBytes(StandardCharsets.US_ASCII);
    Fingerprint f = Fingerprint.of(hash, der);
    assertEquals(hash.length(), f.value().length);
    assertTrue(f.matches(der));
    byte[] other = der.clone();
    other[other.length - 1] ^= 1;
    assertFalse(f.matches(other));
    assertEquals(f, Fingerprint.parse(f.toString()));
  }

  @Test
  @DisplayName("the value is copied out: callers cannot change a fingerprint")
  void valueIsACopy() {
    Fingerprint f = Fingerprint.parse("sha-256 " + SHA256);
    byte[] v = f.value();
    v[0] ^= 1;
    assertArrayEquals(Fingerprint.parse("sha-256 " + SHA256).value(), f.value());
  }

  @Test
  void equalityNeedsTheSameHashAndValue() {
    Fingerprint a = Fingerprint.parse("sha-256 " + SHA256);
    assertEquals(a, Fingerprint.parse("SHA-256 " + SHA256.toLowerCase()));
    assertEquals(a.hashCode(), Fingerprint.parse("sha-256 " + SHA256).hashCode());
    assertNotEquals(a, Fingerprint.parse("sha-256 " + SHA256.replace("4A", "4B")));
  }

  private static String hex(int bytes) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < bytes; i++) {
      sb.append(i == 0 ? "" : ":").append(String.format("%02X", (i * 37) & 0xFF));
    }
    return sb.toString();
  }
}
