package org.rivulet.elements.rtpendpoint;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.rivulet.elements.MediaType;
import org.rivulet.elements.RtpFormat;
import org.rivulet.elements.error.ErrorEvents;
import org.rivulet.elements.error.KurentoError;
import org.rivulet.elements.error.KurentoException;
import org.rivulet.elements.webrtc.KurentoSdp;
import org.rivulet.elements.webrtc.MediaNetwork;
import org.rivulet.elements.webrtc.NegotiatedMedia;
import org.rivulet.elements.webrtc.PacketProtection;
import org.rivulet.elements.webrtc.RtpSession;
import org.rivulet.elements.webrtc.SdpNegotiation;
import org.rivulet.elements.webrtc.SupportedCodecs;
import org.rivulet.elements.config.ModuleConfig;
import org.rivulet.ice.gather.HostAddress;
import org.rivulet.sdp.Codec;
import org.rivulet.sdp.CodecNegotiation;
import org.rivulet.sdp.Connection;
import org.rivulet.sdp.Crypto;
import org.rivulet.sdp.Direction;
import org.rivulet.sdp.Flag;
import org.rivulet.sdp.MediaDescription;
import org.rivulet.sdp.MediaProtocol;
import org.rivulet.sdp.Origin;
import org.rivulet.sdp.RtcpFeedback;
import org.rivulet.sdp.SdpWriter;
import org.rivulet.sdp.SessionDescription;
import org.rivulet.sdp.Ssrc;
import org.rivulet.sdp.Timing;
import io.netty.channel.socket.DatagramChannel;
import org.rivulet.transport.fault.ChannelFaultHandler;
import org.rivulet.transport.fault.ChannelFaults;
import org.rivulet.transport.udp.PortAllocator;
import org.rivulet.transport.udp.RtpRtcpPair;
import org.rivulet.srtp.SrtpReceiver;
import org.rivulet.srtp.SrtpResult;
import org.rivulet.srtp.SrtpSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RtpEndpoint's offer/answer and media: plain RTP (RTP/AVP, RTP/AVPF) on a port pair per
 * m-line, with the peer's addresses taken from its SDP (c= and m=, a=rtcp, a=rtcp-mux). Kurento's
 * {@code processOffer}, {@code generateOffer} and {@code processAnswer} with their errors. Runs on
 * the pipeline's loop; binding ports is asynchronous, so the offer methods answer with a stage.
 */
public final class RtpMedia {
  /** What the session reports to its endpoint, on the pipeline's loop. */
  public interface Callbacks {
    /** A packet from the peer, with when it arrived (System.nanoTime). Takes ownership. */
    void rtp(MediaType kind, RtpFormat format, ByteBuf rtp, long arrivalNanos);

    void keyframeRequested(MediaType kind);

    /** See {@link org.rivulet.elements.webrtc.RtpSession.Input#mediaSent}. */
    default void mediaSent(MediaType kind) {
    }

    /** The first packet from the peer arrived. */
    void connected();

    /** SDES: the peer's key for this media reached its soft usage limit (OnKeySoftLimit). */
    default void keySoftLimit(MediaType kind) {
    }

    /** Faults on the sockets (see {@link ChannelFaults}): the data of an {@code Error} event. */
    default void error(java.util.Map<String, Object> event) {
    }
  }

  private enum State { NEW, OFFER_GENERATED, NEGOTIATED }

  private static final SecureRandom RANDOM = new SecureRandom();
  /** How often the peers' SDES keys are checked against their soft limit. */
  private static final long KEY_CHECK_INTERVAL_MILLIS = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(RtpMedia.class);

  private final String endpointId;
  private final EventLoop loop;
  private final MediaNetwork network;
  private final ModuleConfig config;
  private final boolean useIpv6;
  private final Callbacks callbacks;
  private final String cname = HexFormat.of().formatHex(RANDOM.generateSeed(8));
  private final List<PlainRtpStream> streams = new ArrayList<>();
  /** SDES keys and suite, or null for plain RTP. */
  private final SdesConfig sdes;
  /** The SRTP keys agreed per m-line index (SDES), absent for plain RTP. */
  private final java.util.Map<Integer, NegotiatedSdes> keys = new java.util.HashMap<>();
  private final List<ScheduledFuture<?>> timers = new ArrayList<>();
  private final List<KeyWatch> keyWatches = new ArrayList<>();
  private List<NegotiatedMedia> offered = List.of();
  private State state = State.NEW;
  private boolean answerProcessed;
  /** Why the last m-line with crypto was refused, for the error when none is left. */
  private String sdesError;
  private boolean closed;
  /** What Netty reported failing on this endpoint's sockets (RELIABILITY.md B12.139). */
  private final ChannelFaults faults;
  private final ChannelFaultHandler faultHandler;

