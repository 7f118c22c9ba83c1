package org.rivulet.sdp;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The attributes of one section (session level or one media section), in the order they were written,
 * with typed lookups. Immutable.
 *
 * <p>Lookups read this section only. Attributes that RFCs let the session level supply as a default
 * (ice-ufrag, ice-pwd, ice-options, fingerprint, setup, direction) are resolved across both levels by
 * {@link SessionDescription#effective(MediaDescription)}.
 */
public final class AttributeList implements Iterable<SdpAttribute> {

  private static final AttributeList EMPTY = new AttributeList(List.of());

  private final List<SdpAttribute> attributes;

  private AttributeList(List<SdpAttribute> attributes) {
    this.attributes = attributes;
  }

  /** A list holding {@code attributes}, in order. */
  public static AttributeList of(List<? extends SdpAttribute> attributes) {
    return attributes.isEmpty() ? EMPTY : new AttributeList(List.copyOf(attributes));
  }

  /** The empty list. */
  public static AttributeList empty() {
    return EMPTY;
  }

  /** Every attribute, in order. */
  public List<SdpAttribute> all() {
    return attributes;
  }

  public int size() {
    return attributes.size();
  }

  public boolean isEmpty() {
    return attributes.isEmpty();
  }

  @Override
  public Iterator<SdpAttribute> iterator() {
    return attributes.iterator();
  }

  /** The attributes of class {@code type}, in order. */
  public <T extends SdpAttribute> List<T> all(Class<T> type) {
    List<T> out = new ArrayList<>();
    for (SdpAttribute a : attributes) {
      if (type.isInstance(a)) {
        out.add(type.cast(a));
      }
    }
    return List.copyOf(out);
  }

  /** The first attribute of class {@code type}. */
  public <T extends SdpAttribute> Optional<T> first(Class<T> type) {
    for (SdpAttribute a : attributes) {
      if (type.isInstance(a)) {
        return Optional.of(type.cast(a));
      }
    }
    return Optional.empty();
  }

  /** Every attribute named {@code name} (typed or not), in order. */
  public List<SdpAttribute> named(String name) {
    List<SdpAttribute> out = new ArrayList<>();
    for (SdpAttribute a : attributes) {
      if (a.attributeName().equals(name)) {
        out.add(a);
      }
    }
    return List.copyOf(out);
  }

  /** Whether the property attribute {@code flag} is present. */
  public boolean has(SdpAttribute flag) {
    return attributes.contains(flag);
  }

  // ---- identification and grouping ---------------------------------------------------------

  /** {@code a=mid} (RFC 5888 section 4). */
  public Optional<String> mid() {
    return first(Mid.class).map(Mid::id);
  }

  /** {@code a=group} lines (RFC 5888 section 5). */
  public List<Group> groups() {
    return all(Group.class);
  }

  /** The first BUNDLE group (RFC 8843). */
  public Optional<Group> bundleGroup() {
    for (Group g : groups()) {
      if (g.isBundle()) {
        return Optional.of(g);
      }
    }
    return Optional.empty();
  }

  /** {@code a=msid-semantic}. */
  public Optional<MsidSemantic> msidSemantic() {
    return first(MsidSemantic.class);
  }

  /** {@code a=msid} lines (RFC 8830 section 2); a section may belong to several streams. */
  public List<Msid> msids() {
    return all(Msid.class);
  }

  // ---- direction and transport flags -------------------------------------------------------

  /** The direction attribute written in this section (RFC 8866 section 6.7), if any. */
  public Optional<Direction> direction() {
    return first(Direction.class);
  }

  /** {@code a=rtcp-mux} (RFC 5761 section 5.1.1). */
  public boolean rtcpMux() {
    return has(Flag.RTCP_MUX);
  }

  /** {@code a=rtcp-rsize} (RFC 5506 section 5). */
  public boolean rtcpRsize() {
    return has(Flag.RTCP_RSIZE);
  }

  /** {@code a=ice-lite} (RFC 8839 section 5.3). */
  public boolean iceLite() {
    return has(Flag.ICE_LITE);
  }

  /** {@code a=end-of-candidates} (RFC 8840). */
  public boolean endOfCandidates() {
    return has(Flag.END_OF_CANDIDATES);
  }

  /** {@code a=extmap-allow-mixed} (RFC 8285 section 6). */
  public boolean extmapAllowMixed() {
    return has(Flag.EXTMAP_ALLOW_MIXED);
  }

  /** {@code a=rtcp} (RFC 3605). */
  public Optional<Rtcp> rtcp() {
    return first(Rtcp.class);
  }

  // ---- ICE and DTLS ------------------------------------------------------------------------

  /** {@code a=ice-ufrag} (RFC 8839 section 5.4). */
  public Optional<String> iceUfrag() {
    return first(IceUfrag.class).map(IceUfrag::ufrag);
  }

  /** {@code a=ice-pwd} (RFC 8839 section 5.4). */
  public Optional<String> icePwd() {
    return first(IcePwd.class).map(IcePwd::password);
  }

  /** {@code a=ice-options} tags (RFC 8839 section 5.6), from every such line, in order. */
  public List<String> iceOptions() {
    List<String> out = new ArrayList<>();
    for (IceOptions o : all(IceOptions.class)) {
      out.addAll(o.options());
    }
    return List.copyOf(out);
  }

  /** {@code a=candidate} lines (RFC 8839 section 5.1). */
  public List<Candidate> candidates() {
    return all(Candidate.class);
  }

  /** {@code a=fingerprint} lines; there may be one per hash function (RFC 8122 section 5). */
  public List<Fingerprint> fingerprints() {
    return all(Fingerprint.class);
  }

  /** {@code a=setup} (RFC 4145 section 4). */
  public Optional<Setup> setup() {
    return first(Setup.class);
  }

  /** {@code a=crypto} lines (RFC 4568 section 9.1). */
  public List<Crypto> cryptos() {
    return all(Crypto.class);
  }

  // ---- RTP ---------------------------------------------------------------------------------

  /** {@code a=rtpmap} lines (RFC 8866 section 6.6). */
  public List<Rtpmap> rtpmaps() {
    return all(Rtpmap.class);
  }

  /** The rtpmap of payload type {@code pt}. */
  public Optional<Rtpmap> rtpmap(int pt) {
    for (SdpAttribute a : attributes) {
      if (a instanceof Rtpmap r && r.payloadType() == pt) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** {@code a=fmtp} lines (RFC 8866 section 6.15). */
  public List<Fmtp> fmtps() {
    return all(Fmtp.class);
  }

  /** The fmtp of payload type {@code pt}. */
  public Optional<Fmtp> fmtp(int pt) {
    for (SdpAttribute a : attributes) {
      if (a instanceof Fmtp f && f.payloadType() == pt) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** {@code a=rtcp-fb} lines (RFC 4585 section 4.2). */
  public List<RtcpFb> rtcpFeedback() {
    return all(RtcpFb.class);
  }

  /** The feedback that applies to payload type {@code pt}: its own lines and the {@code *} lines, in order. */
  public List<RtcpFeedback> rtcpFeedback(int pt) {
    List<RtcpFeedback> out = new ArrayList<>();
    for (SdpAttribute a : attributes) {
      if (a instanceof RtcpFb fb && fb.appliesTo(pt) && !out.contains(fb.feedback())) {
        out.add(fb.feedback());
      }
    }
    return List.copyOf(out);
  }

  /** {@code a=extmap} lines (RFC 8285 section 5). */
  public List<Extmap> extmaps() {
    return all(Extmap.class);
  }

  /** The extmap with URI {@code uri}. */
  public Optional<Extmap> extmap(String uri) {
    for (SdpAttribute a : attributes) {
      if (a instanceof Extmap e && e.uri().equals(uri)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }

  /** {@code a=ssrc} lines (RFC 5576 section 4.1). */
  public List<Ssrc> ssrcs() {
    return all(Ssrc.class);
  }

  /** The distinct SSRCs named by {@code a=ssrc} lines, in order of first appearance. */
  public List<Long> ssrcIds() {
    Set<Long> out = new LinkedHashSet<>();
    for (Ssrc s : ssrcs()) {
      out.add(s.ssrc());
    }
    return List.copyOf(out);
  }

  /** The value of source attribute {@code attribute} (such as {@code cname}) for {@code ssrc}. */
  public Optional<String> ssrcAttribute(long ssrc, String attribute) {
    for (Ssrc s : ssrcs()) {
      if (s.ssrc() == ssrc && s.attribute().equals(attribute) && s.value() != null) {
        return Optional.of(s.value());
      }
    }
    return Optional.empty();
  }

  /** {@code a=ssrc-group} lines (RFC 5576 section 4.2). */
  public List<SsrcGroup> ssrcGroups() {
    return all(SsrcGroup.class);
  }

  // ---- data channels -----------------------------------------------------------------------

  /** {@code a=sctp-port} (RFC 8841 section 5). */
  public OptionalInt sctpPort() {
    return first(SctpPort.class).map(p -> OptionalInt.of(p.port())).orElse(OptionalInt.empty());
  }

  /** {@code a=max-message-size} (RFC 8841 section 6). */
  public OptionalLong maxMessageSize() {
    return first(MaxMessageSize.class).map(m -> OptionalLong.of(m.size())).orElse(OptionalLong.empty());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AttributeList other && attributes.equals(other.attributes);
  }

  @Override
  public int hashCode() {
    return attributes.hashCode();
  }

  @Override
  public String toString() {
    return attributes.toString();
  }
}
