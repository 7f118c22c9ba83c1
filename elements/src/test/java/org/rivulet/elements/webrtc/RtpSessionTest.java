package org.rivulet.elements.webrtc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rivulet.elements.MediaType;
import org.rivulet.elements.RtpFormat;
import org.rivulet.rtp.RtpPacket;
import org.rivulet.rtp.ext.AudioLevel;
import org.rivulet.rtp.ext.ForwardedExtensions;
import org.rivulet.rtp.ext.HeaderExtensions;
import org.rivulet.sdp.Codec;
import org.rivulet.sdp.Direction;
import org.rivulet.srtp.SrtpProfile;
import org.rivulet.srtp.SrtpReceiver;
import org.rivulet.srtp.SrtpResult;
import org.rivulet.srtp.SrtpSender;
import org.rivulet.transport.udp.DeferredDatagram;

/** Two RTP sessions back to back, as two peers: SRTP, payload type mapping, rewriting, PLI. */
class RtpSessionTest {
  private static final UnpooledByteBufAllocator ALLOC = new UnpooledByteBufAllocator(false);
  private static final RtpFormat VP8 = new RtpFormat("VP8", 90000, 1);
  private static final byte[] KEY_AB = new byte[16];
  private static final byte[] SALT_AB = new byte[14];
  private static final byte[] KEY_BA = new byte[16];
  private static final byte[] SALT_BA = new byte[14];

  static {
    for (int i = 0; i < 16; i++) {
      KEY_AB[i] = (byte) i;
      KEY_BA[i] = (byte) (100 + i);
    }
  }

  private final List<Object[]> atA = new ArrayList<>();
  private final List<Object[]> atB = new ArrayList<>();
  private final List<MediaType> keyframesAtA = new ArrayList<>();
  /** What b's receivers downstream can take, as b's endpoint would report it. */
  private long downstream = Long.MAX_VALUE;
  private RtpSession a;
  private RtpSession b;

  private static List<NegotiatedMedia> media(long audioSsrc, long videoSsrc, int vp8Pt) {
    return media(audioSsrc, videoSsrc, vp8Pt, false);
  }

  private static List<NegotiatedMedia> media(long audioSsrc, long videoSsrc, int vp8Pt,
      boolean rtx) {
    if (rtx) {
      return List.of(new NegotiatedMedia("1", "video", List.of(Codec.of(vp8Pt, "VP8", 90000),
          Codec.of(97, "rtx", 90000).withParameters("apt=" + vp8Pt)), Direction.SENDRECV,
          videoSsrc, videoSsrc + 1, List.of()));
    }
    return List.of(
        new NegotiatedMedia("0", "audio", List.of(new Codec(111, "opus", 48000, 2, "", List.of())),
            Direction.SENDRECV, audioSsrc, 0, List.of()),
        new NegotiatedMedia("1", "video", List.of(Codec.of(vp8Pt, "VP8", 90000)),
            Direction.SENDRECV, videoSsrc, 0, List.of()));
  }

  /** Where a's datagrams go: to b, unless a test captures them. */
  private java.util.function.Consumer<ByteBuf> aOutput;

  /** Keys as a: sends with AB, receives with BA. */
  private static void secureAsA(RtpSession s) {
    s.secure(new SrtpSender(SrtpProfile.AES_CM_128_HMAC_SHA1_80, KEY_AB, SALT_AB),
        new SrtpReceiver(SrtpProfile.AES_CM_128_HMAC_SHA1_80, KEY_BA, SALT_BA));
  }

  /** Keys as b: sends with BA, receives with AB. */
  private static void secureAsB(RtpSession s) {
    s.secure(new SrtpSender(SrtpProfile.AES_CM_128_HMAC_SHA1_80, KEY_BA, SALT_BA),
        new SrtpReceiver(SrtpProfile.AES_CM_128_HMAC_SHA1_80, KEY_AB, SALT_AB));
  }

  private void wire(int vp8Pt) {
    wire(vp8Pt, false);
  }

  private void wire(int vp8Pt, boolean rtx) {
    aOutput = d -> b.receive(d);
    a = new RtpSession(media(11, 12, vp8Pt, rtx), ALLOC,
        RtpSession.Output.immediate(d -> aOutput.accept(d)), new RtpSession.Input() {
      @Override
      public void rtp(MediaType kind, RtpFormat format, ByteBuf rtp) {
        atA.add(new Object[] {kind, format, RtpPacket.parse(rtp).payloadType()});
        rtp.release();
      }

      @Override
      public void keyframeRequested(MediaType kind) {
        keyframesAtA.add(kind);
      }
    });
    b = new RtpSession(media(21, 22, vp8Pt, rtx), ALLOC,
        RtpSession.Output.immediate(d -> a.receive(d)), new RtpSession.Input() {
      @Override
      public void rtp(MediaType kind, RtpFormat format, ByteBuf rtp) {
        RtpPacket p = RtpPacket.parse(rtp);
        atB.add(new Object[] {kind, format, p.payloadType(), p.ssrc(), p.sequenceNumber()});
        rtp.release();
      }

      @Override
      public void keyframeRequested(MediaType kind) {
      }

      @Override
      public long downstreamVideoEstimate() {
        return downstream;
      }
    });
    secureAsA(a);
    secureAsB(b);
  }