  /**
   * @param crypto Kurento's SDES constructor parameter, or null for plain RTP
   */
  public RtpMedia(String endpointId, EventLoop loop, MediaNetwork network, ModuleConfig config,
      boolean useIpv6, org.rivulet.elements.Struct crypto, Callbacks callbacks) {
    this.sdes = SdesConfig.fromStruct(crypto);
    this.endpointId = endpointId;
    this.loop = loop;
    this.network = network;
    this.config = config;
    this.useIpv6 = useIpv6;
    this.callbacks = callbacks;
    this.faults = new ChannelFaults(endpointId,
        (kind, description) -> callbacks.error(ErrorEvents.channelFaults(kind, description)));
    this.faultHandler = new ChannelFaultHandler(faults);
  }

  // ------------------------------------------------------------------ Kurento operations

  public CompletionStage<String> processOffer(String text) {
    requireNew();
    SessionDescription offer = KurentoSdp.parse(text, "offer");
    InetAddress local = localAddressTowards(offer);
    List<MediaDescription> wanted = offer.media();
    return bindAll(local, wanted.size()).thenApply(pairs -> {
      requireNew();
      List<MediaDescription> sections = new ArrayList<>();
      List<NegotiatedMedia> agreed = new ArrayList<>();
      for (int i = 0; i < wanted.size(); i++) {
        MediaDescription m = wanted.get(i);
        PlainRtpStream stream = pairs.get(i).stream(m.type());
        List<Codec> codecs = usable(m) ? CodecNegotiation.answer(m.codecs(),
            supported(m.type(), m.protocol().hasFeedback())) : List.of();
        NegotiatedSdes key = null;
        if (!codecs.isEmpty() && sdes != null) {
          try {
            key = sdesFor(SdesNegotiation.answer(sdes, m.attributes().all(Crypto.class)));
          } catch (KurentoException e) {
            // RFC 4568 section 7.1.2: an m-line without a usable a=crypto is refused alone.
            sdesError = e.getMessage();
            codecs = List.of();
          }
        }
        if (codecs.isEmpty()) {
          stream.close();
          streams.add(stream);  // kept so that streams.get(i) is m-line i
          sections.add(rejected(m));
          continue;
        }
        var attrs = offer.effective(m);
        boolean mux = attrs.rtcpMux();
        stream.remote(rtpAddress(offer, m), rtcpAddress(offer, m), mux);
        Direction direction = offer.direction(m).answer(true, true);
        long ssrc = ssrc();
        MediaDescription answered = section(m.type(), m.port() == 0 ? 0 : stream.localPort(),
            m.protocol(), codecs, direction, mux, ssrc, local);
        if (key != null) {
          answered = answered.toBuilder().attribute(key.localAttribute()).build();
          keys.put(i, key);
        }
        sections.add(answered);
        agreed.add(new NegotiatedMedia(Integer.toString(i), m.type(), codecs, direction, ssrc, 0,
            List.of()));
        streams.add(stream);
      }
      if (agreed.isEmpty()) {
        closeStreams();
        throw new KurentoException(KurentoError.SDP_END_POINT_PROCESS_OFFER_ERROR,
            sdesError != null ? sdesError : "Error processing offer: no audio or video m-line with "
                + (sdes == null ? "RTP/AVP or RTP/AVPF" : "RTP/SAVP or RTP/SAVPF")
                + " and a codec in common");
      }
      state = State.NEGOTIATED;
      startMedia(agreed);
      return SdpWriter.write(session(sections, local));
    });
  }

