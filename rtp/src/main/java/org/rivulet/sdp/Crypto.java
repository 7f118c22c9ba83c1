package org.rivulet.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code a=crypto:<tag> <crypto-suite> <key-params> [<session-params>]}: an SDES key offer for SRTP
 * (RFC 4568 section 9.1), for example
 * {@code a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:d0RmdmcmVCspeEc3QGZiNWpVLFJhQX1cfHAwJSoj|2^20|1:32}.
 *
 * @param tag 0..999999999, chosen by the offerer and echoed in the answer (RFC 4568 section 5.1)
 * @param suite the crypto-suite, such as {@code AES_CM_128_HMAC_SHA1_80} (RFC 4568 section 6.2)
 * @param keyParams one or more key parameters, separated by {@code ;} on the wire
 * @param sessionParams session parameters such as {@code KDR=1} or {@code UNENCRYPTED_SRTCP} (section 6.3), in order
 */
public record Crypto(int tag, String suite, List<CryptoKeyParam> keyParams, List<String> sessionParams)
    implements SdpAttribute {

  /** Largest tag (RFC 4568 section 9.1: {@code tag = 1*9DIGIT}). */
  public static final int MAX_TAG = 999_999_999;

  /** Checks and copies the fields. */
  public Crypto {
    Syntax.requireRange(tag, 0, MAX_TAG, "crypto tag");
    Syntax.requireWord(suite, "crypto suite");
    keyParams = List.copyOf(keyParams);
    if (keyParams.isEmpty()) {
      throw new IllegalArgumentException("crypto needs a key parameter");
    }
    sessionParams = Syntax.requireWords(sessionParams, "crypto session parameter");
  }

  static Crypto parse(String value) throws SdpParseException {
    List<String> w = Syntax.words(value);
    if (w.size() < 3) {
      throw new SdpParseException(SdpParseException.Reason.BAD_CRYPTO, "expected '<tag> <suite> <key-params>'");
    }
    int tag = Syntax.intValue(w.get(0), 0, MAX_TAG, SdpParseException.Reason.BAD_CRYPTO, "tag");
    List<CryptoKeyParam> keys = new ArrayList<>();
    for (String k : w.get(2).split(";", -1)) {
      keys.add(CryptoKeyParam.parse(k));
    }
    return Syntax.build(
        SdpParseException.Reason.BAD_CRYPTO, () -> new Crypto(tag, w.get(1), keys, w.subList(3, w.size())));
  }

  @Override
  public String attributeName() {
    return "crypto";
  }

  @Override
  public String attributeValue() {
    StringBuilder sb = new StringBuilder().append(tag).append(' ').append(suite).append(' ');
    for (int i = 0; i < keyParams.size(); i++) {
      if (i > 0) {
        sb.append(';');
      }
      sb.append(keyParams.get(i).format());
    }
    for (String p : sessionParams) {
      sb.append(' ').append(p);
    }
    return sb.toString();
  }
}