  private static ByteBuf rtp(int pt, int seq, int ssrc) {
    ByteBuf buf = ALLOC.heapBuffer(200);
    buf.writeByte(0x80).writeByte(pt).writeShort(seq).writeInt(90000).writeInt(ssrc);
    // A VP8 payload descriptor with S=1, PID=0, then a key frame's payload header (P=0).
    buf.writeByte(0x10);
    buf.writeBytes(new byte[99]);
    return buf;
  }

  /**
   * Forwarded extensions: the packet enters a's send path with the pipeline's internal ids, goes
   * out under the ids a's session negotiated (3 and 13: BUNDLE gives the m-lines one id space),
   * and b hands it on under the internal ids again. The element nobody negotiated (transport-cc,
   * blanked to padding when it was received) never leaves.
   */
  @Test
  void forwardedHeaderExtensionsTravelUnderEachSessionsIds() {
    java.util.Map<String, Integer> audioLevel = java.util.Map.of(AudioLevel.URI, 3);
    List<NegotiatedMedia> media = List.of(
        new NegotiatedMedia("0", "audio", List.of(new Codec(111, "opus", 48000, 2, "", List.of())),
            Direction.SENDRECV, 31, 0, List.of(), 0, 0, audioLevel),
        new NegotiatedMedia("1", "video", List.of(Codec.of(100, "VP8", 90000)),
            Direction.SENDRECV, 32, 0, List.of(), 0, 0,
            java.util.Map.of(ForwardedExtensions.VIDEO_ORIENTATION_URI, 13)));
    List<String> elements = new ArrayList<>();
    b = new RtpSession(media, ALLOC, RtpSession.Output.immediate(ByteBuf::release), input((kind, format, rtp) -> {
      RtpPacket p = RtpPacket.parse(rtp);
      HeaderExtensions.forEach(p, (id, index, length) -> {
        elements.add(id + "=" + io.netty.buffer.ByteBufUtil.hexDump(rtp, index, length));
        return true;
      });
    }));
    List<String> wire = new ArrayList<>();
    a = new RtpSession(media, ALLOC, RtpSession.Output.immediate(d -> {
      RtpPacket p = RtpPacket.parse(d); // SRTP leaves the header, extensions too, in the clear
      HeaderExtensions.forEach(p, (id, index, length) -> {
        wire.add(id + "=" + io.netty.buffer.ByteBufUtil.hexDump(d, index, length));
        return true;
      });
      b.receive(d);
    }), input((kind, format, rtp) -> { }));
    secureAsA(a);
    secureAsB(b);

    // Internal ids: 1 audio level (0x85), 2 video orientation (0x01), and padding where the
    // publisher's transport-cc element was blanked.
    ByteBuf packet = ALLOC.heapBuffer(64);
    packet.writeByte(0x90).writeByte(111).writeShort(7).writeInt(960).writeInt(0x4242);
    packet.writeShort(0xBEDE).writeShort(2);
    packet.writeByte(0x10).writeByte(0x85).writeByte(0x20).writeByte(0x01);
    packet.writeZero(4);
    packet.writeBytes(new byte[] {1, 2, 3, 4});
    a.send(MediaType.AUDIO, new RtpFormat("opus", 48000, 2), packet);

    assertEquals(List.of("3=85", "13=01"), wire, "the session's ids, transport-cc gone");
    assertEquals(List.of("1=85", "2=01"), elements, "internal ids again at b");
  }

  /** An input that shows each packet to {@code seen}, releases it and wants no keyframes. */
  private static RtpSession.Input input(
      PacketSeen seen) {
    return new RtpSession.Input() {
      @Override
      public void rtp(MediaType kind, RtpFormat format, ByteBuf rtp) {
        seen.rtp(kind, format, rtp);
        rtp.release();
      }

      @Override
      public void keyframeRequested(MediaType kind) {
      }
    };
  }

  private interface PacketSeen {
    void rtp(MediaType kind, RtpFormat format, ByteBuf rtp);
  }

  @Test
  void mediaCrossesWithTheSessionsPayloadTypeAndTheSendersSsrc() {
    // Both ends of one session share its payload types; the packet came from another session (120).
    wire(100);
    for (int i = 0; i < 3; i++) {
      a.send(MediaType.VIDEO, VP8, rtp(120, 5000 + i, 0x1234));
    }
    assertEquals(3, atB.size());
    Object[] first = atB.get(0);
    assertEquals(MediaType.VIDEO, first[0]);
    assertEquals(100, first[2], "the session's payload type for VP8");
    assertEquals(12, first[3], "a's video SSRC");
    assertEquals(((int) first[4] + 2) & 0xffff, atB.get(2)[4], "continuous sequence numbers");
  }

