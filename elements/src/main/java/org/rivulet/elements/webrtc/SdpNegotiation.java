package org.rivulet.elements.webrtc;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.rivulet.rtp.ext.AbsSendTime;
import org.rivulet.rtp.ext.AudioLevel;
import org.rivulet.rtp.ext.ForwardedExtensions;
import org.rivulet.rtp.ext.TransportSequenceNumber;
import org.rivulet.sdp.Bandwidth;
import org.rivulet.sdp.Codec;
import org.rivulet.sdp.CodecNegotiation;
import org.rivulet.sdp.Connection;
import org.rivulet.sdp.Direction;
import org.rivulet.sdp.Extmap;
import org.rivulet.sdp.Fingerprint;
import org.rivulet.sdp.Flag;
import org.rivulet.sdp.Group;
import org.rivulet.sdp.IcePwd;
import org.rivulet.sdp.IceUfrag;
import org.rivulet.sdp.MediaDescription;
import org.rivulet.sdp.MediaProtocol;
import org.rivulet.sdp.Mid;
import org.rivulet.sdp.Msid;
import org.rivulet.sdp.MsidSemantic;
import org.rivulet.sdp.Origin;
import org.rivulet.sdp.RtcpFeedback;
import org.rivulet.sdp.SessionDescription;
import org.rivulet.sdp.Setup;
import org.rivulet.sdp.Ssrc;
import org.rivulet.sdp.SsrcGroup;
import org.rivulet.sdp.Timing;

/**
 * WebRTC offer/answer for one endpoint (RFC 8829 in its JSEP roles, RFC 3264 underneath): builds
 * this endpoint's answer to a browser's offer, or its own offer, and reads back what was agreed.
 *
 * <p>Choices: one ICE/DTLS transport for everything (BUNDLE and rtcp-mux are required, as browsers
 * use them); no candidates in the SDP (they trickle through {@code IceCandidateFound}, so m-lines
 * carry the placeholder port 9); no RTP header extensions (forwarded packets keep the sender's
 * extension bytes, which a receiver that negotiated none ignores); data channels (m=application)
 * are rejected until SCTP exists. Stateless; any thread.
 */
public final class SdpNegotiation {
  /** Port of m-lines whose transport is negotiated by trickle ICE (RFC 8840). */
  static final int PLACEHOLDER_PORT = 9;

  private SdpNegotiation() {
  }

  /** The result of a negotiation: the SDP to send and what it agreed. */
  public record Outcome(SessionDescription description, List<NegotiatedMedia> media) {
  }

  /**
   * This endpoint's answer to {@code offer}.
   *
   * @throws IllegalArgumentException when the offer cannot be answered (no ICE credentials, no
   *     fingerprint, no usable m-line); the message says why
   */
  public static Outcome answer(SessionDescription offer, LocalParameters local,
      SupportedCodecs codecs) {
    List<MediaDescription> sections = new ArrayList<>();
    List<NegotiatedMedia> agreed = new ArrayList<>();
    List<String> bundle = new ArrayList<>();
    for (MediaDescription m : offer.media()) {
      var attrs = offer.effective(m);
      String mid = m.mid().orElse(Integer.toString(sections.size()));
      List<Codec> chosen = m.isRejected() || !m.protocol().isDtls() || !m.protocol().isRtp()
          ? List.of() : CodecNegotiation.answer(m.codecs(), codecs.forMedia(m.type()));
      if (chosen.isEmpty()) {
        sections.add(rejected(m, mid));
        continue;
      }
      if (attrs.iceUfrag().isEmpty() || attrs.icePwd().isEmpty()) {
        throw new IllegalArgumentException("The offer has no ICE credentials for m-line '" + mid + "'");
      }
      if (attrs.fingerprints().isEmpty()) {
        throw new IllegalArgumentException("The offer has no DTLS fingerprint for m-line '" + mid + "'");
      }
      Direction offered = offer.direction(m);
      Direction direction = offered.answer(!local.recvonly(), !local.sendonly());
      Setup setup = attrs.setup().orElse(Setup.ACTPASS).answer(true);
      long ssrc = local.ssrcFor(m.type());
      long rtxSsrc = rtxSsrc(m.type(), chosen, local);
      // transport-cc: we give feedback on what the peer sends, so only when we receive.
      Extmap twcc = direction.receives()
          && chosen.stream().anyMatch(c -> c.feedback().contains(RtcpFeedback.TRANSPORT_CC))
          ? m.attributes().extmap(TransportSequenceNumber.URI).orElse(null) : null;
      List<Codec> answered = twcc != null ? chosen : withoutTransportCc(chosen);
      MediaDescription section = section(m.type(), m.protocol(), mid, answered, direction, setup,
          local, attrs.rtcpRsize());
      // abs-send-time: we write it in the video we send, for the peer's REMB.
      Extmap abs = direction.sends() && m.type().equals("video")
          ? m.attributes().extmap(AbsSendTime.URI).filter(e -> e.id() <= Extmap.MAX_ONE_BYTE_ID)
              .orElse(null) : null;
      // Audio level and video orientation: carried from publishers to viewers with their ids.
      Extmap forwarded = m.attributes().extmap(forwardedUri(m.type())).orElse(null);
      if (twcc != null || abs != null || forwarded != null) {
        MediaDescription.Builder b = section.toBuilder();
        if (twcc != null) {
          b.attribute(Extmap.of(twcc.id(), TransportSequenceNumber.URI));
        }
        if (abs != null) {
          b.attribute(Extmap.of(abs.id(), AbsSendTime.URI));
        }
        if (forwarded != null) {
          b.attribute(Extmap.of(forwarded.id(), forwarded.uri()));
        }
        section = b.build();
      }
      sections.add(section);
      agreed.add(new NegotiatedMedia(mid, m.type(), answered, direction, ssrc, rtxSsrc,
          remoteSsrcs(m), twcc == null ? 0 : twcc.id(), abs == null ? 0 : abs.id(),
          forwarded == null ? Map.of() : Map.of(forwarded.uri(), forwarded.id()),
          attrs.rtcpRsize()));
      bundle.add(mid);
    }
    if (agreed.isEmpty()) {
      throw new IllegalArgumentException("The offer has no audio or video m-line that can be accepted");
    }
    return new Outcome(session(bundle, sections, local), agreed);
  }

