package org.rivulet.elements.webrtc;

import java.util.ArrayList;
import java.util.List;
import org.rivulet.elements.config.ModuleConfig;
import org.rivulet.sdp.Codec;
import org.rivulet.sdp.RtcpFeedback;

/**
 * The codecs an endpoint offers and accepts, in preference order: those named in
 * {@code SdpEndpoint.conf.json} ({@code audioCodecs}/{@code videoCodecs}, entries such as
 * {@code "opus/48000/2"}) that Rivulet can carry, else Kurento's defaults: Opus, PCMU, PCMA; VP8,
 * VP9, H.264. Media passes through encoded, so any codec both peers share works end to end.
 */
public final class SupportedCodecs {
  private static final List<RtcpFeedback> VIDEO_FEEDBACK = List.of(RtcpFeedback.NACK,
      RtcpFeedback.NACK_PLI, RtcpFeedback.CCM_FIR, RtcpFeedback.GOOG_REMB,
      RtcpFeedback.TRANSPORT_CC);

  private final List<Codec> audio;
  private final List<Codec> video;

  private SupportedCodecs(List<Codec> audio, List<Codec> video) {
    this.audio = List.copyOf(audio);
    this.video = List.copyOf(video);
  }

  public static SupportedCodecs from(ModuleConfig config) {
    List<Codec> audio = parse(config.list("SdpEndpoint", "audioCodecs"), true);
    List<Codec> video = parse(config.list("SdpEndpoint", "videoCodecs"), false);
    return new SupportedCodecs(audio.isEmpty() ? defaultAudio() : audio,
        video.isEmpty() ? defaultVideo() : video);
  }

  public List<Codec> audio() {
    return audio;
  }

  public List<Codec> video() {
    return video;
  }

  /** Codecs for one m-line type ({@code audio} or {@code video}); empty for anything else. */
  public List<Codec> forMedia(String type) {
    return switch (type) {
      case "audio" -> audio;
      case "video" -> video;
      default -> List.of();
    };
  }

  static List<Codec> defaultAudio() {
    return List.of(
        new Codec(111, "opus", 48000, 2, "minptime=10;useinbandfec=1",
            List.of(RtcpFeedback.TRANSPORT_CC)),
        Codec.of(0, "PCMU", 8000),
        Codec.of(8, "PCMA", 8000));
  }

  /** Video codecs, each followed by its RTX format (RFC 4588) for NACK answers. */
  static List<Codec> defaultVideo() {
    return List.of(
        Codec.of(96, "VP8", 90000).withFeedback(VIDEO_FEEDBACK),
        rtx(97, 96),
        Codec.of(98, "VP9", 90000).withFeedback(VIDEO_FEEDBACK),
        rtx(99, 98),
        Codec.of(102, "H264", 90000)
            .withParameters("level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f")
            .withFeedback(VIDEO_FEEDBACK),
        rtx(103, 102));
  }

  private static Codec rtx(int payloadType, int repaired) {
    return Codec.of(payloadType, Codec.RTX, 90000).withParameters("apt=" + repaired);
  }

  /**
   * Names that Rivulet cannot carry (AV1, H265, AMR here) are left out; each video codec named
   * keeps its RTX format.
   */
  private static List<Codec> parse(List<String> names, boolean audio) {
    List<Codec> defaults = audio ? defaultAudio() : defaultVideo();
    List<Codec> out = new ArrayList<>();
    for (String name : names) {
      String encoding = name.contains("/") ? name.substring(0, name.indexOf('/')) : name;
      for (Codec c : defaults) {
        if (c.name().equalsIgnoreCase(encoding) && !out.contains(c)) {
          out.add(c);
          for (Codec r : defaults) {
            if (r.isRtx() && r.associatedPayloadType().orElse(-1) == c.payloadType()) {
              out.add(r);
            }
          }
        }
      }
    }
    return out;
  }
}