  @Test
  void aSourceSwitchKeepsSequenceNumbersContinuous() {
    wire(96);
    a.send(MediaType.VIDEO, VP8, rtp(96, 100, 1));
    a.send(MediaType.VIDEO, VP8, rtp(96, 40000, 2));
    int s0 = (int) atB.get(0)[4];
    assertEquals((s0 + 1) & 0xffff, atB.get(1)[4]);
  }

  @Test
  void aLostPacketIsNackedAndRepairedWithRtx() {
    wire(96, true);
    int[] sent = {0};
    aOutput = d -> {
      if (sent[0]++ == 1) {
        d.release();  // the network loses a's second packet
      } else {
        b.receive(d);
      }
    };
    for (int i = 0; i < 3; i++) {
      a.send(MediaType.VIDEO, VP8, rtp(96, 100 + i, 0x1234));
    }
    assertEquals(2, atB.size());
    int first = (int) atB.get(0)[4];
    b.sendFeedback();  // b saw the gap: its NACK reaches a, which answers on the RTX stream
    assertEquals(3, atB.size(), "the lost packet arrived after all");
    Object[] repaired = atB.get(2);
    assertEquals((first + 1) & 0xffff, repaired[4], "with its original sequence number");
    assertEquals(12, repaired[3], "and the media SSRC, not the RTX one");
    assertEquals(96, repaired[2]);
    RtpSession.FeedbackCounters atSender = a.feedbackCounters();
    RtpSession.FeedbackCounters atReceiver = b.feedbackCounters();
    assertEquals(1, atSender.nackPacketsReceived());
    assertEquals(1, atSender.retransmitted());
    assertEquals(1, atReceiver.nacksSent());
    assertEquals(1, atReceiver.rtxReceived());
    assertEquals(1, atReceiver.recoveredFromPeer());
    b.sendFeedback();
    assertEquals(1, b.feedbackCounters().nacksSent(), "nothing is missing any more");
    a.close();
    b.close();
  }

  @Test
  void anRtxCopyOfAPacketAlreadyReceivedIsNotForwardedAgain() {
    wire(96, true);
    for (int i = 0; i < 3; i++) {
      a.send(MediaType.VIDEO, VP8, rtp(96, 100 + i, 0x1234));
    }
    assertEquals(3, atB.size());
    int second = (int) atB.get(1)[4];
    // A browser's bandwidth probe: an RTX copy of a packet b already has.
    ByteBuf original = ALLOC.heapBuffer(200);
    original.writeByte(0x80).writeByte(96).writeShort(second).writeInt(90000).writeInt(12);
    original.writeByte(0x10).writeBytes(new byte[50]);
    ByteBuf probe = org.rivulet.rtp.feedback.RtxPackets.wrap(ALLOC, RtpPacket.parse(original),
        97, 13, 1, 32);
    original.release();
    SrtpSender rtxSender = new SrtpSender(SrtpProfile.AES_CM_128_HMAC_SHA1_80, KEY_AB, SALT_AB);
    assertEquals(org.rivulet.srtp.SrtpResult.OK, rtxSender.protectRtp(probe));
    b.receive(probe);
    assertEquals(3, atB.size(), "the probe was not forwarded");
    assertEquals(1, b.drops(RtpSession.Drop.RTX_NOT_NEEDED));
    a.close();
    b.close();
  }

  @Test
  void withoutRtxTheSamePacketIsSentAgain() {
    wire(96);
    int[] sent = {0};
    aOutput = d -> {
      if (sent[0]++ == 1) {
        d.release();
      } else {
        b.receive(d);
      }
    };
    for (int i = 0; i < 3; i++) {
      a.send(MediaType.VIDEO, VP8, rtp(96, 100 + i, 0x1234));
    }
    b.sendFeedback();
    assertEquals(3, atB.size(), a.feedbackCounters() + " " + b.feedbackCounters() + " "
        + a.drops() + " " + b.drops());
    assertEquals(1, a.feedbackCounters().retransmitted());
    assertEquals(0, b.feedbackCounters().rtxReceived());
    a.close();
    b.close();
  }

  @Test
  void aNewSourcesVideoWaitsForItsKeyframeAndAsksForOne() {
    wire(96);
    a.send(MediaType.VIDEO, VP8, rtp(96, 1, 1));
    ByteBuf delta = rtp(96, 2, 2);
    delta.setByte(12, 0x10).setByte(13, 0x01);  // S=1, PID=0, then P=1: an interframe
    a.send(MediaType.VIDEO, VP8, delta);
    assertEquals(1, atB.size(), "the new source's interframe was held back");
    assertEquals(1, a.drops(RtpSession.Drop.WAITING_FOR_KEYFRAME));
    assertEquals(List.of(MediaType.VIDEO), keyframesAtA, "and a keyframe was asked for");
    a.send(MediaType.VIDEO, VP8, rtp(96, 3, 2));
    assertEquals(2, atB.size(), "its keyframe goes through");
    assertEquals(((int) atB.get(0)[4] + 1) & 0xffff, atB.get(1)[4]);
    a.close();
    b.close();
  }