  /** The ids our offers give the forwarded extensions (Chromium's own choices, unique in a bundle). */
  private static final Map<String, Integer> OFFERED_FORWARDED_IDS = Map.of(
      AudioLevel.URI, 1, ForwardedExtensions.VIDEO_ORIENTATION_URI, 13);

  /** The extension forwarded on an m-line of this kind (see {@link ForwardedExtensions}). */
  private static String forwardedUri(String kind) {
    return kind.equals("audio") ? AudioLevel.URI : ForwardedExtensions.VIDEO_ORIENTATION_URI;
  }

  /** This endpoint's offer (Kurento's {@code generateOffer}): one audio and one video m-line. */
  public static Outcome offer(LocalParameters local, SupportedCodecs codecs, boolean audio,
      boolean video) {
    return offer(local, codecs, audio, video, Setup.ACTPASS);
  }

  /**
   * An offer with a chosen DTLS setup: {@code ACTPASS} lets the answerer choose (what servers and
   * browsers offer); {@code ACTIVE} makes the offerer the DTLS client (the synthetic client peer).
   */
  public static Outcome offer(LocalParameters local, SupportedCodecs codecs, boolean audio,
      boolean video, Setup setup) {
    List<MediaDescription> sections = new ArrayList<>();
    List<NegotiatedMedia> proposed = new ArrayList<>();
    List<String> bundle = new ArrayList<>();
    Direction direction = local.recvonly() ? Direction.RECVONLY
        : local.sendonly() ? Direction.SENDONLY : Direction.SENDRECV;
    String[] kinds = {"audio", "video"};
    boolean[] wanted = {audio, video};
    for (int i = 0; i < kinds.length; i++) {
      if (!wanted[i]) {
        continue;
      }
      String mid = Integer.toString(sections.size());
      // Our offers carry no transport-wide sequence numbers, so no transport-cc either; only
      // the extension forwarded between peers, at a fixed id.
      List<Codec> list = withoutTransportCc(codecs.forMedia(kinds[i]));
      String uri = forwardedUri(kinds[i]);
      int id = OFFERED_FORWARDED_IDS.get(uri);
      sections.add(section(kinds[i], MediaProtocol.UDP_TLS_RTP_SAVPF, mid, list, direction,
          setup, local, true).toBuilder().attribute(Extmap.of(id, uri)).build());
      proposed.add(new NegotiatedMedia(mid, kinds[i], list, direction, local.ssrcFor(kinds[i]),
          rtxSsrc(kinds[i], list, local), List.of(), 0, 0, Map.of(uri, id), true));
      bundle.add(mid);
    }
    return new Outcome(session(bundle, sections, local), proposed);
  }

  /**
   * What an answer to our offer agreed: for each of our m-lines the answerer accepted, the codecs
   * it kept and the direction from our side.
   */
  public static List<NegotiatedMedia> readAnswer(SessionDescription answer,
      List<NegotiatedMedia> offered) {
    List<NegotiatedMedia> out = new ArrayList<>();
    for (MediaDescription m : answer.media()) {
      String mid = m.mid().orElse("");
      NegotiatedMedia ours = offered.stream().filter(o -> o.mid().equals(mid)).findFirst()
          .orElse(null);
      if (ours == null || m.isRejected()) {
        continue;
      }
      List<Codec> kept = kept(m, ours.codecs());
      if (kept.isEmpty()) {
        continue;
      }
      Direction theirs = answer.direction(m);
      long rtxSsrc = kept.stream().anyMatch(Codec::isRtx) ? ours.localRtxSsrc() : 0;
      Map<String, Integer> forwarded = new HashMap<>();
      ours.forwardedExtensions().keySet().forEach(uri -> m.attributes().extmap(uri)
          .ifPresent(e -> forwarded.put(uri, e.id())));
      out.add(new NegotiatedMedia(mid, m.type(), kept, theirs.reverse(), ours.localSsrc(),
          rtxSsrc, remoteSsrcs(m), 0, 0, forwarded,
          ours.reducedSizeRtcp() && answer.effective(m).rtcpRsize()));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("The answer accepted no m-line of the offer");
    }
    return out;
  }

