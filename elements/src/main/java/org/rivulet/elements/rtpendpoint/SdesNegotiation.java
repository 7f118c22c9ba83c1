package org.rivulet.elements.rtpendpoint;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.rivulet.elements.error.KurentoError;
import org.rivulet.elements.error.KurentoException;
import org.rivulet.sdp.Crypto;
import org.rivulet.sdp.CryptoKeyParam;
import org.rivulet.srtp.SrtpProfile;

/**
 * SDES key exchange for one m-line (RFC 4568): which {@code a=crypto} line of the peer we accept,
 * and the keys that follow. Stateless; the caller passes the m-line's {@code a=crypto} values, already
 * parsed by the SDP parser (which rejects lines that are not {@code <tag> <suite> inline:<base64>...}).
 *
 * <p>As answerer ({@link #answer}) we take the first offered line, in the offerer's order of
 * preference, that we can use:
 * <ul>
 *   <li>its suite is the endpoint's configured suite: KMS offers and accepts only that one;
 *   <li>its tag is not shared with another line of the m-line (RFC 4568 makes tags unique per
 *       m-line, and the answer names the chosen line by its tag);
 *   <li>it has exactly one key, of exactly the suite's key plus salt length after base64. Several keys
 *       in one line (key switching by MKI) are not supported;
 *   <li>its lifetime, if given, is at least {@value #MIN_LIFETIME_PACKETS} packets (2^16, the smallest
 *       key limit libsrtp accepts); longer ones are capped at the SRTP maximum of 2^48. The lifetime
 *       feeds {@link KeyLifetime};
 *   <li>its MKI, if given, fits its declared length. The MKI is kept in the result so that the receiver
 *       can skip those bytes in each packet; with a single key its value selects nothing;
 *   <li>its session parameters (RFC 4568 section 6.3) change nothing we cannot do: {@code KDR=0} (a
 *       key derivation rate of zero, which is what we do; an absent KDR means the same),
 *       {@code FEC_ORDER=FEC_SRTP} (the default order), {@code WSH=n} with n of at least 64 (a hint,
 *       kept in the result) and extensions starting with {@code -}, which may be ignored. Any other KDR,
 *       {@code UNENCRYPTED_SRTP}, {@code UNENCRYPTED_SRTCP}, {@code UNAUTHENTICATED_SRTP},
 *       {@code FEC_ORDER=SRTP_FEC}, {@code FEC_KEY} and unknown parameters make the line unusable.
 * </ul>
 * We answer under the same tag with our suite and our own key ({@link SdesConfig#attribute(int)}).
 *
 * <p>As offerer ({@link #processAnswer}) we offered one line, {@link SdesConfig#offerAttribute()}; the
 * answer's line with that tag must have our suite and pass the same checks. Lines with other tags are
 * ignored, as KMS ignores all but one.
 *
 * <p>Failures are {@link KurentoException}s, SDP_END_POINT_PROCESS_OFFER_ERROR or
 * SDP_END_POINT_PROCESS_ANSWER_ERROR, whose message names each line and what is wrong with it (never a
 * key). RFC 4568 section 7.1.2 has an answerer reject just the m-line when no line is usable, which is
 * what KMS does (port 0); a caller that prefers that catches the exception for the m-line.
 */
public final class SdesNegotiation {

  /** The shortest key lifetime we accept, in packets: libsrtp refuses key limits below 2^16. */
  public static final long MIN_LIFETIME_PACKETS = 1L << 16;

  /** How many unusable lines an error message describes. */
  private static final int MAX_PROBLEMS = 5;
  /** How much of a peer's text an error message repeats. */
  private static final int MAX_QUOTE = 40;
  /** RFC 4568 section 6.3.6: a window size hint below 64 is not allowed. */
  private static final int MIN_WINDOW_SIZE_HINT = 64;
  /** RFC 4568 section 6.3.1: KDR=n with n in 0..24. */
  private static final int MAX_KDR = 24;

  private SdesNegotiation() {}

