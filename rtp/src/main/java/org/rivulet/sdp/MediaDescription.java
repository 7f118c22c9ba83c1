package org.rivulet.sdp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One media section: the {@code m=} line and the {@code i=}, {@code c=}, {@code b=}, {@code k=} and
 * {@code a=} lines under it (RFC 8866 section 5.14). Immutable; build one with {@link #builder}.
 *
 * <pre>
 * m=video 9 UDP/TLS/RTP/SAVPF 96 97
 *   \___/ |  \_______________/ \___/
 *   type port    protocol      formats (payload types for RTP)
 * </pre>
 */
public final class MediaDescription {

  /** Media type {@code audio} (RFC 8866 section 5.14). */
  public static final String AUDIO = "audio";
  /** Media type {@code video}. */
  public static final String VIDEO = "video";
  /** Media type {@code application}, used by data channels (RFC 8841). */
  public static final String APPLICATION = "application";

  private final String type;
  private final int port;
  private final Integer portCount;
  private final MediaProtocol protocol;
  private final List<String> formats;
  private final String information;
  private final List<Connection> connections;
  private final List<Bandwidth> bandwidths;
  private final String key;
  private final AttributeList attributes;

  private MediaDescription(Builder b) {
    this.type = Syntax.requireToken(b.type, "media type");
    this.port = (int) Syntax.requireRange(b.port, 0, 65535, "port");
    if (b.portCount != null) {
      Syntax.requireRange(b.portCount, 1, 65535, "number of ports");
    }
    this.portCount = b.portCount;
    this.protocol = Objects.requireNonNull(b.protocol, "protocol");
    this.formats = List.copyOf(b.formats);
    if (formats.isEmpty()) {
      throw new IllegalArgumentException("a media section needs at least one format (RFC 8866 section 5.14)");
    }
    Set<String> seen = new HashSet<>();
    for (String f : formats) {
      Syntax.requireWord(f, "format");
      if (protocol.isRtp() && !f.equals(Long.toString(Syntax.number(f, 0, 127)))) {
        throw new IllegalArgumentException("RTP format is not a payload type 0..127: " + Syntax.quote(f));
      }
      if (!seen.add(f)) {
        throw new IllegalArgumentException("format listed twice: " + Syntax.quote(f));
      }
    }
    this.information = b.information == null ? null : Syntax.requireText(b.information, "i=");
    this.connections = List.copyOf(b.connections);
    this.bandwidths = List.copyOf(b.bandwidths);
    this.key = b.key == null ? null : Syntax.requireText(b.key, "k=");
    this.attributes = AttributeList.of(b.attributes);
  }

  /** A builder for a section of media {@code type} on {@code port} using {@code protocol}. */
  public static Builder builder(String type, int port, MediaProtocol protocol) {
    return new Builder(type, port, protocol);
  }

  /** A builder holding this section's fields, to derive a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder(type, port, protocol);
    b.portCount = portCount;
    b.formats.addAll(formats);
    b.information = information;
    b.connections.addAll(connections);
    b.bandwidths.addAll(bandwidths);
    b.key = key;
    b.attributes.addAll(attributes.all());
    return b;
  }

  /** The media type: {@code audio}, {@code video}, {@code application}, {@code text} or {@code message}. */
  public String type() {
    return type;
  }

  /** The port; 0 marks a rejected or disabled section (RFC 3264 section 6), 9 the WebRTC placeholder. */
  public int port() {
    return port;
  }

  /** The number of ports after a slash in the {@code m=} line, if written. */
  public OptionalInt portCount() {
    return portCount == null ? OptionalInt.empty() : OptionalInt.of(portCount);
  }

  public MediaProtocol protocol() {
    return protocol;
  }

  /** The formats in order of preference; for RTP these are decimal payload types. */
  public List<String> formats() {
    return formats;
  }

  /** The formats as payload types, for an RTP section (an empty list otherwise). */
  public List<Integer> payloadTypes() {
    if (!protocol.isRtp()) {
      return List.of();
    }
    List<Integer> out = new ArrayList<>(formats.size());
    for (String f : formats) {
      out.add(Integer.parseInt(f)); // checked to be 0..127 when built
    }
    return List.copyOf(out);
  }

  /** {@code i=}, if present. */
  public Optional<String> information() {
    return Optional.ofNullable(information);
  }

  /** The {@code c=} lines; more than one only for layered multicast (RFC 8866 section 5.7). */
  public List<Connection> connections() {
    return connections;
  }

  public List<Bandwidth> bandwidths() {
    return bandwidths;
  }

  /** The value of {@code b=<type>:}, for example {@code AS} or {@code TIAS}. */
  public OptionalLong bandwidth(String bwType) {
    for (Bandwidth b : bandwidths) {
      if (b.type().equals(bwType)) {
        return OptionalLong.of(b.value());
      }
    }
    return OptionalLong.empty();
  }

  /** {@code k=} (obsolete, RFC 8866 section 5.12), if present. */
  public Optional<String> key() {
    return Optional.ofNullable(key);
  }

  /** The {@code a=} lines, in order, with typed lookups. */
  public AttributeList attributes() {
    return attributes;
  }

  /** {@code a=mid}. */
  public Optional<String> mid() {
    return attributes.mid();
  }

  /** The direction written in this section, if any; see {@link SessionDescription#effective(MediaDescription)}. */
  public Optional<Direction> direction() {
    return attributes.direction();
  }

  /** Whether the port is 0: the section is rejected or disabled (RFC 3264 sections 6 and 8.2). */
  public boolean isRejected() {
    return port == 0 && !attributes.has(Flag.BUNDLE_ONLY);
  }

  /**
   * The codecs of an RTP section in order of preference: each payload type of the {@code m=} line with
   * its rtpmap (or the static assignment of RFC 3551 section 6), fmtp and rtcp-fb. Dynamic payload types
   * without an rtpmap have no codec and are left out.
   */
  public List<Codec> codecs() {
    List<Codec> out = new ArrayList<>();
    for (int pt : payloadTypes()) {
      Rtpmap rtpmap = attributes.rtpmap(pt).orElseGet(() -> StaticPayloadTypes.rtpmap(pt));
      if (rtpmap == null) {
        continue;
      }
      String parameters = attributes.fmtp(pt).map(Fmtp::parameters).orElse("");
      out.add(new Codec(pt, rtpmap.encodingName(), rtpmap.clockRate(), rtpmap.channelCount(), parameters,
          attributes.rtcpFeedback(pt)));
    }
    return List.copyOf(out);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof MediaDescription m
        && port == m.port
        && type.equals(m.type)
        && Objects.equals(portCount, m.portCount)
        && protocol.equals(m.protocol)
        && formats.equals(m.formats)
        && Objects.equals(information, m.information)
        && connections.equals(m.connections)
        && bandwidths.equals(m.bandwidths)
        && Objects.equals(key, m.key)
        && attributes.equals(m.attributes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, port, portCount, protocol, formats, information, connections, bandwidths, key, attributes);
  }

  /** The section as SDP text (the lines {@link SdpWriter} writes for it). */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    SdpWriter.writeMedia(this, sb);
    return sb.toString();
  }

  /** Builds a {@link MediaDescription}; not thread-safe. */
  public static final class Builder {
    private String type;
    private int port;
    private Integer portCount;
    private MediaProtocol protocol;
    private final List<String> formats = new ArrayList<>();
    private String information;
    private final List<Connection> connections = new ArrayList<>();
    private final List<Bandwidth> bandwidths = new ArrayList<>();
    private String key;
    private final List<SdpAttribute> attributes = new ArrayList<>();

    private Builder(String type, int port, MediaProtocol protocol) {
      this.type = type;
      this.port = port;
      this.protocol = protocol;
    }

    public Builder type(String mediaType) {
      this.type = mediaType;
      return this;
    }

    public Builder port(int p) {
      this.port = p;
      return this;
    }

    /** The number of ports, or null for none. */
    public Builder portCount(Integer count) {
      this.portCount = count;
      return this;
    }

    public Builder protocol(MediaProtocol p) {
      this.protocol = p;
      return this;
    }

    /** Appends a format. */
    public Builder format(String format) {
      formats.add(format);
      return this;
    }

    /** Appends a payload type to the format list. */
    public Builder payloadType(int pt) {
      formats.add(Integer.toString(pt));
      return this;
    }

    /** Replaces the format list. */
    public Builder formats(List<String> list) {
      formats.clear();
      formats.addAll(list);
      return this;
    }

    public Builder information(String text) {
      this.information = text;
      return this;
    }

    public Builder connection(Connection c) {
      connections.add(Objects.requireNonNull(c));
      return this;
    }

    public Builder bandwidth(Bandwidth b) {
      bandwidths.add(Objects.requireNonNull(b));
      return this;
    }

    public Builder key(String k) {
      this.key = k;
      return this;
    }

    /** Appends an attribute. */
    public Builder attribute(SdpAttribute a) {
      attributes.add(Objects.requireNonNull(a));
      return this;
    }

    /** Appends attributes, in order. */
    public Builder attributes(Iterable<? extends SdpAttribute> list) {
      for (SdpAttribute a : list) {
        attribute(a);
      }
      return this;
    }

    /** Removes every attribute {@code filter} accepts, keeping the order of the rest. */
    public Builder removeAttributes(java.util.function.Predicate<? super SdpAttribute> filter) {
      attributes.removeIf(filter);
      return this;
    }

    /**
     * Appends a codec: its payload type to the format list and its rtpmap, fmtp (when it has
     * parameters) and rtcp-fb lines to the attributes, in the order browsers write them.
     */
    public Builder codec(Codec codec) {
      payloadType(codec.payloadType());
      attributes.addAll(codec.attributes());
      return this;
    }

    /** The section; throws {@link IllegalArgumentException} when a field is invalid. */
    public MediaDescription build() {
      return new MediaDescription(this);
    }
  }
}