  public CompletionStage<String> generateOffer(boolean audio, boolean video) {
    requireNew();
    InetAddress local = localAddress();
    List<String> kinds = new ArrayList<>();
    if (audio) {
      kinds.add("audio");
    }
    if (video) {
      kinds.add("video");
    }
    return bindAll(local, kinds.size()).thenApply(pairs -> {
      requireNew();
      List<MediaDescription> sections = new ArrayList<>();
      List<NegotiatedMedia> proposed = new ArrayList<>();
      for (int i = 0; i < kinds.size(); i++) {
        PlainRtpStream stream = pairs.get(i).stream(kinds.get(i));
        List<Codec> codecs = supported(kinds.get(i), true);
        long ssrc = ssrc();
        MediaDescription section = section(kinds.get(i), stream.localPort(),
            sdes == null ? MediaProtocol.RTP_AVPF : MediaProtocol.RTP_SAVPF, codecs,
            Direction.SENDRECV, false, ssrc, local);
        if (sdes != null) {
          section = section.toBuilder().attribute(sdes.offerAttribute()).build();
        }
        sections.add(section);
        proposed.add(new NegotiatedMedia(Integer.toString(i), kinds.get(i), codecs,
            Direction.SENDRECV, ssrc, 0, List.of()));
        streams.add(stream);
      }
      offered = proposed;
      state = State.OFFER_GENERATED;
      return SdpWriter.write(session(sections, local));
    });
  }

  public String processAnswer(String text) {
    KurentoSdp.requireAnswerable(state != State.NEW, answerProcessed);
    SessionDescription answer = KurentoSdp.parse(text, "answer");
    List<NegotiatedMedia> agreed = new ArrayList<>();
    List<MediaDescription> media = answer.media();
    for (int i = 0; i < media.size() && i < offered.size(); i++) {
      MediaDescription m = media.get(i);
      NegotiatedMedia ours = offered.get(i);
      if (m.isRejected() || !m.type().equals(ours.kind())) {
        continue;
      }
      List<Codec> kept = SdpNegotiation.kept(m, ours.codecs());
      if (kept.isEmpty()) {
        continue;
      }
      if (sdes != null) {
        keys.put(i, sdesFor(SdesNegotiation.processAnswer(sdes, m.attributes().all(Crypto.class))));
      }
      streams.get(i).remote(rtpAddress(answer, m), rtcpAddress(answer, m),
          answer.effective(m).rtcpMux());
      agreed.add(new NegotiatedMedia(ours.mid(), ours.kind(), kept,
          answer.direction(m).reverse(), ours.localSsrc(), 0, List.of()));
    }
    if (agreed.isEmpty()) {
      throw new KurentoException(KurentoError.SDP_END_POINT_PROCESS_ANSWER_ERROR,
          "Error processing answer: it accepted no m-line of the offer");
    }
    answerProcessed = true;
    state = State.NEGOTIATED;
    startMedia(agreed);
    return text;
  }

  /** Media from the graph (see {@link RtpSession#send}). Takes ownership. */
  public void send(MediaType kind, RtpFormat format, ByteBuf rtp) {
    RtpSession session = sessionFor(kind);
    if (session == null) {
      rtp.release();
      return;
    }
    session.send(kind, format, rtp);
  }

  public void requestKeyframe() {
    RtpSession video = sessionFor(MediaType.VIDEO);
    if (video != null) {
      video.requestKeyframe();
    }
  }

  /** Datagrams from the peer dropped for being longer than 1500 bytes. */
  public long oversizedDrops() {
    return streams.stream().mapToLong(PlainRtpStream::oversizedDrops).sum();
  }

  /** Datagrams dropped because they came from somewhere the SDP did not announce. */
  public long unannouncedDrops() {
    return streams.stream().mapToLong(PlainRtpStream::unannouncedDrops).sum();
  }

  public List<RtpSession> sessions() {
    List<RtpSession> out = new ArrayList<>();
    for (PlainRtpStream s : streams) {
      if (s.session() != null) {
        out.add(s.session());
      }
    }
    return out;
  }

  public void close() {
    if (!closed && !streams.isEmpty()) {
      // The drop counters reach no Kurento stats type: their totals go to the log once, here.
      List<String> each = new ArrayList<>();
      sessions().forEach(session -> each.add(session.summary()));
      LOG.info("{}: closed; {}; oversized datagrams dropped {}, from unannounced addresses {};"
          + " socket faults {}", endpointId,
          each.isEmpty() ? "no media negotiated" : String.join("; ", each), oversizedDrops(),
          unannouncedDrops(), faults);
    }
    closed = true;
    timers.forEach(t -> t.cancel(false));
    closeStreams();
  }