  /**
   * Chooses the line to accept from the peer's offer and makes our answer's line.
   *
   * @param local our suite and key
   * @param offered the m-line's {@code a=crypto} values, in their order in the offer
   * @return the agreed keys; {@link NegotiatedSdes#localAttribute()} goes into the answer
   * @throws KurentoException SDP_END_POINT_PROCESS_OFFER_ERROR when no line is usable
   */
  public static NegotiatedSdes answer(SdesConfig local, List<Crypto> offered) {
    Objects.requireNonNull(local, "local");
    if (offered.isEmpty()) {
      throw new KurentoException(KurentoError.SDP_END_POINT_PROCESS_OFFER_ERROR,
          "Error processing offer: the m-line has no a=crypto line, and the endpoint needs SDES keys"
              + " (RFC 4568)");
    }
    Map<Integer, Integer> tagCounts = new HashMap<>();
    for (Crypto c : offered) {
      tagCounts.merge(c.tag(), 1, Integer::sum);
    }
    List<String> problems = new ArrayList<>();
    for (Crypto c : offered) {
      try {
        if (tagCounts.get(c.tag()) > 1) {
          throw new Unusable("its tag is used by another a=crypto line of the m-line (tags are unique per m-line, RFC 4568)");
        }
        RemoteKey remote = check(c, local.profile());
        return result(c.tag(), local, remote, local.attribute(c.tag()));
      } catch (Unusable e) {
        problems.add("a=crypto:" + c.tag() + " " + e.getMessage());
      }
    }
    throw new KurentoException(KurentoError.SDP_END_POINT_PROCESS_OFFER_ERROR,
        "Error processing offer: no usable a=crypto line: " + describe(problems));
  }

  /**
   * Reads the peer's key from its answer to our offer ({@link SdesConfig#offerAttribute()}).
   *
   * @param local our suite and key, as offered
   * @param answered the answer m-line's {@code a=crypto} values
   * @return the agreed keys
   * @throws KurentoException SDP_END_POINT_PROCESS_ANSWER_ERROR when the answer has no line with our
   *     tag, or that line has another suite or is unusable
   */
  public static NegotiatedSdes processAnswer(SdesConfig local, List<Crypto> answered) {
    Objects.requireNonNull(local, "local");
    Crypto offered = local.offerAttribute();
    if (answered.isEmpty()) {
      throw answerError("the m-line has no a=crypto line, but we offered SDES (RFC 4568)");
    }
    Crypto line = null;
    List<String> otherTags = new ArrayList<>();
    for (Crypto c : answered) {
      if (c.tag() == offered.tag()) {
        line = c;
        break;
      }
      if (otherTags.size() < MAX_PROBLEMS) {
        otherTags.add(Integer.toString(c.tag()));
      }
    }
    if (line == null) {
      throw answerError("no a=crypto line has the tag we offered (" + offered.tag() + "); its tags are "
          + String.join(", ", otherTags) + (answered.size() > otherTags.size() ? ", ..." : ""));
    }
    if (!line.suite().equals(offered.suite())) {
      throw answerError("a=crypto:" + line.tag() + " answers with suite " + quote(line.suite()) + ", but we offered "
          + offered.suite() + " under that tag");
    }
    try {
      RemoteKey remote = check(line, local.profile());
      return result(line.tag(), local, remote, offered);
    } catch (Unusable e) {
      throw answerError("a=crypto:" + line.tag() + " " + e.getMessage());
    }
  }

  /**
   * {@code text} in single quotes for an error message: at most {@value #MAX_QUOTE} characters, with
   * control and non-ASCII characters escaped, so a peer's input cannot forge log lines.
   */
  static String quote(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder("'");
    int n = Math.min(text.length(), MAX_QUOTE);
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c >= 0x7f || c == '\'' || c == '\\') {
        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    if (text.length() > n) {
      sb.append("...");
    }
    return sb.append('\'').toString();
  }

  private static NegotiatedSdes result(int tag, SdesConfig local, RemoteKey remote, Crypto localAttribute) {
    return new NegotiatedSdes(tag, local.profile(), local.keyAndSalt(), remote.keyAndSalt, remote.lifetime,
        remote.mkiLength, remote.mki, remote.windowSizeHint, localAttribute);
  }

  /** What we take from a usable line. */
  private record RemoteKey(byte[] keyAndSalt, long lifetime, int mkiLength, long mki, int windowSizeHint) {}

