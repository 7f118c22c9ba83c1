package org.rivulet.sdp;

import java.util.Set;

/**
 * Turns the text of one {@code a=} line into a typed {@link SdpAttribute}: the classes of this package
 * for the attributes they model, a {@link GenericAttribute} for everything else.
 *
 * <p>Attribute names are compared exactly: every attribute modelled here is lower case in its RFC, and
 * RFC 8866 section 5.13 does not make them case-insensitive. A name in another case is therefore an
 * unknown attribute and is kept verbatim.
 */
final class AttributeParser {

  /** Names of the value attributes that have a class; flags and directions are found through their enums. */
  private static final Set<String> VALUE_ATTRIBUTES = Set.of(
      "mid", "group", "msid-semantic", "msid", "ice-ufrag", "ice-pwd", "ice-options", "fingerprint", "setup",
      "candidate", "rtpmap", "fmtp", "rtcp-fb", "extmap", "ssrc", "ssrc-group", "crypto", "rtcp", "sctp-port",
      "max-message-size");

  private AttributeParser() {}

  /** Whether {@code name} has a typed class, so a {@link GenericAttribute} must not carry it. */
  static boolean isTyped(String name) {
    return VALUE_ATTRIBUTES.contains(name) || Flag.forName(name) != null || Direction.forName(name) != null;
  }

  /**
   * Parses the text after {@code a=}.
   *
   * @param text the attribute text, {@code name} or {@code name:value}
   * @throws SdpParseException with line 0; the caller places it
   */
  static SdpAttribute parse(String text) throws SdpParseException {
    int colon = text.indexOf(':');
    String name = colon < 0 ? text : text.substring(0, colon);
    String value = colon < 0 ? null : text.substring(colon + 1);
    if (!Syntax.isToken(name)) {
      throw new SdpParseException(SdpParseException.Reason.BAD_ATTRIBUTE, Syntax.quote(name));
    }
    SdpAttribute property = property(name);
    if (property != null) {
      // Tolerate "a=extmap-allow-mixed:" with an empty value, which some servers write.
      if (value != null && !Syntax.trim(value).isEmpty()) {
        throw new SdpParseException(SdpParseException.Reason.UNEXPECTED_ATTRIBUTE_VALUE, name);
      }
      return property;
    }
    if (!VALUE_ATTRIBUTES.contains(name)) {
      return new GenericAttribute(name, value);
    }
    if (value == null || Syntax.trim(value).isEmpty()) {
      // Janus PR 2214: a=mid with no value crashed it; here it is a plain error.
      throw new SdpParseException(SdpParseException.Reason.MISSING_ATTRIBUTE_VALUE, name);
    }
    return switch (name) {
      case "mid" -> Mid.parse(value);
      case "group" -> Group.parse(value);
      case "msid-semantic" -> MsidSemantic.parse(value);
      case "msid" -> Msid.parse(value);
      case "ice-ufrag" -> IceUfrag.parse(value);
      case "ice-pwd" -> IcePwd.parse(value);
      case "ice-options" -> IceOptions.parse(value);
      case "fingerprint" -> Fingerprint.parse(value);
      case "setup" -> Setup.parse(value);
      case "candidate" -> Candidate.parseValue(value);
      case "rtpmap" -> Rtpmap.parse(value);
      case "fmtp" -> Fmtp.parse(value);
      case "rtcp-fb" -> RtcpFb.parse(value);
      case "extmap" -> Extmap.parse(value);
      case "ssrc" -> Ssrc.parse(value);
      case "ssrc-group" -> SsrcGroup.parse(value);
      case "crypto" -> Crypto.parse(value);
      case "rtcp" -> Rtcp.parse(value);
      case "sctp-port" -> SctpPort.parse(value);
      case "max-message-size" -> MaxMessageSize.parse(value);
      default -> throw new IllegalStateException("unhandled attribute " + name);
    };
  }

  private static SdpAttribute property(String name) {
    Flag flag = Flag.forName(name);
    return flag != null ? flag : Direction.forName(name);
  }
}
