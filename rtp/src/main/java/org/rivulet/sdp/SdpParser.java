package org.rivulet.sdp;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Reads SDP text (RFC 8866) into a {@link SessionDescription}.
 *
 * <p>Tolerant where peers differ harmlessly: LF or CRLF line ends, blank lines, runs of spaces or tabs
 * between fields, a space after an attribute's colon, lines of one section in any order. Strict where
 * it matters, and always with an {@link SdpParseException} that names the line and a
 * {@link SdpParseException.Reason}: the first line must be {@code v=0}; unknown line types are rejected
 * (RFC 8866 section 5: a description with a type letter one does not understand is ignored whole);
 * m-lines, and the values of the attributes this package models, are checked against their grammars;
 * mids are unique and groups name existing mids. No other exception escapes for any input.
 *
 * <p>Limits are checked before the work they bound (RELIABILITY.md 1.3: Janus needed a line cap after a
 * 259k-line SDP; the parse is linear in the input): {@link #MAX_SIZE} bytes, {@link #MAX_LINE_LENGTH}
 * characters per line, {@link #MAX_LINES_PER_SECTION} lines in the session part and in each media
 * section, {@link #MAX_MEDIA} media sections.
 *
 * <p>Stateless; any thread.
 */
public final class SdpParser {

  /** Largest description accepted, in UTF-8 bytes: 256 KiB, above any real offer by far. */
  public static final int MAX_SIZE = 256 * 1024;
  /** Longest line accepted, in characters, without its line end. */
  public static final int MAX_LINE_LENGTH = 4096;
  /** Most lines in the session part, or in one media section (its m= line included). */
  public static final int MAX_LINES_PER_SECTION = 1000;
  /** Most media sections. */
  public static final int MAX_MEDIA = 64;

  private SdpParser() {}

  /**
   * Parses UTF-8 bytes.
   *
   * @throws SdpParseException on any malformed or oversized input, including invalid UTF-8
   */
  public static SessionDescription parse(byte[] utf8) throws SdpParseException {
    Objects.requireNonNull(utf8, "utf8");
    if (utf8.length > MAX_SIZE) {
      throw new SdpParseException(SdpParseException.Reason.TOO_LARGE, utf8.length + " bytes");
    }
    return new Run(decode(utf8)).parse();
  }

  /**
   * Parses text, as received in Kurento's {@code processOffer} and {@code processAnswer}.
   *
   * @throws SdpParseException on any malformed or oversized input
   */
  public static SessionDescription parse(String sdp) throws SdpParseException {
    Objects.requireNonNull(sdp, "sdp");
    if (sdp.length() > MAX_SIZE || utf8Length(sdp) > MAX_SIZE) {
      throw new SdpParseException(SdpParseException.Reason.TOO_LARGE, sdp.length() + " characters");
    }
    return new Run(sdp).parse();
  }

  private static String decode(byte[] utf8) throws SdpParseException {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(utf8);
    // UTF-8 never decodes to more chars than it has bytes.
    CharBuffer out = CharBuffer.allocate(utf8.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int line = 1;
      for (int i = 0; i < in.position(); i++) {
        if (utf8[i] == '\n') {
          line++;
        }
      }
      throw new SdpParseException(SdpParseException.Reason.INVALID_UTF8, line, "at byte " + in.position());
    }
    return out.flip().toString();
  }

  /** The UTF-8 length of {@code s}; an unpaired surrogate counts as the 3 bytes of its replacement. */
  private static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  /** The state of one parse: one instance per call, never shared. */
  private static final class Run {
    private final String text;
    private final SessionDescription.Builder session = SessionDescription.builder();
    private final List<Timing> timings = new ArrayList<>();
    private final List<MediaDescription> media = new ArrayList<>();
    private final Set<String> mids = new HashSet<>();
    private final List<Group> groups = new ArrayList<>();
    private final List<Integer> groupLines = new ArrayList<>();
    private Section section = new Section(null);
    private boolean versionSeen;
    private boolean originSeen;
    private boolean nameSeen;
    private boolean uriSeen;
    private boolean zoneSeen;
    private int lineNumber;

    Run(String text) {
      this.text = text;
    }

    SessionDescription parse() throws SdpParseException {
      int pos = 0;
      int n = text.length();
      while (pos < n) {
        int nl = text.indexOf('\n', pos);
        int end = nl < 0 ? n : nl;
        int contentEnd = end > pos && text.charAt(end - 1) == '\r' ? end - 1 : end;
        lineNumber++;
        if (contentEnd - pos > MAX_LINE_LENGTH) {
          throw error(SdpParseException.Reason.LINE_TOO_LONG, (contentEnd - pos) + " characters");
        }
        String line = text.substring(pos, contentEnd);
        pos = end + 1;
        try {
          line(line);
        } catch (SdpParseException e) {
          throw e.line() == 0 ? e.atLine(lineNumber) : e;
        }
      }
      return finish();
    }

    private void line(String line) throws SdpParseException {
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c == 0 || c == '\r') {
          // RFC 8866 section 9: no NUL, and CR only in the CRLF line end (PJSIP #2092 crashed on a=fmtp\0).
          throw error(SdpParseException.Reason.CONTROL_CHARACTER, "at column " + (i + 1));
        }
      }
      // An m= line starts the count of its own section (startMedia).
      if (!line.startsWith("m=") && ++section.lines > MAX_LINES_PER_SECTION) {
        throw error(SdpParseException.Reason.TOO_MANY_LINES, "more than " + MAX_LINES_PER_SECTION);
      }
      if (Syntax.trim(line).isEmpty()) {
        return;
      }
      if (!versionSeen) {
        if (!line.startsWith("v=")) {
          throw error(SdpParseException.Reason.MISSING_VERSION, Syntax.quote(line));
        }
        if (!Syntax.trim(line.substring(2)).equals("0")) {
          throw error(SdpParseException.Reason.BAD_VERSION, Syntax.quote(line));
        }
        versionSeen = true;
        return;
      }
      if (line.length() < 2 || line.charAt(1) != '=') {
        throw error(SdpParseException.Reason.MALFORMED_LINE, Syntax.quote(line));
      }
      char type = line.charAt(0);
      String value = line.substring(2);
      switch (type) {
        case 'v' -> throw error(SdpParseException.Reason.DUPLICATE_LINE, "v=");
        case 'o' -> {
          sessionOnly(type);
          originSeen = once(originSeen);
          session.origin(Origin.parse(value));
        }
        case 's' -> {
          sessionOnly(type);
          nameSeen = once(nameSeen);
          session.sessionName(value);
        }
        case 'u' -> {
          sessionOnly(type);
          uriSeen = once(uriSeen);
          session.uri(value);
        }
        case 'e' -> {
          sessionOnly(type);
          session.email(value);
        }
        case 'p' -> {
          sessionOnly(type);
          session.phone(value);
        }
        case 't' -> {
          sessionOnly(type);
          timings.add(Timing.parse(value));
        }
        case 'r' -> {
          sessionOnly(type);
          if (timings.isEmpty()) {
            throw error(SdpParseException.Reason.MISPLACED_LINE, "r= before t=");
          }
          int last = timings.size() - 1;
          timings.set(last, timings.get(last).withRepeat(value));
        }
        case 'z' -> {
          sessionOnly(type);
          zoneSeen = once(zoneSeen);
          session.timeZones(value);
        }
        case 'i' -> {
          section.informationSeen = once(section.informationSeen);
          section.information = value;
        }
        case 'k' -> {
          section.keySeen = once(section.keySeen);
          section.key = value;
        }
        case 'c' -> {
          Connection c = Connection.parse(value, SdpParseException.Reason.BAD_CONNECTION);
          if (section.media == null) {
            // One c= at session level; a media section may list several (RFC 8866 section 5.7).
            section.connectionSeen = once(section.connectionSeen);
          }
          section.connections.add(c);
        }
        case 'b' -> section.bandwidths.add(Bandwidth.parse(value));
        case 'a' -> attribute(value);
        case 'm' -> startMedia(value);
        default -> {
          if (type >= 'a' && type <= 'z') {
            throw error(SdpParseException.Reason.UNKNOWN_LINE_TYPE, Syntax.quote(String.valueOf(type)));
          }
          throw error(SdpParseException.Reason.MALFORMED_LINE, Syntax.quote(line));
        }
      }
    }

    /** Rejects a session-only line type inside a media section (RFC 8866 section 5 lists where each goes). */
    private void sessionOnly(char type) throws SdpParseException {
      if (section.media != null) {
        throw error(SdpParseException.Reason.MISPLACED_LINE, type + "= inside a media section");
      }
    }

    /** Rejects a second line of a type allowed once; returns the new "seen" state. */
    private boolean once(boolean seen) throws SdpParseException {
      if (seen) {
        throw error(SdpParseException.Reason.DUPLICATE_LINE, "line type repeated in this section");
      }
      return true;
    }

    private void attribute(String text) throws SdpParseException {
      SdpAttribute a = AttributeParser.parse(text);
      Section s = section;
      if (a instanceof Mid mid && s.media != null) {
        if (s.midSeen || !mids.add(mid.id())) {
          throw error(SdpParseException.Reason.DUPLICATE_MID, Syntax.quote(mid.id()));
        }
        s.midSeen = true;
      } else if (a instanceof Direction || a instanceof IceUfrag || a instanceof IcePwd || a instanceof Setup) {
        // One value per section; two would be ambiguous (RFC 8866 section 6.7, RFC 8839 section 5.4, RFC 4145).
        Class<?> kind = a instanceof Direction ? Direction.class : a.getClass();
        if (!s.singles.add(kind)) {
          throw error(SdpParseException.Reason.DUPLICATE_ATTRIBUTE, a.attributeName());
        }
      } else if (a instanceof Rtpmap r && !s.rtpmapPayloadTypes.add(r.payloadType())) {
        throw error(SdpParseException.Reason.DUPLICATE_RTPMAP, "payload type " + r.payloadType());
      } else if (a instanceof Extmap e && !s.extmapIds.add(e.id())) {
        throw error(SdpParseException.Reason.DUPLICATE_EXTMAP_ID, "id " + e.id());
      } else if (a instanceof Group g) {
        groups.add(g);
        groupLines.add(lineNumber);
      }
      s.attributes.add(a);
    }

    private void startMedia(String value) throws SdpParseException {
      if (media.size() + (section.media != null ? 1 : 0) >= MAX_MEDIA) {
        throw error(SdpParseException.Reason.TOO_MANY_MEDIA, "more than " + MAX_MEDIA);
      }
      closeSection();
      List<String> w = Syntax.words(value);
      if (w.size() < 3) {
        throw error(SdpParseException.Reason.BAD_MEDIA_LINE, "expected '<media> <port> <proto> <fmt> ...'");
      }
      if (!Syntax.isToken(w.get(0))) {
        throw error(SdpParseException.Reason.BAD_MEDIA_LINE, "media type " + Syntax.quote(w.get(0)));
      }
      String portField = w.get(1);
      int slash = portField.indexOf('/');
      int port = Syntax.intValue(slash < 0 ? portField : portField.substring(0, slash), 0, 65535,
          SdpParseException.Reason.BAD_MEDIA_PORT, "port");
      Integer count = slash < 0 ? null : Syntax.intValue(portField.substring(slash + 1), 1, 65535,
          SdpParseException.Reason.BAD_MEDIA_PORT, "number of ports");
      MediaProtocol protocol = Syntax.build(SdpParseException.Reason.BAD_MEDIA_PROTO, () -> new MediaProtocol(w.get(2)));
      if (w.size() < 4) {
        throw error(SdpParseException.Reason.BAD_MEDIA_FORMAT, "no formats");
      }
      List<String> formats = new ArrayList<>(w.size() - 3);
      Set<String> seen = new HashSet<>();
      for (String f : w.subList(3, w.size())) {
        String format = protocol.isRtp()
            ? Integer.toString(Syntax.intValue(f, 0, 127, SdpParseException.Reason.BAD_MEDIA_FORMAT, "payload type"))
            : f;
        if (!seen.add(format)) {
          throw error(SdpParseException.Reason.BAD_MEDIA_FORMAT, "format " + Syntax.quote(format) + " listed twice");
        }
        formats.add(format);
      }
      MediaDescription.Builder builder =
          MediaDescription.builder(w.get(0), port, protocol).portCount(count).formats(formats);
      section = new Section(builder);
      section.lines = 1;
    }

    /** Moves the lines gathered for the current section into its builder. */
    private void closeSection() {
      Section s = section;
      if (s.media == null) {
        session.information(s.information).key(s.key);
        if (!s.connections.isEmpty()) {
          session.connection(s.connections.get(0));
        }
        for (Bandwidth b : s.bandwidths) {
          session.bandwidth(b);
        }
        for (SdpAttribute a : s.attributes) {
          session.attribute(a);
        }
      } else {
        MediaDescription.Builder m = s.media.information(s.information).key(s.key);
        s.connections.forEach(m::connection);
        s.bandwidths.forEach(m::bandwidth);
        m.attributes(s.attributes);
        media.add(m.build());
      }
    }

    private SessionDescription finish() throws SdpParseException {
      if (!versionSeen) {
        throw new SdpParseException(SdpParseException.Reason.EMPTY, null);
      }
      closeSection();
      if (!originSeen) {
        throw new SdpParseException(SdpParseException.Reason.MISSING_ORIGIN, null);
      }
      if (!nameSeen) {
        throw new SdpParseException(SdpParseException.Reason.MISSING_SESSION_NAME, null);
      }
      if (timings.isEmpty()) {
        throw new SdpParseException(SdpParseException.Reason.MISSING_TIMING, null);
      }
      for (int i = 0; i < groups.size(); i++) {
        for (String mid : groups.get(i).mids()) {
          if (!mids.contains(mid)) {
            throw new SdpParseException(SdpParseException.Reason.UNKNOWN_GROUP_MID, groupLines.get(i), Syntax.quote(mid));
          }
        }
      }
      timings.forEach(session::timing);
      return session.media(media).build();
    }

    private SdpParseException error(SdpParseException.Reason reason, String detail) {
      return new SdpParseException(reason, lineNumber, detail);
    }
  }

  /** Lines gathered for the session part ({@code media == null}) or for one media section. */
  private static final class Section {
    final MediaDescription.Builder media;
    final List<Connection> connections = new ArrayList<>();
    final List<Bandwidth> bandwidths = new ArrayList<>();
    final List<SdpAttribute> attributes = new ArrayList<>();
    final Set<Class<?>> singles = new HashSet<>();
    final Set<Integer> rtpmapPayloadTypes = new HashSet<>();
    final Set<Integer> extmapIds = new HashSet<>();
    String information;
    String key;
    boolean informationSeen;
    boolean keySeen;
    boolean connectionSeen;
    boolean midSeen;
    int lines;

    Section(MediaDescription.Builder media) {
      this.media = media;
    }
  }
}
