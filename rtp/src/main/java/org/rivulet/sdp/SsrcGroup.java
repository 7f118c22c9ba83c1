package org.rivulet.sdp;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code a=ssrc-group:<semantics> <ssrc-id> ...}: sources that belong together (RFC 5576 section 4.2),
 * for example {@code a=ssrc-group:FID 1001 1002} (a media source and its RTX repair source, RFC 4588)
 * or {@code a=ssrc-group:SIM 1 2 3} (simulcast layers).
 *
 * @param semantics the semantics token
 * @param ssrcs the sources, in order, each 0..2^32-1
 */
public record SsrcGroup(String semantics, List<Long> ssrcs) implements SdpAttribute {

  /** Flow identification: primary and retransmission (RFC 5576 section 4.2, RFC 4588). */
  public static final String FID = "FID";
  /** Simulcast layers, lowest first (as libwebrtc writes it). */
  public static final String SIM = "SIM";
  /** FEC repair flows (RFC 5956). */
  public static final String FEC_FR = "FEC-FR";

  /** Checks and copies the fields; FID and FEC-FR pair exactly two sources. */
  public SsrcGroup {
    Syntax.requireToken(semantics, "ssrc-group semantics");
    ssrcs = List.copyOf(ssrcs);
    if (ssrcs.isEmpty()) {
      throw new IllegalArgumentException("ssrc-group needs at least one ssrc");
    }
    for (Long s : ssrcs) {
      Syntax.requireRange(s, 0, 0xFFFF_FFFFL, "ssrc");
    }
    if ((FID.equals(semantics) || FEC_FR.equals(semantics)) && ssrcs.size() != 2) {
      // A repair flow protects one primary flow (RFC 4588, RFC 5956).
      throw new IllegalArgumentException(semantics + " groups exactly two ssrcs, found " + ssrcs.size());
    }
  }

  static SsrcGroup parse(String value) throws SdpParseException {
    List<String> w = Syntax.words(value);
    if (w.size() < 2) {
      throw new SdpParseException(SdpParseException.Reason.BAD_SSRC_GROUP, "expected '<semantics> <ssrc>...'");
    }
    List<Long> ssrcs = new ArrayList<>(w.size() - 1);
    for (String s : w.subList(1, w.size())) {
      ssrcs.add(Syntax.longValue(s, 0, 0xFFFF_FFFFL, SdpParseException.Reason.BAD_SSRC_GROUP, "ssrc"));
    }
    return Syntax.build(SdpParseException.Reason.BAD_SSRC_GROUP, () -> new SsrcGroup(w.get(0), ssrcs));
  }

  @Override
  public String attributeName() {
    return "ssrc-group";
  }

  @Override
  public String attributeValue() {
    StringBuilder sb = new StringBuilder(semantics);
    for (long s : ssrcs) {
      sb.append(' ').append(s);
    }
    return sb.toString();
  }
}