  /**
   * A keyframe's first packet that comes after later packets of its frame (it was lost and
   * retransmitted) does not open the gate: those packets were turned away, and the gap they leave
   * is never filled. The next keyframe opens it.
   */
  @Test
  void aKeyframeWhoseLaterPacketsWereTurnedAwayDoesNotOpenTheGate() {
    wire(96);
    sendVideo(continuation(11, 7), continuation(12, 7), rtp(96, 10, 7));
    assertEquals(0, atB.size(), "the late first packet of a frame whose rest is gone");
    sendVideo(continuation(13, 7), rtp(96, 20, 7), continuation(21, 7));
    assertEquals(2, atB.size(), "the next keyframe and what follows it");
    assertEquals(((int) atB.get(0)[4] + 1) & 0xffff, atB.get(1)[4]);
    assertEquals(4, a.drops(RtpSession.Drop.WAITING_FOR_KEYFRAME));
    a.close();
    b.close();
  }

  @Test
  void aKeyframeArrivingInOrderOpensTheGateDespiteOlderPacketsTurnedAway() {
    wire(96);
    sendVideo(continuation(8, 7), continuation(9, 7), rtp(96, 10, 7), continuation(11, 7));
    assertEquals(2, atB.size());
    a.close();
    b.close();
  }

  /** Hands {@code packets} to a's video send path, in this order. */
  private void sendVideo(ByteBuf... packets) {
    for (ByteBuf p : packets) {
      a.send(MediaType.VIDEO, VP8, p);
    }
  }

  /** A VP8 packet in the middle of a frame (descriptor S=0). */
  private static ByteBuf continuation(int seq, int ssrc) {
    ByteBuf b = rtp(96, seq, ssrc);
    b.setByte(12, 0x00);
    return b;
  }

  @Test
  void keyframeRequestsAreMerged() {
    wire(96);
    b.send(MediaType.VIDEO, VP8, rtp(96, 1, 1));
    for (int i = 0; i < 5; i++) {
      a.requestKeyframe();
    }
    RtpSession.FeedbackCounters c = a.feedbackCounters();
    assertEquals(1, c.keyframeRequestsSent());
    assertEquals(4, c.keyframeRequestsMerged());
    assertEquals(1, b.feedbackCounters().keyframeRequestsReceived());
    a.close();
    b.close();
  }

  @Test
  void rembCarriesTheLocalEstimateBoundedByTheReceiversDownstream() {
    wire(96);
    b.configureRemb(org.rivulet.rtp.feedback.RembEstimator.RembParams.DEFAULTS, 30_000, 0);
    for (int i = 0; i < 5; i++) {
      a.send(MediaType.VIDEO, VP8, rtp(96, 10 + i, 0x77));
    }
    assertEquals(-1, a.peerVideoEstimate());
    b.sendReport();
    long first = b.lastRembSent();
    assertTrue(first >= 300_000 && first <= 312_000,
        "rembOnConnect, grown by at most one 4% step without loss: " + first);
    assertEquals(first, a.peerVideoEstimate(), "a received b's REMB");
    downstream = 120_000;
    b.sendReport();
    assertEquals(120_000, a.peerVideoEstimate(), "the receivers downstream bound it");
    a.close();
    b.close();
  }

  @Test
  void transportCcFeedbackCoversWhatArrived() {
    wire(96);
    List<NegotiatedMedia> withTwcc = List.of(new NegotiatedMedia("1", "video",
        List.of(Codec.of(96, "VP8", 90000)), Direction.SENDRECV, 22, 0, List.of(), 3, 0));
    List<ByteBuf> toA = new ArrayList<>();
    RtpSession receiver = new RtpSession(withTwcc, ALLOC, RtpSession.Output.immediate(toA::add),
        new RtpSession.Input() {
      @Override
      public void rtp(MediaType kind, RtpFormat format, ByteBuf rtp) {
        rtp.release();
      }

      @Override
      public void keyframeRequested(MediaType kind) {
      }
    });
    secureAsB(receiver);
    SrtpSender peer = new SrtpSender(SrtpProfile.AES_CM_128_HMAC_SHA1_80, KEY_AB, SALT_AB);
    for (int i = 0; i < 4; i++) {
      ByteBuf buf = ALLOC.heapBuffer(200);
      // X=1 with a one-byte extension: id 3, 2 bytes, the transport-wide sequence number.
      buf.writeByte(0x90).writeByte(96).writeShort(100 + i).writeInt(9000 * i).writeInt(0x5555);
      buf.writeShort(0xBEDE).writeShort(1).writeByte(0x31).writeShort(700 + i).writeByte(0);
      buf.writeByte(0x10).writeBytes(new byte[50]);
      assertEquals(org.rivulet.srtp.SrtpResult.OK, peer.protectRtp(buf));
      receiver.receive(buf);
    }
    receiver.sendFeedback();
    assertEquals(1, receiver.transportFeedbackSent());
    assertEquals(1, toA.size());
    ByteBuf feedback = toA.get(0);
    SrtpReceiver atPeer = new SrtpReceiver(SrtpProfile.AES_CM_128_HMAC_SHA1_80, KEY_BA, SALT_BA);
    assertEquals(org.rivulet.srtp.SrtpResult.OK, atPeer.unprotectRtcp(feedback));
    org.rivulet.rtcp.RtcpCompound compound = org.rivulet.rtcp.RtcpCompound.parse(feedback);
    org.rivulet.rtcp.RtcpTransportCc tcc = compound.packets().stream()
        .filter(org.rivulet.rtcp.RtcpTransportCc.class::isInstance)
        .map(org.rivulet.rtcp.RtcpTransportCc.class::cast).findFirst().orElseThrow();
    assertEquals(700, tcc.baseSequenceNumber());
    assertEquals(4, tcc.packetStatusCount());
    feedback.release();
    receiver.sendFeedback();
    assertEquals(1, receiver.transportFeedbackSent(), "nothing new arrived");
    receiver.close();
  }