  // ------------------------------------------------------------------ helpers

  private void startMedia(List<NegotiatedMedia> agreed) {
    for (NegotiatedMedia m : agreed) {
      PlainRtpStream stream = streams.get(Integer.parseInt(m.mid()));
      RtpSession session = new RtpSession(List.of(m), io.netty.buffer.ByteBufAllocator.DEFAULT,
          stream.output(), new RtpSession.Input() {
            @Override
            public void rtp(MediaType kind, RtpFormat format, ByteBuf rtp) {
              callbacks.rtp(kind, format, rtp, System.nanoTime());
            }

            @Override
            public void keyframeRequested(MediaType kind) {
              callbacks.keyframeRequested(kind);
            }

            @Override
            public void mediaSent(MediaType kind) {
              callbacks.mediaSent(kind);
            }
          });
      session.cname(cname);
      session.secure(protection(keys.get(Integer.parseInt(m.mid())), kindOf(m.kind())));
      stream.start(session, callbacks::connected);
      session.startRtcp(loop);
    }
    if (!keyWatches.isEmpty()) {
      timers.add(loop.scheduleAtFixedRate(this::checkKeyLifetimes, KEY_CHECK_INTERVAL_MILLIS,
          KEY_CHECK_INTERVAL_MILLIS, TimeUnit.MILLISECONDS));
    }
  }

  /**
   * The peer's SDES key of one m-line: the SRTP receiver already counts what it decrypted, and
   * those counts are added to the key's lifetime here (Kurento's OnKeySoftLimit, per media).
   */
  private static final class KeyWatch {
    final MediaType kind;
    final SrtpReceiver receiver;
    final KeyLifetime lifetime;
    long rtpSeen;
    long rtcpSeen;

    KeyWatch(MediaType kind, SrtpReceiver receiver, KeyLifetime lifetime) {
      this.kind = kind;
      this.receiver = receiver;
      this.lifetime = lifetime;
    }
  }

  private void checkKeyLifetimes() {
    for (KeyWatch w : keyWatches) {
      long rtp = w.receiver.rtpCounters().get(SrtpResult.OK);
      long rtcp = w.receiver.rtcpCounters().get(SrtpResult.OK);
      boolean soft = w.lifetime.countSrtp(rtp - w.rtpSeen)
          | w.lifetime.countSrtcp(rtcp - w.rtcpSeen);
      w.rtpSeen = rtp;
      w.rtcpSeen = rtcp;
      if (soft) {
        callbacks.keySoftLimit(w.kind);
      }
    }
  }

  /** MKIs are not supported by the SRTP contexts: such a line is refused like a bad one. */
  private static NegotiatedSdes sdesFor(NegotiatedSdes key) {
    if (key.remoteMkiLength() != 0) {
      throw new KurentoException(KurentoError.SDP_END_POINT_PROCESS_OFFER_ERROR,
          "Error processing SDP: a=crypto with an MKI is not supported");
    }
    return key;
  }

  private static MediaType kindOf(String kind) {
    return kind.equals("audio") ? MediaType.AUDIO : MediaType.VIDEO;
  }

  /** Plain RTP, or SRTP with the SDES keys: ours to protect, the peer's to check. */
  private PacketProtection protection(NegotiatedSdes key, MediaType kind) {
    if (key == null) {
      return PacketProtection.NONE;
    }
    SrtpReceiver receiver =
        new SrtpReceiver(key.profile(), key.remoteMasterKey(), key.remoteMasterSalt());
    keyWatches.add(new KeyWatch(kind, receiver,
        new KeyLifetime(kind, key.remoteLifetimePackets())));
    return PacketProtection.srtp(
        new SrtpSender(key.profile(), key.localMasterKey(), key.localMasterSalt()), receiver);
  }

  private RtpSession sessionFor(MediaType kind) {
    String name = kind == MediaType.AUDIO ? "audio" : kind == MediaType.VIDEO ? "video" : "";
    for (PlainRtpStream s : streams) {
      if (s.kind().equals(name) && s.session() != null) {
        return s.session();
      }
    }
    return null;
  }

