package org.rivulet.sdp;

import java.util.List;

/**
 * {@code a=msid}: the media stream, and optionally the track, a media section belongs to (RFC 8830
 * section 2). The stream id {@code -} means "no stream".
 *
 * @param streamId the msid-id
 * @param appData the msid-appdata (by convention the track id), or null
 */
public record Msid(String streamId, String appData) implements SdpAttribute {

  /** Checks the fields. */
  public Msid {
    Syntax.requireWord(streamId, "msid stream id");
    if (appData != null) {
      Syntax.requireWord(appData, "msid appdata");
    }
  }

  static Msid parse(String value) throws SdpParseException {
    List<String> w = Syntax.words(value);
    if (w.isEmpty() || w.size() > 2) {
      throw new SdpParseException(SdpParseException.Reason.BAD_MSID, "expected '<stream id> [<track id>]'");
    }
    return Syntax.build(SdpParseException.Reason.BAD_MSID, () -> new Msid(w.get(0), w.size() == 2 ? w.get(1) : null));
  }

  @Override
  public String attributeName() {
    return "msid";
  }

  @Override
  public String attributeValue() {
    return appData == null ? streamId : streamId + " " + appData;
  }
}
