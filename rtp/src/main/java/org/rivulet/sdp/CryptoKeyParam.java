package org.rivulet.sdp;

import java.util.Base64;

/**
 * One SDES key parameter, {@code inline:<key||salt>[|<lifetime>][|<MKI>:<MKI length>]} (RFC 4568
 * sections 6.1 and 9.1). {@code inline} is the only key method RFC 4568 defines.
 *
 * <pre>
 *   inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:4
 *          \________ base64 key||salt ______/ \__/ \_/
 *                                       lifetime  MKI value : MKI length (bytes)
 * </pre>
 *
 * @param keySalt the base64 of the master key followed by the master salt (RFC 4568 section 6.1)
 * @param lifetime the master key lifetime as written, {@code 2^N} or a decimal number of packets, or null
 * @param mki the MKI value, or null when there is no MKI
 * @param mkiLength the MKI length in bytes 1..128, or null exactly when {@code mki} is null
 */
public record CryptoKeyParam(String keySalt, String lifetime, Long mki, Integer mkiLength) {

  /** Largest MKI length (RFC 4568 section 9.1: {@code mki-length = 1*3DIGIT ; range 1..128}). */
  public static final int MAX_MKI_LENGTH = 128;

  /** Checks the fields; the key must be valid base64. */
  public CryptoKeyParam {
    if (keySalt == null || keySalt.isEmpty()) {
      throw new IllegalArgumentException("key||salt is empty");
    }
    for (int i = 0; i < keySalt.length(); i++) {
      char c = keySalt.charAt(i);
      if (!(Syntax.isIceChar(c) || c == '=')) {
        throw new IllegalArgumentException("key||salt is not base64 at " + i);
      }
    }
    try {
      Base64.getDecoder().decode(keySalt);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("key||salt is not base64: " + e.getMessage());
    }
    if (lifetime != null && lifetimePackets(lifetime) < 0) {
      throw new IllegalArgumentException("lifetime is not 2^N (N <= 62) or a decimal number: " + Syntax.quote(lifetime));
    }
    if ((mki == null) != (mkiLength == null)) {
      throw new IllegalArgumentException("MKI value and MKI length go together");
    }
    if (mki != null) {
      Syntax.requireRange(mki, 0, Long.MAX_VALUE, "MKI value");
      Syntax.requireRange(mkiLength, 1, MAX_MKI_LENGTH, "MKI length");
    }
  }

  /** An inline key with no lifetime and no MKI. */
  public static CryptoKeyParam inline(byte[] keyAndSalt) {
    return new CryptoKeyParam(Base64.getEncoder().encodeToString(keyAndSalt), null, null, null);
  }

  static CryptoKeyParam parse(String text) throws SdpParseException {
    if (!text.startsWith("inline:")) {
      throw new SdpParseException(SdpParseException.Reason.BAD_CRYPTO, "key method is not inline: " + Syntax.quote(text));
    }
    String[] parts = text.substring("inline:".length()).split("\\|", -1);
    if (parts.length > 3) {
      throw new SdpParseException(SdpParseException.Reason.BAD_CRYPTO, "too many '|' in key parameter");
    }
    String lifetime = null;
    Long mki = null;
    Integer mkiLength = null;
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i];
      int colon = p.indexOf(':');
      if (colon >= 0 && mki == null) {
        // RFC 4568 section 9.1: the MKI is the part with a colon, always last.
        mki = Syntax.longValue(p.substring(0, colon), 0, Long.MAX_VALUE, SdpParseException.Reason.BAD_CRYPTO, "MKI value");
        mkiLength = Syntax.intValue(p.substring(colon + 1), 1, MAX_MKI_LENGTH, SdpParseException.Reason.BAD_CRYPTO, "MKI length");
      } else if (colon < 0 && lifetime == null && mki == null) {
        lifetime = p;
      } else {
        throw new SdpParseException(SdpParseException.Reason.BAD_CRYPTO, "bad key parameter order");
      }
    }
    String l = lifetime;
    Long m = mki;
    Integer ml = mkiLength;
    return Syntax.build(SdpParseException.Reason.BAD_CRYPTO, () -> new CryptoKeyParam(parts[0], l, m, ml));
  }

  /** The master key and salt, decoded. */
  public byte[] keyAndSalt() {
    return Base64.getDecoder().decode(keySalt);
  }

  /** The lifetime in packets, or -1 when none is given (the SRTP default of 2^48 applies, RFC 3711 section 9.2). */
  public long lifetimePackets() {
    return lifetime == null ? -1 : lifetimePackets(lifetime);
  }

  /** {@code 2^N} or decimal, as packets; -1 when malformed or beyond a long. */
  private static long lifetimePackets(String text) {
    if (text.startsWith("2^")) {
      long exp = Syntax.number(text.substring(2), 0, 62);
      return exp < 0 ? -1 : 1L << exp;
    }
    return Syntax.number(text, 0, Long.MAX_VALUE);
  }

  /** The SDP text, starting with {@code inline:}. */
  public String format() {
    StringBuilder sb = new StringBuilder("inline:").append(keySalt);
    if (lifetime != null) {
      sb.append('|').append(lifetime);
    }
    if (mki != null) {
      sb.append('|').append(mki).append(':').append(mkiLength);
    }
    return sb.toString();
  }

  /** Does not print the key, which is a secret. */
  @Override
  public String toString() {
    return "CryptoKeyParam[keySalt=(" + keySalt.length() + " chars), lifetime=" + lifetime + ", mki=" + mki
        + ", mkiLength=" + mkiLength + "]";
  }
}