  private void requireNew() {
    if (state != State.NEW || closed) {
      throw new KurentoException(KurentoError.SDP_END_POINT_ALREADY_NEGOTIATED,
          "Endpoint already negotiated");
    }
  }

  /**
   * RTP/AVP(F) without crypto, RTP/SAVP(F) with it (Kurento: an endpoint with crypto speaks only
   * SRTP, one without only plain RTP).
   */
  private boolean usable(MediaDescription m) {
    MediaProtocol p = m.protocol();
    return !m.isRejected() && p.isRtp() && !p.isDtls() && p.isSecure() == (sdes != null)
        && (m.type().equals("audio") || m.type().equals("video"));
  }

  /** The codecs of this kind; AVP gets no RTCP feedback (RFC 4585 needs AVPF). */
  private List<Codec> supported(String kind, boolean feedback) {
    List<Codec> out = new ArrayList<>();
    for (Codec c : SupportedCodecs.from(config).forMedia(kind)) {
      List<RtcpFeedback> fb = new ArrayList<>(feedback ? c.feedback() : List.of());
      fb.remove(RtcpFeedback.TRANSPORT_CC);  // needs a header extension we do not offer here
      out.add(c.withFeedback(fb));
    }
    return out;
  }

  /** A bound port pair and the handler its datagrams go through. */
  private record Bound(DatagramChannel rtp, DatagramChannel rtcp, PlainRtpStream.Inbound inbound) {
    PlainRtpStream stream(String kind) {
      PlainRtpStream s = new PlainRtpStream(kind, rtp, rtcp);
      inbound.attach(s);
      return s;
    }
  }

  private CompletableFuture<List<Bound>> bindAll(InetAddress local, int count) {
    CompletableFuture<List<Bound>> all = CompletableFuture.completedFuture(new ArrayList<>());
    for (int i = 0; i < count; i++) {
      all = all.thenCompose(list -> {
        CompletableFuture<List<Bound>> next = new CompletableFuture<>();
        PlainRtpStream.Inbound inbound = new PlainRtpStream.Inbound();
        Future<RtpRtcpPair> bound = network.udpPorts(local).bindPair(loop, inbound, inbound);
        bound.addListener(f -> {
          if (f.isSuccess()) {
            RtpRtcpPair pair = bound.getNow();
            pair.rtp().pipeline().addLast(faultHandler);
            pair.rtcp().pipeline().addLast(faultHandler);
            list.add(new Bound(pair.rtp(), pair.rtcp(), inbound));
            next.complete(list);
          } else {
            list.forEach(p -> {
              p.rtp().close();
              p.rtcp().close();
            });
            // A full range or no descriptor left is the server's resources (RELIABILITY.md
            // B12.137, B12.138), anything else this negotiation's failure.
            next.completeExceptionally(new KurentoException(
                PortAllocator.isOutOfResources(f.cause()) ? KurentoError.NOT_ENOUGH_RESOURCES
                    : KurentoError.SDP_END_POINT_GENERATE_OFFER_ERROR,
                "No free RTP/RTCP port pair: " + f.cause().getMessage()));
          }
        });
        return next;
      });
    }
    return all.thenApplyAsync(list -> list, loop);
  }

  /**
   * The local address the kernel routes to the offerer's first connection address: what the peer
   * can reach us on (a loopback peer gets loopback). Connecting a UDP socket sends nothing.
   */
  private InetAddress localAddressTowards(SessionDescription offer) {
    MediaDescription first = offer.media().stream().filter(m -> m.port() != 0).findFirst()
        .orElse(null);
    InetAddress remote = first == null ? null : connectionAddress(offer, first);
    if (remote == null || remote.isAnyLocalAddress()
        || (remote instanceof java.net.Inet6Address) != useIpv6) {
      return localAddress();
    }
    try (java.net.DatagramSocket probe = new java.net.DatagramSocket()) {
      probe.connect(remote, 9);
      InetAddress local = probe.getLocalAddress();
      return local.isAnyLocalAddress() ? localAddress() : local;
    } catch (java.io.IOException e) {
      return localAddress();
    }
  }