  /**
   * Feedback (NACK, transport-cc, PLI) goes alone where both sides agreed to reduced-size RTCP
   * (RFC 5506), as browsers send it; otherwise in a minimal compound (RFC 4585 3.1: an empty
   * receiver report and the CNAME first), which a peer without RFC 5506 accepts.
   */
  @Test
  void feedbackGoesAloneOnlyWhereReducedSizeRtcpWasAgreed() {
    assertEquals(List.of(List.of("RtcpTransportCc"), List.of("RtcpNack"), List.of("RtcpPli")),
        feedbackSent(true));
    List<String> prefix = List.of("RtcpReceiverReport", "RtcpSdes");
    assertEquals(List.of(concat(prefix, "RtcpTransportCc"), concat(prefix, "RtcpNack"),
        concat(prefix, "RtcpPli")), feedbackSent(false));
  }

  private static List<String> concat(List<String> first, String last) {
    List<String> all = new ArrayList<>(first);
    all.add(last);
    return all;
  }

  /**
   * The RTCP packet types of each datagram a receiving session sends after a gap in the peer's
   * video (transport-cc, then the NACK) and a keyframe request; the CNAME is checked in each
   * compound.
   */
  private static List<List<String>> feedbackSent(boolean reducedSize) {
    List<NegotiatedMedia> media = List.of(new NegotiatedMedia("1", "video",
        List.of(Codec.of(96, "VP8", 90000)), Direction.SENDRECV, 22, 0, List.of(), 3, 0, Map.of(),
        reducedSize));
    List<ByteBuf> out = new ArrayList<>();
    RtpSession receiver = new RtpSession(media, ALLOC, RtpSession.Output.immediate(out::add),
        input((k, f, r) -> { }));
    receiver.cname("bob");
    secureAsB(receiver);
    SrtpSender peer = new SrtpSender(SrtpProfile.AES_CM_128_HMAC_SHA1_80, KEY_AB, SALT_AB);
    for (int seq : new int[] {100, 101, 103}) {
      ByteBuf buf = ALLOC.heapBuffer(200);
      // X=1 with a one-byte extension: id 3, 2 bytes, the transport-wide sequence number.
      buf.writeByte(0x90).writeByte(96).writeShort(seq).writeInt(9000).writeInt(0x5555);
      buf.writeShort(0xBEDE).writeShort(1).writeByte(0x31).writeShort(seq).writeByte(0);
      buf.writeByte(0x10).writeBytes(new byte[50]);
      assertEquals(SrtpResult.OK, peer.protectRtp(buf));
      receiver.receive(buf);
    }
    receiver.sendFeedback();
    receiver.requestKeyframe();
    receiver.close();
    SrtpReceiver atPeer = new SrtpReceiver(SrtpProfile.AES_CM_128_HMAC_SHA1_80, KEY_BA, SALT_BA);
    List<List<String>> types = new ArrayList<>();
    for (ByteBuf d : out) {
      assertEquals(SrtpResult.OK, atPeer.unprotectRtcp(d));
      org.rivulet.rtcp.RtcpCompound compound = org.rivulet.rtcp.RtcpCompound.parse(d);
      d.release();
      if (compound.packets().get(0) instanceof org.rivulet.rtcp.RtcpBye
          || compound.packets().get(0) instanceof org.rivulet.rtcp.RtcpSenderReport) {
        continue; // what close() sends
      }
      for (var sdes : compound.packetsOf(org.rivulet.rtcp.RtcpSdes.class)) {
        assertEquals(List.of(org.rivulet.rtcp.RtcpSdes.Item.cname("bob")),
            sdes.chunks().get(0).items());
      }
      types.add(compound.packets().stream().map(p -> p.getClass().getSimpleName()).toList());
    }
    return types;
  }

  /**
   * Our streams start their sequence numbers below 2^15, as libwebrtc does, so no packet of the
   * first few thousand is reordered across a wrap that a receiver's SRTP might misjudge. Forty
   * sessions: drawn from the whole range, all forty would fall below it once in 2^40 runs.
   */
  @Test
  void aStreamsFirstSequenceNumberIsBelowTwoToTheFifteenth() {
    for (int i = 0; i < 40; i++) {
      List<ByteBuf> out = new ArrayList<>();
      RtpSession s = new RtpSession(media(11, 12, 96), ALLOC, RtpSession.Output.immediate(out::add),
          input((k, f, r) -> { }));
      secureAsA(s);
      s.send(MediaType.VIDEO, VP8, rtp(96, 50000, 7));
      assertEquals(1, out.size());
      int seq = RtpPacket.parse(out.get(0)).sequenceNumber(); // SRTP leaves the header clear
      assertTrue(seq < 0x8000, "first sequence number " + seq);
      out.forEach(ByteBuf::release);
      s.close();
    }
  }

