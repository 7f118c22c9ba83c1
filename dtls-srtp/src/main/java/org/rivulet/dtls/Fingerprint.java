package org.rivulet.dtls;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * A certificate fingerprint as carried by SDP's {@code a=fingerprint} attribute (RFC 8122 section 5):
 * a hash function and the digest of a DER-encoded certificate. Immutable and thread-safe.
 *
 * <pre>
 *   sha-256 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB:3C:2B:C0:A2:3D:E5:A1:7B:2E:DC:BB:40
 *   └──┬──┘ └──────────────────────────── 2HEX *(":" 2HEX), 32 bytes for sha-256 ───────────────────────┘
 * </pre>
 *
 * {@link #parse(String)} accepts the value after {@code a=fingerprint:}; upper- and lower-case hex are
 * both read (the grammar says upper case, some stacks write lower case) and {@link #toString()} writes
 * upper case. {@link #matches(byte[])} compares in constant time.
 */
public final class Fingerprint {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private final FingerprintHash hash;
  private final byte[] value;

  private Fingerprint(FingerprintHash hash, byte[] value) {
    this.hash = hash;
    this.value = value;
  }

  /** The fingerprint of a DER-encoded certificate with the given hash function. */
  public static Fingerprint of(FingerprintHash hash, byte[] derCertificate) {
    return new Fingerprint(Objects.requireNonNull(hash), hash.digest(derCertificate));
  }

  /**
   * Parses an {@code a=fingerprint} value: {@code hash-func SP fingerprint}. Surrounding white space and
   * more than one space between the two parts are tolerated.
   *
   * @throws FingerprintFormatException naming the {@link FingerprintFormatException.Reason}
   */
  public static Fingerprint parse(String text) {
    String s = text.strip();
    if (s.isEmpty()) {
      throw new FingerprintFormatException(FingerprintFormatException.Reason.EMPTY, text);
    }
    int sp = indexOfWhitespace(s);
    if (sp < 0) {
      throw new FingerprintFormatException(FingerprintFormatException.Reason.MISSING_SEPARATOR, text);
    }
    FingerprintHash hash = FingerprintHash.fromSdpName(s.substring(0, sp)).orElseThrow(
        () -> new FingerprintFormatException(FingerprintFormatException.Reason.UNSUPPORTED_HASH, text));
    byte[] value = parseHex(s.substring(sp).strip(), text);
    if (value.length != hash.length()) {
      throw new FingerprintFormatException(FingerprintFormatException.Reason.WRONG_LENGTH, text);
    }
    return new Fingerprint(hash, value);
  }

  private static int indexOfWhitespace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /** {@code 2HEX *(":" 2HEX)}: the length is 3n - 1 for n bytes, with a colon after every pair. */
  private static byte[] parseHex(String hex, String text) {
    int n = (hex.length() + 1) / 3;
    if (hex.isEmpty() || hex.length() != 3 * n - 1) {
      throw new FingerprintFormatException(FingerprintFormatException.Reason.MALFORMED_HEX, text);
    }
    byte[] out = new byte[n];
    for (int i = 0; i < n; i++) {
      int p = 3 * i;
      char hi = hex.charAt(p);
      char lo = hex.charAt(p + 1);
      boolean separatorOk = i == n - 1 || hex.charAt(p + 2) == ':';
      if (!isAsciiHex(hi) || !isAsciiHex(lo) || !separatorOk) {
        throw new FingerprintFormatException(FingerprintFormatException.Reason.MALFORMED_HEX, text);
      }
      out[i] = (byte) (Character.digit(hi, 16) << 4 | Character.digit(lo, 16));
    }
    return out;
  }

  /** Only ASCII: {@link Character#digit} alone would also take full-width and other scripts' digits. */
  private static boolean isAsciiHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
  }

  public FingerprintHash hash() {
    return hash;
  }

  /** A copy of the digest bytes. */
  public byte[] value() {
    return value.clone();
  }

  /**
   * True when {@code derCertificate} hashes to this fingerprint. The comparison takes the same time
   * whichever byte differs ({@link MessageDigest#isEqual} is constant-time for equal lengths).
   */
  public boolean matches(byte[] derCertificate) {
    return MessageDigest.isEqual(value, hash.digest(derCertificate));
  }

  /** The SDP form, {@code sha-256 AB:CD:...}, in upper-case hex. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(hash.sdpName().length() + 1 + 3 * value.length);
    sb.append(hash.sdpName()).append(' ');
    for (int i = 0; i < value.length; i++) {
      if (i > 0) {
        sb.append(':');
      }
      sb.append(HEX[(value[i] >> 4) & 0xF]).append(HEX[value[i] & 0xF]);
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Fingerprint && ((Fingerprint) o).hash == hash
        && MessageDigest.isEqual(((Fingerprint) o).value, value);
  }

  @Override
  public int hashCode() {
    return 31 * hash.hashCode() + Arrays.hashCode(value);
  }
}