  /**
   * An address of this host for an offer we make: of the interfaces named by the
   * {@code networkInterfaces} setting of RtpEndpoint (else WebRtcEndpoint's), else any that is up;
   * IPv6 when {@code useIpv6}.
   */
  private InetAddress localAddress() {
    String names = config.stringValue("RtpEndpoint", "networkInterfaces",
        config.stringValue("WebRtcEndpoint", "networkInterfaces", ""));
    try {
      for (HostAddress h : network.hostAddresses(names)) {
        boolean v6 = h.address() instanceof java.net.Inet6Address;
        if (v6 == useIpv6) {
          return h.address();
        }
      }
    } catch (java.net.SocketException e) {
      throw new KurentoException(PortAllocator.isOutOfResources(e)
          ? KurentoError.NOT_ENOUGH_RESOURCES : KurentoError.SDP_END_POINT_GENERATE_OFFER_ERROR,
          "Cannot list network interfaces: " + e.getMessage());
    }
    throw new KurentoException(KurentoError.SDP_END_POINT_GENERATE_OFFER_ERROR,
        "No " + (useIpv6 ? "IPv6" : "IPv4") + " address to receive RTP on");
  }

  private static InetSocketAddress rtpAddress(SessionDescription sdp, MediaDescription m) {
    return new InetSocketAddress(connectionAddress(sdp, m), m.port());
  }

  private static InetSocketAddress rtcpAddress(SessionDescription sdp, MediaDescription m) {
    var rtcp = sdp.effective(m).rtcp();
    if (rtcp.isPresent()) {
      InetAddress address = rtcp.get().connection() != null
          ? literal(rtcp.get().connection().address()) : connectionAddress(sdp, m);
      return new InetSocketAddress(address, rtcp.get().port());
    }
    return new InetSocketAddress(connectionAddress(sdp, m), m.port() + 1);
  }

  private static InetAddress connectionAddress(SessionDescription sdp, MediaDescription m) {
    Connection c = !m.connections().isEmpty() ? m.connections().get(0)
        : sdp.connection().orElseThrow(() -> new KurentoException(
            KurentoError.SDP_END_POINT_PROCESS_OFFER_ERROR,
            "Error processing SDP: no connection address (c=) for m=" + m.type()));
    return literal(c.host());
  }

  /** An IP literal; host names are refused (no DNS lookups on the media path). */
  private static InetAddress literal(String host) {
    if (!host.matches("[0-9a-fA-F:.]+")) {
      throw new KurentoException(KurentoError.SDP_END_POINT_PROCESS_OFFER_ERROR,
          "Error processing SDP: connection address '" + host + "' is not an IP address");
    }
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new KurentoException(KurentoError.SDP_END_POINT_PROCESS_OFFER_ERROR,
          "Error processing SDP: bad connection address '" + host + "'");
    }
  }

  private long ssrc() {
    return 1 + (RANDOM.nextInt() & 0x7ffffffeL);
  }

  private MediaDescription section(String kind, int port, MediaProtocol protocol,
      List<Codec> codecs, Direction direction, boolean mux, long ssrc, InetAddress local) {
    MediaDescription.Builder b = MediaDescription.builder(kind, port, protocol);
    b.connection(Connection.of(local.getHostAddress()));
    codecs.forEach(b::codec);
    b.attribute(direction);
    if (mux) {
      b.attribute(Flag.RTCP_MUX);
    }
    if (direction.sends()) {
      b.attribute(new Ssrc(ssrc, Ssrc.CNAME, cname));
    }
    return b.build();
  }

  private static MediaDescription rejected(MediaDescription m) {
    MediaDescription.Builder b = MediaDescription.builder(m.type(), 0, m.protocol());
    m.formats().forEach(b::format);
    if (m.formats().isEmpty()) {
      b.format("0");
    }
    b.attribute(Direction.INACTIVE);
    return b.build();
  }

  private static SessionDescription session(List<MediaDescription> sections, InetAddress local) {
    long id = RANDOM.nextLong() & Long.MAX_VALUE;
    return SessionDescription.builder()
        .origin(Origin.of(id, 1, local.getHostAddress()))
        .sessionName("Rivulet")
        .timing(Timing.PERMANENT)
        .media(sections)
        .build();
  }

  private void closeStreams() {
    streams.forEach(PlainRtpStream::close);
    streams.clear();
  }
}