  /**
   * The graph hands a packet over at once and whether it goes out is decided when the transport
   * makes it: only then is the keyframe gate passed (or a keyframe asked for) and the packet
   * reported as media sent, what the endpoint's MediaFlowOut follows. A new source's interframe
   * held for a keyframe is not reported.
   */
  @Test
  void mediaSentIsReportedOnlyForPacketsMadeForThePeer() {
    List<DeferredDatagram> queued = new ArrayList<>();
    List<MediaType> sent = new ArrayList<>();
    List<MediaType> asked = new ArrayList<>();
    RtpSession s = new RtpSession(media(11, 12, 96), ALLOC, queued::add, new RtpSession.Input() {
      @Override
      public void rtp(MediaType kind, RtpFormat format, ByteBuf rtp) {
        rtp.release();
      }

      @Override
      public void keyframeRequested(MediaType kind) {
        asked.add(kind);
      }

      @Override
      public void mediaSent(MediaType kind) {
        sent.add(kind);
      }
    });
    secureAsA(s);
    ByteBuf delta = rtp(96, 1, 7);
    delta.setByte(12, 0x10).setByte(13, 0x01); // S=1, PID=0, then P=1: an interframe
    s.send(MediaType.VIDEO, VP8, delta);
    s.send(MediaType.VIDEO, VP8, rtp(96, 2, 7));
    assertEquals(2, queued.size());
    assertTrue(sent.isEmpty() && asked.isEmpty(), "nothing is decided before the making");

    assertNull(queued.get(0).build(), "the interframe is held back");
    assertEquals(List.of(MediaType.VIDEO), asked, "and a keyframe asked for");
    assertTrue(sent.isEmpty());
    assertEquals(1, s.drops(RtpSession.Drop.WAITING_FOR_KEYFRAME));

    queued.get(1).build().release();
    assertEquals(List.of(MediaType.VIDEO), sent, "the keyframe goes out");
    assertEquals(1, s.packetsOut());

    s.send(MediaType.VIDEO, VP8, rtp(96, 3, 7));
    s.send(MediaType.AUDIO, new RtpFormat("opus", 48000, 2), rtp(111, 1, 7));
    queued.get(2).build().release();
    queued.get(3).build().release();
    assertEquals(3, s.packetsOut());
    assertEquals(List.of(MediaType.VIDEO, MediaType.AUDIO), sent,
        "the next video packet so soon after is not noted again; the first audio one is");
    s.close();
  }

  /**
   * Sender reports and outbound stats count what was made for the wire: a packet queued for a
   * batched send counts once the transport makes it, and one the transport discarded (its socket
   * closed meanwhile) never does.
   */
  @Test
  void onlyPacketsMadeForTheWireCountAsSent() {
    List<DeferredDatagram> queued = new ArrayList<>();
    RtpSession s = new RtpSession(media(11, 12, 96), ALLOC, queued::add, input((k, f, r) -> { }));
    secureAsA(s);
    s.send(MediaType.VIDEO, VP8, rtp(96, 1, 7));
    s.send(MediaType.VIDEO, VP8, rtp(96, 2, 7));
    s.send(MediaType.VIDEO, VP8, rtp(96, 3, 7));
    assertEquals(3, queued.size());
    assertEquals(0, s.packetsOut(), "queued is not sent");
    assertTrue(s.outboundStats().isEmpty(), "no stream has sent anything yet");

    queued.get(0).discard();
    queued.get(1).build().release();
    queued.get(2).build().release();

    assertEquals(2, s.packetsOut());
    var video = s.outboundStats().get(0);
    assertEquals(MediaType.VIDEO, video.kind());
    assertEquals(2, video.packetsSent());
    assertEquals(2 * 100, video.bytesSent(), "payload octets, as RFC 3550 counts them");
    s.close();
  }

  /**
   * A jump in the peer's sequence numbers too large to be loss (a restarted sender, a long
   * outage) is not NACKed number by number: the peer is asked for a keyframe instead, which the
   * receivers' decoders need (RELIABILITY.md B5.57).
   */
  @Test
  void aJumpTooLargeToBeLossAsksThePeerForAKeyframeInsteadOfNacks() {
    wire(96);
    for (int i = 0; i < 3; i++) {
      a.send(MediaType.VIDEO, VP8, rtp(96, 100 + i, 0x1234));
    }
    assertTrue(keyframesAtA.isEmpty());
    a.send(MediaType.VIDEO, VP8, rtp(96, 20000, 0x1234));
    assertEquals(4, atB.size(), "the packet after the jump goes on");
    assertEquals(List.of(MediaType.VIDEO), keyframesAtA, "and its sender is asked for a keyframe");
    b.sendFeedback();
    assertEquals(0, b.feedbackCounters().nacksSent(), "no NACK for the numbers skipped");
    a.close();
    b.close();
  }

