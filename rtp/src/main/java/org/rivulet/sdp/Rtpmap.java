package org.rivulet.sdp;

import java.util.List;

/**
 * {@code a=rtpmap:<payload type> <encoding name>/<clock rate>[/<encoding parameters>]} (RFC 8866
 * section 6.6), for example {@code a=rtpmap:111 opus/48000/2}.
 *
 * @param payloadType 0..127 (RFC 3550 section 5.1: seven bits)
 * @param encodingName the encoding name as written; compare case-insensitively (RFC 4855 section 3)
 * @param clockRate 1..{@link #MAX_CLOCK_RATE} Hz
 * @param channels the encoding parameters, for audio the channel count 1..255, or null when absent (one channel)
 */
public record Rtpmap(int payloadType, String encodingName, int clockRate, Integer channels) implements SdpAttribute {

  /** Highest clock rate accepted: far above any real codec (video is 90 kHz, audio at most 384 kHz). */
  public static final int MAX_CLOCK_RATE = 10_000_000;
  /** Highest channel count accepted. */
  public static final int MAX_CHANNELS = 255;

  /** Checks the fields. */
  public Rtpmap {
    Syntax.requireRange(payloadType, 0, 127, "payload type");
    Syntax.requireWord(encodingName, "encoding name");
    if (encodingName.indexOf('/') >= 0) {
      throw new IllegalArgumentException("encoding name contains '/'");
    }
    Syntax.requireRange(clockRate, 1, MAX_CLOCK_RATE, "clock rate");
    if (channels != null) {
      Syntax.requireRange(channels, 1, MAX_CHANNELS, "channels");
    }
  }

  static Rtpmap parse(String value) throws SdpParseException {
    List<String> w = Syntax.words(value);
    if (w.size() != 2) {
      throw new SdpParseException(
          SdpParseException.Reason.BAD_RTPMAP, "expected '<payload type> <encoding>/<clock rate>[/<channels>]'");
    }
    int pt = Syntax.intValue(w.get(0), 0, 127, SdpParseException.Reason.BAD_RTPMAP_PAYLOAD_TYPE, "payload type");
    String[] parts = w.get(1).split("/", -1);
    if (parts.length < 2) {
      throw new SdpParseException(SdpParseException.Reason.BAD_RTPMAP_CLOCK_RATE, "no clock rate");
    }
    if (parts.length > 3 || parts[0].isEmpty()) {
      throw new SdpParseException(SdpParseException.Reason.BAD_RTPMAP, "expected '<encoding>/<clock rate>[/<channels>]'");
    }
    int clock = Syntax.intValue(parts[1], 1, MAX_CLOCK_RATE, SdpParseException.Reason.BAD_RTPMAP_CLOCK_RATE, "clock rate");
    Integer channels = parts.length == 3
        ? Syntax.intValue(parts[2], 1, MAX_CHANNELS, SdpParseException.Reason.BAD_RTPMAP, "channels")
        : null;
    return Syntax.build(SdpParseException.Reason.BAD_RTPMAP, () -> new Rtpmap(pt, parts[0], clock, channels));
  }

  /** The channel count, 1 when the encoding parameters are absent (RFC 8866 section 6.6). */
  public int channelCount() {
    return channels == null ? 1 : channels;
  }

  @Override
  public String attributeName() {
    return "rtpmap";
  }

  @Override
  public String attributeValue() {
    String v = payloadType + " " + encodingName + "/" + clockRate;
    return channels == null ? v : v + "/" + channels;
  }
}
