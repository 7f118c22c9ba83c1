package org.rivulet.sdp;

/**
 * Writes a {@link SessionDescription} as SDP text: CRLF line ends and the line order of RFC 8866
 * section 5, {@code v o s i u e p c b (t r*) z k a} at session level and {@code m i c b k a} in each
 * media section. Fields are separated by single spaces. What {@link SdpParser} reads back from the
 * output equals the description written.
 *
 * <p>Stateless; any thread.
 */
public final class SdpWriter {

  private static final String CRLF = "\r\n";

  private SdpWriter() {}

  /** The SDP text of {@code sdp}. */
  public static String write(SessionDescription sdp) {
    StringBuilder sb = new StringBuilder(2048);
    line(sb, 'v', Integer.toString(sdp.version()));
    line(sb, 'o', sdp.origin().format());
    line(sb, 's', sdp.sessionName());
    sdp.information().ifPresent(i -> line(sb, 'i', i));
    sdp.uri().ifPresent(u -> line(sb, 'u', u));
    for (String e : sdp.emails()) {
      line(sb, 'e', e);
    }
    for (String p : sdp.phones()) {
      line(sb, 'p', p);
    }
    sdp.connection().ifPresent(c -> line(sb, 'c', c.format()));
    for (Bandwidth b : sdp.bandwidths()) {
      line(sb, 'b', b.format());
    }
    for (Timing t : sdp.timings()) {
      line(sb, 't', t.start() + " " + t.stop());
      for (String r : t.repeats()) {
        line(sb, 'r', r);
      }
    }
    sdp.timeZones().ifPresent(z -> line(sb, 'z', z));
    sdp.key().ifPresent(k -> line(sb, 'k', k));
    attributes(sb, sdp.attributes());
    for (MediaDescription m : sdp.media()) {
      writeMedia(m, sb);
    }
    return sb.toString();
  }

  /** Appends the lines of one media section. */
  static void writeMedia(MediaDescription m, StringBuilder sb) {
    sb.append("m=").append(m.type()).append(' ').append(m.port());
    m.portCount().ifPresent(n -> sb.append('/').append(n));
    sb.append(' ').append(m.protocol().name());
    for (String f : m.formats()) {
      sb.append(' ').append(f);
    }
    sb.append(CRLF);
    m.information().ifPresent(i -> line(sb, 'i', i));
    for (Connection c : m.connections()) {
      line(sb, 'c', c.format());
    }
    for (Bandwidth b : m.bandwidths()) {
      line(sb, 'b', b.format());
    }
    m.key().ifPresent(k -> line(sb, 'k', k));
    attributes(sb, m.attributes());
  }

  /** The {@code a=} line of one attribute, without line end, such as {@code a=rtcp-mux}. */
  public static String attributeLine(SdpAttribute a) {
    String value = a.attributeValue();
    return value == null ? "a=" + a.attributeName() : "a=" + a.attributeName() + ":" + value;
  }

  private static void attributes(StringBuilder sb, AttributeList list) {
    for (SdpAttribute a : list) {
      sb.append(attributeLine(a)).append(CRLF);
    }
  }

  private static void line(StringBuilder sb, char type, String value) {
    sb.append(type).append('=').append(value).append(CRLF);
  }
}
