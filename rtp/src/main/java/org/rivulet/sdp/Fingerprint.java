package org.rivulet.sdp;

import java.util.List;
import java.util.Locale;

/**
 * {@code a=fingerprint:<hash-func> <fingerprint>}: the hash of the writer's DTLS certificate (RFC 8122
 * section 5), for example {@code sha-256 4A:AD:...}. The peer's certificate is checked against it.
 *
 * @param hashFunction the hash function token as written, such as {@code sha-256} (compare with {@link #isHash})
 * @param fingerprint the hex pairs separated by colons, upper case as RFC 8122 writes them
 */
public record Fingerprint(String hashFunction, String fingerprint) implements SdpAttribute {

  /** Most bytes a fingerprint may have: SHA-512 (RFC 8122 section 5 lists none longer). */
  public static final int MAX_BYTES = 64;

  /** Checks the fields; the hex is normalised to upper case. */
  public Fingerprint {
    Syntax.requireToken(hashFunction, "hash function");
    requireHexPairs(fingerprint);
    fingerprint = fingerprint.toUpperCase(Locale.ROOT);
  }

  /** A fingerprint of {@code hash} bytes computed with {@code hashFunction}. */
  public static Fingerprint of(String hashFunction, byte[] hash) {
    StringBuilder sb = new StringBuilder(hash.length * 3);
    for (int i = 0; i < hash.length; i++) {
      if (i > 0) {
        sb.append(':');
      }
      sb.append(Character.toUpperCase(Character.forDigit((hash[i] >> 4) & 0xF, 16)));
      sb.append(Character.toUpperCase(Character.forDigit(hash[i] & 0xF, 16)));
    }
    return new Fingerprint(hashFunction, sb.toString());
  }

  static Fingerprint parse(String value) throws SdpParseException {
    List<String> w = Syntax.words(value);
    if (w.size() != 2) {
      throw new SdpParseException(SdpParseException.Reason.BAD_FINGERPRINT, "expected '<hash-func> <fingerprint>'");
    }
    return Syntax.build(SdpParseException.Reason.BAD_FINGERPRINT, () -> new Fingerprint(w.get(0), w.get(1)));
  }

  /** Whether the hash function is {@code name}, compared case-insensitively (RFC 8122 section 5). */
  public boolean isHash(String name) {
    return hashFunction.equalsIgnoreCase(name);
  }

  /** The fingerprint bytes. */
  public byte[] bytes() {
    byte[] out = new byte[(fingerprint.length() + 1) / 3];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) (Character.digit(fingerprint.charAt(3 * i), 16) << 4 | Character.digit(fingerprint.charAt(3 * i + 1), 16));
    }
    return out;
  }

  /** RFC 8122 section 5: {@code 2UHEX *(":" 2UHEX)}; lower case accepted on input, as browsers do. */
  private static void requireHexPairs(String s) {
    if (s == null || s.length() < 2 || (s.length() + 1) % 3 != 0 || (s.length() + 1) / 3 > MAX_BYTES) {
      throw new IllegalArgumentException("fingerprint must be 1.." + MAX_BYTES + " hex pairs separated by ':'");
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = i % 3 == 2 ? c == ':' : Character.digit(c, 16) >= 0 && c < 0x80;
      if (!ok) {
        throw new IllegalArgumentException("fingerprint has a bad character at " + i);
      }
    }
  }

  @Override
  public String attributeName() {
    return "fingerprint";
  }

  @Override
  public String attributeValue() {
    return hashFunction + " " + fingerprint;
  }
}
