package org.rivulet.sdp;

/**
 * The property attributes (no value) this package understands, other than the media directions
 * ({@link Direction}).
 */
public enum Flag implements SdpAttribute {
  /** RTP and RTCP share one port (RFC 5761 section 5.1.1). */
  RTCP_MUX("rtcp-mux"),
  /** Reduced-size RTCP may be sent (RFC 5506 section 5). */
  RTCP_RSIZE("rtcp-rsize"),
  /** The session-level ICE lite marker (RFC 8839 section 5.3). */
  ICE_LITE("ice-lite"),
  /** No more candidates will be trickled for this section (RFC 8840). */
  END_OF_CANDIDATES("end-of-candidates"),
  /** One- and two-byte header extensions may be mixed in one stream (RFC 8285 section 6). */
  EXTMAP_ALLOW_MIXED("extmap-allow-mixed"),
  /** The section is only usable inside a BUNDLE group (RFC 8843). */
  BUNDLE_ONLY("bundle-only");

  private final String attributeName;

  Flag(String attributeName) {
    this.attributeName = attributeName;
  }

  /** The flag named {@code name}, or null. */
  static Flag forName(String name) {
    for (Flag f : values()) {
      if (f.attributeName.equals(name)) {
        return f;
      }
    }
    return null;
  }

  @Override
  public String attributeName() {
    return attributeName;
  }

  @Override
  public String attributeValue() {
    return null;
  }
}
