package org.rivulet.sdp;

/**
 * One {@code a=} line (RFC 8866 section 5.13): {@code a=<name>} for a property attribute or
 * {@code a=<name>:<value>} for a value attribute.
 *
 * <p>The attributes this package understands are typed classes, validated when parsed; every other
 * attribute is a {@link GenericAttribute} kept verbatim, in order, so a parse and write round trip
 * preserves it. Implementations are immutable and compare by value.
 */
public sealed interface SdpAttribute
    permits GenericAttribute,
        Flag,
        Direction,
        Setup,
        Mid,
        Group,
        MsidSemantic,
        Msid,
        IceUfrag,
        IcePwd,
        IceOptions,
        Fingerprint,
        Candidate,
        Rtpmap,
        Fmtp,
        RtcpFb,
        Extmap,
        Ssrc,
        SsrcGroup,
        Crypto,
        Rtcp,
        SctpPort,
        MaxMessageSize {

  /** The attribute name: the text between {@code a=} and the colon. */
  String attributeName();

  /** The value as written after the colon, or null for a property attribute. */
  String attributeValue();
}