  /**
   * From the peer, a payload type nobody negotiated, and an RTX packet before any packet of the
   * stream it would repair (its media SSRC unknown): each dropped and counted (RELIABILITY.md B5.55,
   * B5.59), nothing handed on.
   */
  @Test
  void anUnknownPayloadTypeAndRtxWithoutItsStreamAreDroppedAndCounted() {
    wire(96, true);
    SrtpSender peer = new SrtpSender(SrtpProfile.AES_CM_128_HMAC_SHA1_80, KEY_AB, SALT_AB);
    ByteBuf unknown = rtp(100, 1, 0x4444); // not 64-95, which rtcp-mux takes for RTCP
    assertEquals(SrtpResult.OK, peer.protectRtp(unknown));
    b.receive(unknown);
    assertEquals(1, b.drops(RtpSession.Drop.UNKNOWN_PAYLOAD_TYPE));
    ByteBuf rtx = rtp(97, 1, 0x5555);
    assertEquals(SrtpResult.OK, peer.protectRtp(rtx));
    b.receive(rtx);
    assertEquals(1, b.drops(RtpSession.Drop.RTX_WITHOUT_MEDIA));
    assertTrue(atB.isEmpty());
    // What the endpoint's release logs: only the reasons that happened.
    assertEquals("RTP accepted 0, sent 0, dropped {UNKNOWN_PAYLOAD_TYPE=1, RTX_WITHOUT_MEDIA=1};"
        + " SRTP in {OK=2}, SRTCP in {}", b.summary());
    a.close();
    b.close();
  }

  @Test
  void aCodecThePeerDidNotAcceptIsDropped() {
    wire(96);
    a.send(MediaType.VIDEO, new RtpFormat("H264", 90000, 1), rtp(102, 1, 1));
    assertTrue(atB.isEmpty());
    assertEquals(1, a.drops(RtpSession.Drop.NO_MATCHING_CODEC));
  }

  @Test
  void pliReachesTheSenderOfTheVideo() {
    wire(96);
    a.send(MediaType.VIDEO, VP8, rtp(96, 1, 1));
    b.requestKeyframe();
    assertEquals(List.of(MediaType.VIDEO), keyframesAtA);
  }