  /** Checks that {@code line} can be used with {@code profile}; the exception message says why not. */
  private static RemoteKey check(Crypto line, SrtpProfile profile) throws Unusable {
    if (!line.suite().equals(profile.sdesName())) {
      boolean known = SrtpProfile.fromSdesName(line.suite()).isPresent();
      throw new Unusable((known ? "has suite " : "has unknown suite ") + quote(line.suite())
          + ", but the endpoint is configured for " + profile.sdesName());
    }
    List<CryptoKeyParam> keys = line.keyParams();
    if (keys.size() != 1) {
      throw new Unusable("has " + keys.size() + " keys; switching master keys by MKI is not supported, only"
          + " one key per line");
    }
    CryptoKeyParam key = keys.get(0);
    byte[] keyAndSalt = key.keyAndSalt();
    int expected = SdesConfig.keyAndSaltLength(profile);
    if (keyAndSalt.length != expected) {
      throw new Unusable("has a key||salt of " + keyAndSalt.length + " bytes after base64, " + profile.sdesName()
          + " needs " + expected + " (" + profile.masterKeyLength() + "-byte master key + "
          + profile.masterSaltLength() + "-byte master salt)");
    }
    long lifetime = key.lifetimePackets();
    if (lifetime < 0) {
      lifetime = KeyLifetime.SRTP_MAX_PACKETS;
    } else if (lifetime < MIN_LIFETIME_PACKETS) {
      throw new Unusable("has a key lifetime of " + quote(key.lifetime()) + " packets, below the minimum of 2^16");
    } else {
      lifetime = Math.min(lifetime, KeyLifetime.SRTP_MAX_PACKETS);
    }
    int mkiLength = 0;
    long mki = 0;
    if (key.mki() != null) {
      mkiLength = key.mkiLength();
      mki = key.mki();
      if (mkiLength < Long.BYTES && (mki >>> (8 * mkiLength)) != 0) {
        throw new Unusable("has MKI value " + mki + ", which does not fit its length of " + mkiLength
            + (mkiLength == 1 ? " byte" : " bytes"));
      }
    }
    int windowSizeHint = sessionParams(line.sessionParams());
    return new RemoteKey(keyAndSalt, lifetime, mkiLength, mki, windowSizeHint);
  }

  /** Checks the session parameters; returns the WSH value, or 0 without one. */
  private static int sessionParams(List<String> params) throws Unusable {
    int windowSizeHint = 0;
    for (String p : params) {
      if (p.startsWith("-")) {
        continue;
      }
      int eq = p.indexOf('=');
      // ABNF literals are case-insensitive (RFC 5234 section 2.3).
      String name = (eq < 0 ? p : p.substring(0, eq)).toUpperCase(Locale.ROOT);
      String value = eq < 0 ? null : p.substring(eq + 1);
      switch (name) {
        case "KDR" -> {
          long rate = value != null && value.length() <= 2 ? number(value, MAX_KDR) : -1;
          if (rate < 0) {
            throw malformed(p, "KDR must be a number from 0 to 24");
          }
          if (rate != 0) {
            throw new Unusable("has KDR=" + rate + " (key derivation rate 2^" + rate + "), which is not supported;"
                + " session keys are derived once (KDR=0 or none)");
          }
        }
        case "UNENCRYPTED_SRTP", "UNENCRYPTED_SRTCP", "UNAUTHENTICATED_SRTP" -> {
          if (value != null) {
            throw malformed(p, name + " takes no value");
          }
          throw new Unusable("has " + name + ", which is not supported: the endpoint always encrypts and"
              + " authenticates");
        }
        case "FEC_ORDER" -> {
          String order = value == null ? "" : value.toUpperCase(Locale.ROOT);
          if (order.equals("SRTP_FEC")) {
            throw new Unusable("has FEC_ORDER=SRTP_FEC, which is not supported; only the default FEC_SRTP");
          }
          if (!order.equals("FEC_SRTP")) {
            throw malformed(p, "FEC_ORDER must be FEC_SRTP or SRTP_FEC");
          }
        }
        case "FEC_KEY" -> throw new Unusable("has FEC_KEY (a separate master key for FEC), which is not supported");
        case "WSH" -> {
          long window = value == null ? -1 : number(value, Integer.MAX_VALUE);
          if (window < MIN_WINDOW_SIZE_HINT) {
            throw malformed(p, "WSH must be a number of at least 64");
          }
          windowSizeHint = (int) window;
        }
        default -> throw new Unusable("has unknown session parameter " + quote(p)
            + ", which is not marked optional with '-'");
      }
    }
    return windowSizeHint;
  }

  /** A decimal number in 0..max, or -1. */
  private static long number(String s, long max) {
    if (s.isEmpty() || s.length() > 18) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v <= max ? v : -1;
  }

  private static Unusable malformed(String param, String rule) {
    return new Unusable("has malformed session parameter " + quote(param) + ": " + rule);
  }

  private static String describe(List<String> problems) {
    int shown = Math.min(problems.size(), MAX_PROBLEMS);
    StringBuilder sb = new StringBuilder(String.join("; ", problems.subList(0, shown)));
    if (problems.size() > shown) {
      sb.append("; and ").append(problems.size() - shown).append(" more");
    }
    return sb.toString();
  }

  private static KurentoException answerError(String detail) {
    return new KurentoException(KurentoError.SDP_END_POINT_PROCESS_ANSWER_ERROR,
        "Error processing answer: " + detail);
  }

  /** Why one line cannot be used; becomes part of a KurentoException's message. */
  private static final class Unusable extends Exception {
    private static final long serialVersionUID = 1L;

    Unusable(String message) {
      super(message, null, false, false);
    }
  }
}
