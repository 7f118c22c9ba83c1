package org.rivulet.sdp;

import java.util.List;

/**
 * {@code a=extmap:<id>[/<direction>] <URI> [<extension attributes>]}: an RTP header extension and the
 * local id it uses (RFC 8285 section 5), for example
 * {@code a=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid}.
 *
 * @param id 1..14 for the one-byte form, up to 255 for the two-byte form (RFC 8285 section 5)
 * @param direction the direction, or null when absent (sendrecv)
 * @param uri the extension URI
 * @param attributes the extension attributes (words separated by single spaces), or null
 */
public record Extmap(int id, Direction direction, String uri, String attributes) implements SdpAttribute {

  /** Highest id usable with the one-byte header (RFC 8285 section 4.2; 15 is reserved). */
  public static final int MAX_ONE_BYTE_ID = 14;
  /** Highest id usable at all (RFC 8285 section 4.3). */
  public static final int MAX_ID = 255;

  /** Checks the fields. */
  public Extmap {
    Syntax.requireRange(id, 1, MAX_ID, "extmap id");
    Syntax.requireWord(uri, "extmap URI");
    if (attributes != null) {
      Syntax.requireSpacedWords(attributes, "extmap attributes");
    }
  }

  /** An extmap without direction and extension attributes. */
  public static Extmap of(int id, String uri) {
    return new Extmap(id, null, uri, null);
  }

  static Extmap parse(String value) throws SdpParseException {
    List<String> w = Syntax.words(value);
    if (w.size() < 2) {
      throw new SdpParseException(SdpParseException.Reason.BAD_EXTMAP, "expected '<id>[/<direction>] <URI>'");
    }
    String idPart = w.get(0);
    Direction direction = null;
    int slash = idPart.indexOf('/');
    if (slash >= 0) {
      direction = Direction.forName(idPart.substring(slash + 1));
      if (direction == null) {
        throw new SdpParseException(SdpParseException.Reason.BAD_EXTMAP, "bad direction " + Syntax.quote(idPart));
      }
      idPart = idPart.substring(0, slash);
    }
    int id = Syntax.intValue(idPart, 1, MAX_ID, SdpParseException.Reason.BAD_EXTMAP, "extmap id");
    Direction d = direction;
    String attrs = w.size() > 2 ? String.join(" ", w.subList(2, w.size())) : null;
    return Syntax.build(SdpParseException.Reason.BAD_EXTMAP, () -> new Extmap(id, d, w.get(1), attrs));
  }

  @Override
  public String attributeName() {
    return "extmap";
  }

  @Override
  public String attributeValue() {
    StringBuilder sb = new StringBuilder().append(id);
    if (direction != null) {
      sb.append('/').append(direction.attributeName());
    }
    sb.append(' ').append(uri);
    if (attributes != null) {
      sb.append(' ').append(attributes);
    }
    return sb.toString();
  }
}