  @Test
  void reportsCarrySenderInfoReceptionBlocksAndTheCname() {
    wire(96);
    for (int i = 0; i < 5; i++) {
      b.send(MediaType.VIDEO, VP8, rtp(96, 10 + i, 0x77));   // b sends video to a
      a.send(MediaType.VIDEO, VP8, rtp(96, 500 + i, 0x55));  // a sends video to b
    }
    List<ByteBuf> captured = new ArrayList<>();
    aOutput = captured::add;
    a.cname("alice");
    a.sendReport();
    assertEquals(1, captured.size());
    ByteBuf report = captured.get(0);
    SrtpReceiver asB = new SrtpReceiver(SrtpProfile.AES_CM_128_HMAC_SHA1_80, KEY_AB, SALT_AB);
    assertEquals(org.rivulet.srtp.SrtpResult.OK, asB.unprotectRtcp(report));
    org.rivulet.rtcp.RtcpCompound compound = org.rivulet.rtcp.RtcpCompound.parse(report);
    report.release();
    var sr = compound.packetsOf(org.rivulet.rtcp.RtcpSenderReport.class);
    assertEquals(1, sr.size(), "a sends video only");
    assertEquals(12, sr.get(0).senderSsrc());
    assertEquals(5, sr.get(0).packetCount());
    assertEquals(500, sr.get(0).octetCount(), "5 payloads of 100 bytes");
    assertEquals(1, sr.get(0).reportBlocks().size(), "one block: b's video as a received it");
    assertEquals(22, sr.get(0).reportBlocks().get(0).ssrc());
    assertEquals(0, sr.get(0).reportBlocks().get(0).cumulativeLost());
    var sdes = compound.packetsOf(org.rivulet.rtcp.RtcpSdes.class);
    assertEquals(1, sdes.size());
    assertEquals(12, sdes.get(0).chunks().get(0).ssrc());
    assertEquals("alice", new String(sdes.get(0).chunks().get(0).items().get(0).value(),
        java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void tamperedPacketsAreDroppedAndCounted() {
    wire(96);
    ByteBuf garbage = ALLOC.heapBuffer(64).writeByte(0x80).writeByte(96).writeBytes(new byte[40]);
    b.receive(garbage);
    assertEquals(1, b.drops(RtpSession.Drop.SRTP_FAILED));
    assertTrue(atB.isEmpty());
  }

  /**
   * Reports go out 0.5 to 1.5 s apart, at random (RFC 3550 section 6.3.1): twenty sessions started
   * in the same instant, as a batch of viewers joins, do not all report in the same instant; and
   * none reports after it closed.
   */
  @Test
  void sessionsStartedTogetherReportAtRandomTimesAndStopWhenClosed() throws Exception {
    io.netty.channel.DefaultEventLoop loop = new io.netty.channel.DefaultEventLoop();
    try {
      List<Long> firstReports = java.util.Collections.synchronizedList(new ArrayList<>());
      java.util.concurrent.atomic.AtomicInteger afterClose =
          new java.util.concurrent.atomic.AtomicInteger();
      java.util.concurrent.atomic.AtomicBoolean closed =
          new java.util.concurrent.atomic.AtomicBoolean();
      List<RtpSession> sessions = new ArrayList<>();
      long start = System.nanoTime();
      loop.submit(() -> {
        for (int i = 0; i < 20; i++) {
          boolean[] reported = new boolean[1];
          RtpSession s = new RtpSession(media(11, 12, 96), ALLOC,
              RtpSession.Output.immediate(d -> {
                d.release();
                if (closed.get()) {
                  afterClose.incrementAndGet();
                } else if (!reported[0]) {
                  reported[0] = true;
                  firstReports.add(System.nanoTime() - start);
                }
              }), input((k, f, r) -> { }));
          secureAsA(s);
          s.startRtcp(loop);
          sessions.add(s);
        }
      }).sync();
      Thread.sleep(1700);
      loop.submit(() -> {
        closed.set(true);
        sessions.forEach(RtpSession::close);
      }).sync();
      assertEquals(20, firstReports.size(), "each session reported within 1.5 s");
      long earliest = firstReports.stream().mapToLong(Long::longValue).min().orElseThrow();
      long latest = firstReports.stream().mapToLong(Long::longValue).max().orElseThrow();
      assertTrue(earliest >= 450_000_000L, "first report after " + earliest / 1_000_000 + " ms");
      assertTrue(latest - earliest > 300_000_000L,
          "first reports within " + (latest - earliest) / 1_000_000 + " ms of each other");
      Thread.sleep(1600);
      assertEquals(0, afterClose.get(), "reports after close");
    } finally {
      loop.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
    }
  }

  private static boolean reportsOn(RtpSession s, long ssrc) {
    return s.inboundStats().stream().anyMatch(c -> c.ssrc() == ssrc);
  }

  /** b's video, SRTP-protected by {@code sender} under {@code ssrc}, straight into a. */
  private void videoFrom(SrtpSender sender, int ssrc, int seq) {
    ByteBuf p = rtp(96, seq, ssrc);
    assertEquals(SrtpResult.OK, sender.protectRtp(p));
    a.receive(p);
  }

  /**
   * A source that says BYE (RFC 3550 6.6) leaves the receiver's reports, stats and loss recovery;
   * the others stay.
   */
  @Test
  void aSourceThatSaysByeIsForgotten() {
    wire(96);
    for (int i = 0; i < 3; i++) {
      b.send(MediaType.VIDEO, VP8, rtp(96, 100 + i, 0x77));
    }
    SrtpSender raw = new SrtpSender(SrtpProfile.AES_CM_128_HMAC_SHA1_80, KEY_BA, SALT_BA);
    videoFrom(raw, 0x5151, 1);
    assertTrue(reportsOn(a, 22), "b's video is reported on");
    assertTrue(reportsOn(a, 0x5151));

    ByteBuf bye = org.rivulet.rtcp.RtcpCompound.of(
        new org.rivulet.rtcp.RtcpReceiverReport(22, List.of()),
        org.rivulet.rtcp.RtcpBye.of(List.of(22), "leaving")).encode(ALLOC);
    assertEquals(SrtpResult.OK, raw.protectRtcp(bye));
    a.receive(bye);

    assertTrue(!reportsOn(a, 22), "b's video left the stats: " + a.inboundStats());
    assertTrue(reportsOn(a, 0x5151), "the other source stays");
    assertEquals(1, a.sourcesForgotten());
  }

  /**
   * When all 31 report slots are taken, a new source takes the place of those silent for five
   * report intervals (RFC 3550 6.3.5); while they all send, it is not reported on.
   */
  @Test
  void sourcesSilentForFiveSecondsGiveTheirSlotsToNewOnes() throws Exception {
    wire(96);
    SrtpSender raw = new SrtpSender(SrtpProfile.AES_CM_128_HMAC_SHA1_80, KEY_BA, SALT_BA);
    for (int i = 0; i < RtpSession.MAX_REPORTED_SOURCES; i++) {
      videoFrom(raw, 0x1000 + i, 1);
    }
    videoFrom(raw, 0x2000, 1);
    assertTrue(!reportsOn(a, 0x2000), "no slot while all are live");
    Thread.sleep(RtpSession.SOURCE_TIMEOUT_NANOS / 1_000_000 + 100);
    videoFrom(raw, 0x1000, 2); // one of them is still live
    videoFrom(raw, 0x2001, 1);
    assertTrue(reportsOn(a, 0x2001), "a slot once the others were silent for 5 s");
    assertTrue(reportsOn(a, 0x1000), "the live one stays");
    assertEquals(2, a.inboundStats().size());
    assertEquals(RtpSession.MAX_REPORTED_SOURCES - 1, a.sourcesForgotten());
  }
}