  /** The codecs of an answer's m-line that match one of those we offered, in its order. */
  public static List<Codec> kept(MediaDescription answered, List<Codec> offered) {
    List<Codec> kept = new ArrayList<>();
    for (Codec c : answered.codecs()) {
      if (c.findMatch(offered).isPresent()) {
        kept.add(c);
      }
    }
    return kept;
  }

  private static MediaDescription rejected(MediaDescription m, String mid) {
    MediaDescription.Builder b = MediaDescription.builder(m.type(), 0, m.protocol());
    m.formats().forEach(b::format);
    if (m.formats().isEmpty()) {
      b.format("0");
    }
    b.attribute(new Mid(mid));
    b.attribute(Direction.INACTIVE);
    return b.build();
  }

  private static MediaDescription section(String kind, MediaProtocol protocol, String mid,
      List<Codec> codecs, Direction direction, Setup setup, LocalParameters local,
      boolean rtcpRsize) {
    MediaDescription.Builder b = MediaDescription.builder(kind, PLACEHOLDER_PORT, protocol);
    b.connection(Connection.IN_IP4_ANY);
    int kbps = kind.equals("audio") ? local.maxAudioRecvKbps() : local.maxVideoRecvKbps();
    if (kbps > 0 && direction.receives()) {
      b.bandwidth(new Bandwidth("AS", kbps));
    }
    b.attribute(new IceUfrag(local.iceUfrag()));
    b.attribute(new IcePwd(local.icePwd()));
    b.attribute(local.fingerprint());
    b.attribute(setup);
    b.attribute(new Mid(mid));
    b.attribute(direction);
    b.attribute(Flag.RTCP_MUX);
    if (rtcpRsize) {
      b.attribute(Flag.RTCP_RSIZE);
    }
    codecs.forEach(b::codec);
    if (direction.sends()) {
      long ssrc = local.ssrcFor(kind);
      long rtx = rtxSsrc(kind, codecs, local);
      String msid = local.streamId() + " " + kind + "-" + local.streamId();
      b.attribute(new Msid(local.streamId(), kind + "-" + local.streamId()));
      if (rtx != 0) {
        // RFC 5576 section 4.2: the retransmission SSRC repairs the media SSRC (RFC 4588 8.3).
        b.attribute(new SsrcGroup(SsrcGroup.FID, List.of(ssrc, rtx)));
      }
      b.attribute(new Ssrc(ssrc, Ssrc.CNAME, local.cname()));
      b.attribute(new Ssrc(ssrc, "msid", msid));
      if (rtx != 0) {
        b.attribute(new Ssrc(rtx, Ssrc.CNAME, local.cname()));
        b.attribute(new Ssrc(rtx, "msid", msid));
      }
    }
    return b.build();
  }

  private static SessionDescription session(List<String> bundle, List<MediaDescription> sections,
      LocalParameters local) {
    long id = ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
    SessionDescription.Builder s = SessionDescription.builder()
        .origin(Origin.of(id, 2, "127.0.0.1"))
        .sessionName("Rivulet")
        .timing(Timing.PERMANENT);
    if (!bundle.isEmpty()) {
      s.attribute(new Group(Group.BUNDLE, bundle));
    }
    s.attribute(new MsidSemantic("WMS", List.of(local.streamId())));
    return s.media(sections).build();
  }

  /** The codecs without transport-cc feedback (offered but not usable without the extension). */
  private static List<Codec> withoutTransportCc(List<Codec> codecs) {
    List<Codec> out = new ArrayList<>();
    for (Codec c : codecs) {
      List<RtcpFeedback> fb = new ArrayList<>(c.feedback());
      fb.remove(RtcpFeedback.TRANSPORT_CC);
      out.add(c.withFeedback(fb));
    }
    return out;
  }

  /** The RTX SSRC this endpoint uses on an m-line: for video with an RTX format, else 0. */
  private static long rtxSsrc(String kind, List<Codec> codecs, LocalParameters local) {
    return kind.equals("video") && codecs.stream().anyMatch(Codec::isRtx) ? local.videoRtxSsrc()
        : 0;
  }

  private static List<Long> remoteSsrcs(MediaDescription m) {
    List<Long> out = new ArrayList<>();
    for (Ssrc s : m.attributes().all(Ssrc.class)) {
      if (!out.contains(s.ssrc())) {
        out.add(s.ssrc());
      }
    }
    return out;
  }

  /** A fingerprint attribute for SHA-256 bytes (helper for callers holding a certificate). */
  public static Fingerprint sha256(byte[] digest) {
    return Fingerprint.of("sha-256", digest);
  }
}
