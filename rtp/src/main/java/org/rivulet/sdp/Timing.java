package org.rivulet.sdp;

import java.util.List;

/**
 * A time description: {@code t=<start-time> <stop-time>} (RFC 8866 section 5.9) and the {@code r=}
 * repeat lines that follow it (section 5.10), kept as text. WebRTC always writes {@code t=0 0}.
 *
 * @param start NTP seconds, 0 for unbounded
 * @param stop NTP seconds, 0 for unbounded
 * @param repeats the values of the {@code r=} lines, in order
 */
public record Timing(long start, long stop, List<String> repeats) {

  /** {@code t=0 0}: a permanent session. */
  public static final Timing PERMANENT = new Timing(0, 0, List.of());

  /** Checks and copies the fields. */
  public Timing {
    Syntax.requireRange(start, 0, Long.MAX_VALUE, "start time");
    Syntax.requireRange(stop, 0, Long.MAX_VALUE, "stop time");
    repeats = List.copyOf(repeats);
    for (String r : repeats) {
      Syntax.requireSpacedWords(r, "repeat");
    }
  }

  static Timing parse(String value) throws SdpParseException {
    List<String> w = Syntax.words(value);
    if (w.size() != 2) {
      throw new SdpParseException(SdpParseException.Reason.BAD_TIMING, "expected '<start> <stop>'");
    }
    long start = Syntax.longValue(w.get(0), 0, Long.MAX_VALUE, SdpParseException.Reason.BAD_TIMING, "start time");
    long stop = Syntax.longValue(w.get(1), 0, Long.MAX_VALUE, SdpParseException.Reason.BAD_TIMING, "stop time");
    return new Timing(start, stop, List.of());
  }

  /** This timing with one more {@code r=} line; the repeat's fields are normalised to single spaces. */
  Timing withRepeat(String repeat) throws SdpParseException {
    List<String> w = Syntax.words(repeat);
    if (w.size() < 3) {
      // RFC 8866 section 5.10: r=<repeat interval> <active duration> <offsets from start-time>
      throw new SdpParseException(SdpParseException.Reason.BAD_TIMING, "r= needs at least three fields");
    }
    List<String> all = new java.util.ArrayList<>(repeats);
    all.add(String.join(" ", w));
    return new Timing(start, stop, all);
  }
}
