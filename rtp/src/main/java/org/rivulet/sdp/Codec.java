package org.rivulet.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An RTP payload format as offered or answered: the rtpmap, fmtp and rtcp-fb lines of one payload type
 * gathered together ({@link MediaDescription#codecs()} reads them, {@link #attributes()} writes them).
 *
 * <p>{@link #matches} decides whether an offered codec and a local one are the same format for offer/answer
 * (RFC 3264 section 6.1): names case-insensitively (RFC 4855 section 3), clock rate and channel count
 * exactly, and for the formats whose parameters change the bitstream, those parameters too: H.264's
 * packetization-mode and profile (RFC 6184 section 8.2.2), VP9's profile-id.
 *
 * @param payloadType 0..127
 * @param name the encoding name as written, such as {@code opus}, {@code VP8}, {@code H264}, {@code rtx}
 * @param clockRate the RTP clock rate, Hz
 * @param channels the channel count, 1 for video and mono audio
 * @param parameters the fmtp parameter text, empty when there is no fmtp
 * @param feedback the rtcp-fb capabilities, in order
 */
public record Codec(
    int payloadType, String name, int clockRate, int channels, String parameters, List<RtcpFeedback> feedback) {

  /** Retransmission (RFC 4588). */
  public static final String RTX = "rtx";
  /** Redundant coding (RFC 2198). */
  public static final String RED = "red";
  /** Uneven level protection FEC (RFC 5109). */
  public static final String ULPFEC = "ulpfec";

  /** Checks and copies the fields, with the same rules as {@link Rtpmap} and {@link Fmtp}. */
  public Codec {
    new Rtpmap(payloadType, name, clockRate, channels);
    new Fmtp(Integer.toString(payloadType), parameters);
    feedback = List.copyOf(feedback);
  }

  /** A codec with one channel, no parameters and no feedback. */
  public static Codec of(int payloadType, String name, int clockRate) {
    return new Codec(payloadType, name, clockRate, 1, "", List.of());
  }

  public Codec withPayloadType(int pt) {
    return new Codec(pt, name, clockRate, channels, parameters, feedback);
  }

  public Codec withChannels(int count) {
    return new Codec(payloadType, name, clockRate, count, parameters, feedback);
  }

  /** This codec with fmtp parameter text {@code text}, such as {@code minptime=10;useinbandfec=1}. */
  public Codec withParameters(String text) {
    return new Codec(payloadType, name, clockRate, channels, text, feedback);
  }

  /** This codec with {@code key=value} parameters joined by {@code ;} in map order. */
  public Codec withParameters(Map<String, String> map) {
    return withParameters(Fmtp.join(map));
  }

  public Codec withFeedback(List<RtcpFeedback> list) {
    return new Codec(payloadType, name, clockRate, channels, parameters, list);
  }

  /** The parameters as an ordered map (see {@link Fmtp#parameterMap()}). */
  public Map<String, String> parameterMap() {
    return fmtp().parameterMap();
  }

  /** The value of fmtp parameter {@code key}, compared case-insensitively. */
  public Optional<String> parameter(String key) {
    return fmtp().parameter(key);
  }

  private Fmtp fmtp() {
    return new Fmtp(Integer.toString(payloadType), parameters);
  }

  /** Whether the name is {@code name}, ignoring case (RFC 4855 section 3). */
  public boolean is(String encodingName) {
    return name.equalsIgnoreCase(encodingName);
  }

  /** Whether this is an RTX repair format (RFC 4588 section 8). */
  public boolean isRtx() {
    return is(RTX);
  }

  /** The {@code apt} parameter of an RTX format: the payload type it repairs (RFC 4588 section 8.1). */
  public OptionalInt associatedPayloadType() {
    Optional<String> apt = parameter("apt");
    if (apt.isEmpty()) {
      return OptionalInt.empty();
    }
    long v = Syntax.number(apt.get(), 0, 127);
    return v < 0 ? OptionalInt.empty() : OptionalInt.of((int) v);
  }

  /**
   * Whether {@code other} is the same format, so that an answer may accept it (RFC 3264 section 6.1):
   * same name (any case), clock rate and channels; for H.264 also the same packetization-mode and
   * profile (RFC 6184 section 8.2.2; levels may differ); for VP9 the same profile-id (0 when absent).
   * Payload types are not compared: the answer uses the offerer's (RFC 3264 section 6.1).
   */
  public boolean matches(Codec other) {
    if (!name.equalsIgnoreCase(other.name) || clockRate != other.clockRate || channels != other.channels) {
      return false;
    }
    if (is("H264")) {
      return parameterOr("packetization-mode", "0").equals(other.parameterOr("packetization-mode", "0"))
          && H264ProfileLevelId.sameProfile(h264ProfileLevelId(), other.h264ProfileLevelId());
    }
    if (is("VP9")) {
      return parameterOr("profile-id", "0").equals(other.parameterOr("profile-id", "0"));
    }
    return true;
  }

  /** The first codec in {@code candidates} that {@link #matches} this one. */
  public Optional<Codec> findMatch(List<Codec> candidates) {
    for (Codec c : candidates) {
      if (matches(c)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /** H.264's profile-level-id, or the RFC 6184 section 8.1 default 42000A when absent; empty when malformed. */
  Optional<H264ProfileLevelId> h264ProfileLevelId() {
    return H264ProfileLevelId.parse(parameterOr("profile-level-id", H264ProfileLevelId.DEFAULT.format()));
  }

  String parameterOr(String key, String fallback) {
    return parameter(key).orElse(fallback);
  }

  /** The rtpmap, fmtp (when there are parameters) and rtcp-fb attributes of this codec, in that order. */
  public List<SdpAttribute> attributes() {
    List<SdpAttribute> out = new ArrayList<>(2 + feedback.size());
    out.add(new Rtpmap(payloadType, name, clockRate, channels > 1 ? Integer.valueOf(channels) : null));
    for (RtcpFeedback fb : feedback) {
      out.add(new RtcpFb(payloadType, fb));
    }
    if (!parameters.isEmpty()) {
      out.add(fmtp());
    }
    return List.copyOf(out);
  }
}
