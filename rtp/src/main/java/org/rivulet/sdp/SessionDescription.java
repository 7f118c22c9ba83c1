package org.rivulet.sdp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A session description (RFC 8866 section 5): the session-level lines and the media sections.
 * Immutable and compared by value; {@link #toString()} is the SDP text. Read one with
 * {@link SdpParser}, write one with {@link SdpWriter}, build one (an answer, say) with {@link #builder}.
 *
 * <p>Fields keep what the RFC lets a description carry, so nothing a peer sent is lost: {@code i=},
 * {@code u=}, {@code e=}, {@code p=}, {@code z=} and {@code k=} are kept as text, and attributes this
 * package does not model stay in order as {@link GenericAttribute}s.
 */
public final class SessionDescription {

  /** The only protocol version (RFC 8866 section 5.1). */
  public static final int VERSION = 0;

  private final Origin origin;
  private final String sessionName;
  private final String information;
  private final String uri;
  private final List<String> emails;
  private final List<String> phones;
  private final Connection connection;
  private final List<Bandwidth> bandwidths;
  private final List<Timing> timings;
  private final String timeZones;
  private final String key;
  private final AttributeList attributes;
  private final List<MediaDescription> media;

  private SessionDescription(Builder b) {
    this.origin = Objects.requireNonNull(b.origin, "origin");
    this.sessionName = Syntax.requireText(b.sessionName, "s=");
    this.information = b.information == null ? null : Syntax.requireText(b.information, "i=");
    this.uri = b.uri == null ? null : Syntax.requireText(b.uri, "u=");
    this.emails = List.copyOf(b.emails);
    this.phones = List.copyOf(b.phones);
    for (String e : emails) {
      Syntax.requireText(e, "e=");
    }
    for (String p : phones) {
      Syntax.requireText(p, "p=");
    }
    this.connection = b.connection;
    this.bandwidths = List.copyOf(b.bandwidths);
    this.timings = b.timings.isEmpty() ? List.of(Timing.PERMANENT) : List.copyOf(b.timings);
    this.timeZones = b.timeZones == null ? null : Syntax.requireText(b.timeZones, "z=");
    this.key = b.key == null ? null : Syntax.requireText(b.key, "k=");
    this.attributes = AttributeList.of(b.attributes);
    this.media = List.copyOf(b.media);
    Set<String> mids = new HashSet<>();
    for (MediaDescription m : media) {
      List<Mid> own = m.attributes().all(Mid.class);
      for (Mid mid : own) {
        if (!mids.add(mid.id()) || own.size() > 1) {
          throw new IllegalArgumentException("duplicate mid " + Syntax.quote(mid.id()));
        }
      }
    }
  }

  /** An empty builder; {@link Builder#origin} is required, the session name defaults to {@code -}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this description's fields, to derive a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.origin = origin;
    b.sessionName = sessionName;
    b.information = information;
    b.uri = uri;
    b.emails.addAll(emails);
    b.phones.addAll(phones);
    b.connection = connection;
    b.bandwidths.addAll(bandwidths);
    b.timings.addAll(timings);
    b.timeZones = timeZones;
    b.key = key;
    b.attributes.addAll(attributes.all());
    b.media.addAll(media);
    return b;
  }

  /** Always {@link #VERSION}. */
  public int version() {
    return VERSION;
  }

  public Origin origin() {
    return origin;
  }

  /** {@code s=}; {@code -} when the writer had none (RFC 8866 section 5.3). May be empty when a peer sent it so. */
  public String sessionName() {
    return sessionName;
  }

  public Optional<String> information() {
    return Optional.ofNullable(information);
  }

  public Optional<String> uri() {
    return Optional.ofNullable(uri);
  }

  public List<String> emails() {
    return emails;
  }

  public List<String> phones() {
    return phones;
  }

  /** The session-level {@code c=}, which applies to media sections without their own (RFC 8866 section 5.7). */
  public Optional<Connection> connection() {
    return Optional.ofNullable(connection);
  }

  public List<Bandwidth> bandwidths() {
    return bandwidths;
  }

  /** The value of session-level {@code b=<type>:}. */
  public OptionalLong bandwidth(String bwType) {
    for (Bandwidth b : bandwidths) {
      if (b.type().equals(bwType)) {
        return OptionalLong.of(b.value());
      }
    }
    return OptionalLong.empty();
  }

  /** The time descriptions, at least one. */
  public List<Timing> timings() {
    return timings;
  }

  /** {@code z=} as written. */
  public Optional<String> timeZones() {
    return Optional.ofNullable(timeZones);
  }

  /** {@code k=} (obsolete, RFC 8866 section 5.12). */
  public Optional<String> key() {
    return Optional.ofNullable(key);
  }

  /** The session-level {@code a=} lines, in order, with typed lookups. */
  public AttributeList attributes() {
    return attributes;
  }

  /** The media sections, in order; their index is the {@code sdpMLineIndex} of trickle ICE. */
  public List<MediaDescription> media() {
    return media;
  }

  /** The media section with mid {@code mid}. */
  public Optional<MediaDescription> media(String mid) {
    for (MediaDescription m : media) {
      if (m.mid().filter(mid::equals).isPresent()) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }

  /**
   * The attributes that apply to {@code section}: its own, followed by the session-level ones of each
   * kind the section does not set itself. The kinds are those RFCs let the session level supply:
   * ice-ufrag, ice-pwd and ice-options (RFC 8839 section 5.4, 5.6), fingerprint (RFC 8122 section 5),
   * setup (RFC 4145 section 4), the direction (RFC 8866 section 6.7), extmap and extmap-allow-mixed
   * (RFC 8285 sections 5, 6). So {@code effective(m).iceUfrag()} is the ufrag that governs {@code m}.
   */
  public AttributeList effective(MediaDescription section) {
    List<SdpAttribute> out = new ArrayList<>(section.attributes().all());
    AttributeList own = section.attributes();
    for (Class<? extends SdpAttribute> kind :
        List.of(IceUfrag.class, IcePwd.class, IceOptions.class, Fingerprint.class, Setup.class, Direction.class,
            Extmap.class)) {
      if (own.first(kind).isEmpty()) {
        out.addAll(attributes.all(kind));
      }
    }
    if (!own.extmapAllowMixed() && attributes.extmapAllowMixed()) {
      out.add(Flag.EXTMAP_ALLOW_MIXED);
    }
    return AttributeList.of(out);
  }

  /** The direction that governs {@code section}: its own, else the session's, else sendrecv (RFC 8866 section 6.7). */
  public Direction direction(MediaDescription section) {
    return effective(section).direction().orElse(Direction.SENDRECV);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    return o instanceof SessionDescription s
        && origin.equals(s.origin)
        && sessionName.equals(s.sessionName)
        && Objects.equals(information, s.information)
        && Objects.equals(uri, s.uri)
        && emails.equals(s.emails)
        && phones.equals(s.phones)
        && Objects.equals(connection, s.connection)
        && bandwidths.equals(s.bandwidths)
        && timings.equals(s.timings)
        && Objects.equals(timeZones, s.timeZones)
        && Objects.equals(key, s.key)
        && attributes.equals(s.attributes)
        && media.equals(s.media);
  }

  @Override
  public int hashCode() {
    return Objects.hash(origin, sessionName, information, uri, emails, phones, connection, bandwidths, timings,
        timeZones, key, attributes, media);
  }

  /** The SDP text, as {@link SdpWriter#write} produces it. */
  @Override
  public String toString() {
    return SdpWriter.write(this);
  }

  /** Builds a {@link SessionDescription}; not thread-safe. */
  public static final class Builder {
    private Origin origin;
    private String sessionName = "-";
    private String information;
    private String uri;
    private final List<String> emails = new ArrayList<>();
    private final List<String> phones = new ArrayList<>();
    private Connection connection;
    private final List<Bandwidth> bandwidths = new ArrayList<>();
    private final List<Timing> timings = new ArrayList<>();
    private String timeZones;
    private String key;
    private final List<SdpAttribute> attributes = new ArrayList<>();
    private final List<MediaDescription> media = new ArrayList<>();

    private Builder() {}

    public Builder origin(Origin o) {
      this.origin = o;
      return this;
    }

    public Builder sessionName(String name) {
      this.sessionName = name;
      return this;
    }

    public Builder information(String text) {
      this.information = text;
      return this;
    }

    public Builder uri(String u) {
      this.uri = u;
      return this;
    }

    public Builder email(String e) {
      emails.add(Objects.requireNonNull(e));
      return this;
    }

    public Builder phone(String p) {
      phones.add(Objects.requireNonNull(p));
      return this;
    }

    /** The session-level connection, or null for none. */
    public Builder connection(Connection c) {
      this.connection = c;
      return this;
    }

    public Builder bandwidth(Bandwidth b) {
      bandwidths.add(Objects.requireNonNull(b));
      return this;
    }

    /** Appends a time description; with none, {@code t=0 0} is written. */
    public Builder timing(Timing t) {
      timings.add(Objects.requireNonNull(t));
      return this;
    }

    public Builder timeZones(String z) {
      this.timeZones = z;
      return this;
    }

    public Builder key(String k) {
      this.key = k;
      return this;
    }

    /** Appends a session-level attribute. */
    public Builder attribute(SdpAttribute a) {
      attributes.add(Objects.requireNonNull(a));
      return this;
    }

    /** Removes every session-level attribute {@code filter} accepts, keeping the order of the rest. */
    public Builder removeAttributes(java.util.function.Predicate<? super SdpAttribute> filter) {
      attributes.removeIf(filter);
      return this;
    }

    /** Appends a media section. */
    public Builder media(MediaDescription m) {
      media.add(Objects.requireNonNull(m));
      return this;
    }

    /** Replaces the media sections. */
    public Builder media(List<MediaDescription> list) {
      media.clear();
      for (MediaDescription m : list) {
        media(m);
      }
      return this;
    }

    /** The description; throws {@link IllegalArgumentException} or {@link NullPointerException} when a field is invalid. */
    public SessionDescription build() {
      return new SessionDescription(this);
    }
  }
}
