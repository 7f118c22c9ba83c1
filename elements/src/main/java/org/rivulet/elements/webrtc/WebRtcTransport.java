package org.rivulet.elements.webrtc;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;
import org.rivulet.dtls.DtlsCertificate;
import org.rivulet.dtls.DtlsConfig;
import org.rivulet.dtls.DtlsFailureReason;
import org.rivulet.dtls.DtlsListener;
import org.rivulet.dtls.DtlsRole;
import org.rivulet.dtls.DtlsSrtpKeys;
import org.rivulet.dtls.DtlsState;
import org.rivulet.dtls.DtlsTransport;
import org.rivulet.dtls.Fingerprint;
import org.rivulet.elements.MediaType;
import org.rivulet.elements.RtpFormat;
import org.rivulet.elements.error.ErrorEvents;
import org.rivulet.elements.error.KurentoError;
import org.rivulet.elements.error.KurentoException;
import org.rivulet.ice.agent.CandidatePairInfo;
import org.rivulet.ice.agent.EventExecutorScheduler;
import org.rivulet.ice.agent.IceAgent;
import org.rivulet.ice.agent.IceAgentConfig;
import org.rivulet.ice.agent.IceAgentListener;
import org.rivulet.ice.agent.IceComponentState;
import org.rivulet.ice.agent.IceRole;
import org.rivulet.ice.agent.LocalCandidate;
import org.rivulet.ice.agent.RemoteCandidateOutcome;
import org.rivulet.ice.agent.TransportProtocol;
import org.rivulet.ice.gather.HostAddress;
import org.rivulet.srtp.SrtpProfile;
import org.rivulet.srtp.SrtpReceiver;
import org.rivulet.srtp.SrtpSender;
import org.rivulet.transport.demux.DemuxCounters;
import org.rivulet.transport.demux.FirstByteDemuxHandler;
import org.rivulet.transport.fault.ChannelFaultHandler;
import org.rivulet.transport.fault.ChannelFaults;
import org.rivulet.transport.udp.DatagramBatcher;
import org.rivulet.transport.udp.DeferredDatagram;
import org.rivulet.transport.udp.PortAllocator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The network side of one WebRTC endpoint: UDP sockets on the host addresses, ICE over them, DTLS
 * on the pair ICE validated, and the {@link RtpSession} keyed by DTLS-SRTP.
 *
 * <pre>
 *  UDP socket ─▶ FirstByteDemuxHandler ─┬─ STUN ─▶ IceAgent ─▶ selected pair
 *                                       ├─ DTLS ─▶ (validated address only) DtlsTransport ─▶ keys
 *                                       └─ SRTP ─▶ (validated address only) RtpSession ─▶ graph
 * </pre>
 *
 * <p>Threading: everything runs on the pipeline's loop except the DTLS handshake, whose results are
 * handed back to the loop. Datagrams from addresses ICE has not validated are dropped and counted
 * (RFC 8445 and RELIABILITY.md: DTLS and media only from validated tuples); media from the
 * validated peer before the DTLS keys waits for them ({@link EarlyMedia}).
 */
public final class WebRtcTransport implements IceAgentListener, DtlsListener {
  private static final Logger log = LoggerFactory.getLogger(WebRtcTransport.class);
  /** About a keyframe at 1.5 Mbit/s: at most 64 read buffers (128 KiB) while DTLS runs. */
  static final int EARLY_MEDIA_CAPACITY = 64;

  /** What the endpoint hears from its transport; called on the pipeline's loop. */
  public interface Events {
    /** A Kurento event to raise on the endpoint. */
    void fire(String type, Map<String, Object> data);

    void rtp(MediaType kind, RtpFormat format, ByteBuf rtp);

    void keyframeRequested(MediaType kind);

    /** See {@link RtpSession.Input#mediaSent}. */
    default void mediaSent(MediaType kind) {
    }

    /** DTLS reached CONNECTED (true) or failed / closed (false). */
    void secured(boolean connected);

    /** See {@link RtpSession.Input#downstreamVideoEstimate()}. */
    default long downstreamVideoEstimate() {
      return Long.MAX_VALUE;
    }
  }

  private final EventLoop loop;
  /** Counts what the batcher sends for this transport (one instance: no allocation per packet). */
  private final IntConsumer countSent = bytes -> this.bytesSent += bytes;
  private final MediaNetwork network;
  private final Events events;
  private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
  private final IceAgent agent;
  private final Map<LocalCandidate, Channel> channels = new HashMap<>();
  /** ICE-TCP connections by peer address (they carry that peer's checks, DTLS and media). */
  private final Map<InetSocketAddress, Channel> tcpConnections = new HashMap<>();
  private final org.rivulet.transport.tcp.Rfc4571Counters tcpCounters =
      new org.rivulet.transport.tcp.Rfc4571Counters();
  /** Bound on ICE-TCP connections per endpoint: a browser opens a few. */
  static final int MAX_TCP_CONNECTIONS = 16;
  private final List<Channel> allChannels = new ArrayList<>();
  private final DemuxCounters demuxCounters = new DemuxCounters();
  /** What Netty reported failing on this transport's channels (RELIABILITY.md B12.139). */
  private final ChannelFaults faults;
  private final ChannelFaultHandler faultHandler;
  private final String firstMid;
  private DtlsCertificate certificate;
  private List<Fingerprint> remoteFingerprints = List.of();
  private DtlsRole dtlsRole;
  private DtlsTransport dtls;
  /** Media from the validated peer before the keys (see {@link EarlyMedia}). */
  private final EarlyMedia early = new EarlyMedia(EARLY_MEDIA_CAPACITY);
  private RtpSession rtp;
  private LocalCandidate peerBase;
  private InetSocketAddress peerAddress;
  /** The UDP socket of {@link #peerBase}, or null over ICE-TCP: looked up once per route. */
  private Channel peerUdp;
  /** This loop's batcher, looked up on the first media send. */
  private DatagramBatcher batcher;
  private int socketsPending;
  /** Completes when every socket asked of {@link #bindSockets} is bound or has failed. */
  private final CompletableFuture<Void> socketsBound = new CompletableFuture<>();
  private int udpSocketsBound;
  /** Why the last UDP socket could not be bound, or null. */
  private Throwable udpBindFailure;
  private boolean gatherRequested;
  private boolean closed;
  private long unvalidatedDrops;
  private final String endpointId;
  private java.util.function.Supplier<org.rivulet.transport.impair.ImpairmentHandler> impairment;
  /** The test impairments made so far, whose counters the release line reports. */
  private final List<org.rivulet.transport.impair.ImpairmentHandler> impairments =
      new ArrayList<>();
  private java.util.function.Supplier<? extends ChannelHandler> socketTap;
  private CandidatePairInfo selectedPair;
  private long bytesSent;
  private long bytesReceived;
  /** When the media datagram being handled now was read (System.nanoTime). */
  private long arrivalNanos;

  /**
   * @param role CONTROLLED when answering an offer, CONTROLLING after generating one
   */
  public WebRtcTransport(String endpointId, EventLoop loop, MediaNetwork network, IceRole role,
      IceAgentConfig iceConfig, String firstMid, Events events) {
    this.endpointId = endpointId;
    this.loop = loop;
    this.network = network;
    this.events = events;
    this.firstMid = firstMid;
    this.faults = new ChannelFaults(endpointId,
        (kind, description) -> events.fire(ErrorEvents.ERROR,
            ErrorEvents.channelFaults(kind, description)));
    this.faultHandler = new ChannelFaultHandler(faults);
    this.agent = new IceAgent(role, iceConfig, new EventExecutorScheduler(loop), this::transmit,
        this, alloc);
  }

  public IceAgent agent() {
    return agent;
  }

  /**
   * Binds one UDP socket per host address, and with {@code iceTcp} one passive ICE-TCP listener
   * (RFC 6544) per address too; candidates appear as the sockets are bound.
   */
  public void bindSockets(List<HostAddress> addresses, boolean iceTcp) {
    socketsPending = addresses.size() * (iceTcp ? 2 : 1);
    if (iceTcp) {
      for (HostAddress host : addresses) {
        bindTcp(host);
      }
    }
    for (HostAddress host : addresses) {
      network.udpPorts(host.address()).bind(loop, initializer()).addListener(f -> {
        socketsPending--;
        if (!f.isSuccess()) {
          udpBindFailure = f.cause();
          log.warn("{}: cannot bind a UDP socket on {}: {}", endpointId, host.address(),
              f.cause().toString());
        } else if (closed) {
          ((Channel) f.getNow()).close();
        } else {
          Channel ch = (Channel) f.getNow();
          allChannels.add(ch);
          udpSocketsBound++;
          LocalCandidate base = agent.addHostCandidate((InetSocketAddress) ch.localAddress(),
              TransportProtocol.UDP, host.rank());
          channels.put(base, ch);
          ch.attr(BASE).set(base);
        }
        socketSettled();
      });
    }
    if (socketsPending == 0) {
      socketsBound.complete(null);
    }
  }

  /**
   * Completes once every socket asked of {@link #bindSockets} is bound or has failed. It fails
   * with NOT_ENOUGH_RESOURCES when no UDP socket could be bound because every port of the
   * configured range is taken (RELIABILITY.md B12.137) or the process has no file descriptor left
   * (B12.138): an endpoint without one could never
   * carry media, so the request that negotiates it is refused rather than answered.
   */
  public CompletableFuture<Void> socketsBound() {
    return socketsBound;
  }

  private void socketSettled() {
    if (socketsPending != 0) {
      return;
    }
    if (udpSocketsBound == 0 && PortAllocator.isOutOfResources(udpBindFailure)) {
      socketsBound.completeExceptionally(new KurentoException(KurentoError.NOT_ENOUGH_RESOURCES,
          "Not enough resources: " + udpBindFailure.getMessage()));
      return;
    }
    socketsBound.complete(null);
    if (gatherRequested) {
      agent.gatherCandidates();
    }
  }

  private void bindTcp(HostAddress host) {
    network.tcpPorts(host.address()).bindPassive(loop, tcpCounters, tcpInitializer())
        .addListener(f -> {
          socketsPending--;
          if (!f.isSuccess()) {
            log.warn("{}: cannot listen for ICE-TCP on {}: {}", endpointId, host.address(),
                f.cause().toString());
          } else if (closed) {
            ((Channel) f.getNow()).close();
          } else {
            Channel listener = (Channel) f.getNow();
            allChannels.add(listener);
            LocalCandidate base = agent.addHostCandidate(
                (InetSocketAddress) listener.localAddress(), TransportProtocol.TCP, host.rank());
            listener.attr(BASE).set(base);
          }
          socketSettled();
        });
  }

  /**
   * Each accepted ICE-TCP connection: framed datagrams (RFC 4571) into the same demux as UDP, on
   * the listener's candidate; replies to that peer go back on this connection.
   */
  private ChannelHandler tcpInitializer() {
    return new ChannelInitializer<Channel>() {
      @Override
      protected void initChannel(Channel ch) {
        LocalCandidate base = ch.parent().attr(BASE).get();
        InetSocketAddress remote = (InetSocketAddress) ch.remoteAddress();
        if (base == null || closed || tcpConnections.size() >= MAX_TCP_CONNECTIONS) {
          ch.close();
          return;
        }
        ch.attr(BASE).set(base);
        tcpConnections.put(remote, ch);
        allChannels.add(ch);
        ch.closeFuture().addListener(f -> tcpConnections.remove(remote, ch));
        ch.pipeline().addLast(new FirstByteDemuxHandler(p -> onStun(ch, p), p -> onDtls(ch, p),
            p -> onMedia(ch, p), demuxCounters), faultHandler);
      }
    };
  }

  private static final io.netty.util.AttributeKey<LocalCandidate> BASE =
      io.netty.util.AttributeKey.valueOf("rivulet.ice.base");

  /**
   * Test-only loss on this transport's outgoing RTP ({@link TestImpairment}); applies to the
   * sockets bound after it is set.
   */
  public void impairOutgoingMedia(
      java.util.function.Supplier<org.rivulet.transport.impair.ImpairmentHandler> handlers) {
    this.impairment = handlers;
  }

  /**
   * A handler placed first in each UDP socket's pipeline bound after this call (tests and the
   * load generator only). It sees every datagram read before anything else does (the load
   * generator reads the kernel's arrival time there). It sees the datagrams written only if it
   * marks its channel {@link DatagramBatcher#ONE_BY_ONE}: otherwise they go straight to the
   * socket.
   */
  public void tapSockets(java.util.function.Supplier<? extends ChannelHandler> handlers) {
    this.socketTap = handlers;
  }

  private ChannelHandler initializer() {
    return new ChannelInitializer<DatagramChannel>() {
      @Override
      protected void initChannel(DatagramChannel ch) {
        if (socketTap != null) {
          ch.pipeline().addLast(socketTap.get());
        }
        if (impairment != null) {
          org.rivulet.transport.impair.ImpairmentHandler handler = impairment.get();
          impairments.add(handler);
          ch.pipeline().addLast(handler);
          ch.attr(DatagramBatcher.ONE_BY_ONE).set(Boolean.TRUE); // it must see each datagram
        }
        ch.pipeline().addLast(new FirstByteDemuxHandler(p -> onStun(ch, p), p -> onDtls(ch, p),
            p -> onMedia(ch, p), demuxCounters), faultHandler);
      }
    };
  }

  /** Kurento's {@code gatherCandidates}: candidates are reported once the sockets are bound. */
  public void gatherCandidates() {
    gatherRequested = true;
    if (socketsPending == 0) {
      agent.gatherCandidates();
    }
  }

  /**
   * Starts connectivity with what offer/answer agreed.
   *
   * @param dtlsRole from the resolved a=setup
   */
  public void start(String remoteUfrag, String remotePwd, List<Fingerprint> fingerprints,
      DtlsRole dtlsRole, DtlsCertificate certificate, List<NegotiatedMedia> media, String cname) {
    this.remoteFingerprints = fingerprints;
    this.dtlsRole = dtlsRole;
    this.certificate = certificate;
    RtpSession.Output output = this::sendMedia; // rtcp-mux: RTCP takes the same path
    this.rtp = new RtpSession(media, alloc, output, new RtpSession.Input() {
      @Override
      public void rtp(MediaType kind, RtpFormat format, ByteBuf packet) {
        events.rtp(kind, format, packet);
      }

      @Override
      public void keyframeRequested(MediaType kind) {
        events.keyframeRequested(kind);
      }

      @Override
      public void mediaSent(MediaType kind) {
        events.mediaSent(kind);
      }

      @Override
      public long downstreamVideoEstimate() {
        return events.downstreamVideoEstimate();
      }
    });
    this.rtp.cname(cname);
    agent.setRemoteCredentials(remoteUfrag, remotePwd);
  }

  /** A remote candidate (trickle); an empty one ends the remote candidates. */
  public RemoteCandidateOutcome addRemoteCandidate(String candidate) {
    return agent.addRemoteCandidate(candidate);
  }

  /** Media from the graph to the peer (see {@link RtpSession#send}). Takes ownership. */
  public void send(MediaType kind, RtpFormat format, ByteBuf packet) {
    if (rtp == null) {
      packet.release();
      return;
    }
    rtp.send(kind, format, packet);
  }

  public void requestKeyframe() {
    if (rtp != null) {
      rtp.requestKeyframe();
    }
  }

  public RtpSession rtpSession() {
    return rtp;
  }

  /** When the media datagram being handled now was read (System.nanoTime). */
  public long arrivalNanos() {
    return arrivalNanos;
  }

  /** Kurento's transport stats: bytes on the wire both ways and the selected candidate pair. */
  public org.rivulet.elements.stats.TransportCounters transportStats() {
    org.rivulet.elements.stats.IcePairCounters pair = null;
    if (selectedPair != null) {
      pair = new org.rivulet.elements.stats.IcePairCounters(
          org.rivulet.elements.stats.IceCandidateInfo.of(selectedPair.local()),
          org.rivulet.elements.stats.IceCandidateInfo.of(selectedPair.remote()),
          selectedPair.state(), selectedPair.priority(), selectedPair.nominated(),
          peerBase != null, peerBase != null, bytesSent, bytesReceived, 0, 0, 0);
    }
    return new org.rivulet.elements.stats.TransportCounters(bytesSent, bytesReceived,
        rtp != null && rtp.isSecured() && peerBase != null, pair);
  }

  public DemuxCounters demuxCounters() {
    return demuxCounters;
  }

  public long unvalidatedDrops() {
    return unvalidatedDrops;
  }

  // ------------------------------------------------------------------ inbound

  private void onStun(Channel ch, DatagramPacket packet) {
    try {
      LocalCandidate base = ch.attr(BASE).get();
      if (base != null && !closed) {
        agent.handleStun(base, packet.sender(), packet.content());
      }
    } finally {
      packet.release();
    }
  }

  private void onDtls(Channel ch, DatagramPacket packet) {
    try {
      LocalCandidate base = ch.attr(BASE).get();
      if (base == null || closed || !agent.isValidated(packet.sender(), base)) {
        unvalidatedDrops++;
        return;
      }
      routeIfNone(base, packet.sender());
      startDtls();
      if (dtls != null) {
        dtls.offer(packet.content());
      }
    } finally {
      packet.release();
    }
  }

  private void onMedia(Channel ch, DatagramPacket packet) {
    long arrival = System.nanoTime();
    arrivalNanos = arrival;
    bytesReceived += packet.content().readableBytes();
    LocalCandidate base = ch.attr(BASE).get();
    if (base == null || closed || rtp == null || !agent.isValidated(packet.sender(), base)) {
      unvalidatedDrops++;
      packet.release();
      return;
    }
    if (!rtp.isSecured() && dtls != null && early.hold(packet.content(), arrival)) {
      return;
    }
    rtp.receive(packet.content());
  }

  // ------------------------------------------------------------------ outbound

  private void transmit(LocalCandidate base, InetSocketAddress to, ByteBuf datagram) {
    Channel ch = base.protocol() == TransportProtocol.TCP ? tcpConnections.get(to)
        : channels.get(base.base());
    if (ch == null || !ch.isActive()) {
      datagram.release();
      return;
    }
    bytesSent += datagram.readableBytes();
    ch.writeAndFlush(new DatagramPacket(datagram, to));
  }

  /**
   * SRTP and SRTCP to the selected pair, made when sent. Over UDP they wait in the loop's
   * {@link DatagramBatcher} for the end of its pass, so a fan-out leaves viewer by viewer in GSO
   * batches; over ICE-TCP they are made and framed at once.
   */
  private void sendMedia(DeferredDatagram datagram) {
    if (peerBase == null) {
      datagram.discard();
      return;
    }
    if (peerUdp == null) {
      datagram.sendNow(made -> transmit(peerBase, peerAddress, made));
      return;
    }
    if (batcher == null) {
      batcher = DatagramBatcher.on(loop);
    }
    batcher.send(peerUdp, peerAddress, datagram, countSent);
  }

  // ------------------------------------------------------------------ ICE events

  @Override
  public void onLocalCandidate(LocalCandidate candidate) {
    events.fire("IceCandidateFound", Map.of("candidate", org.rivulet.elements.Struct.of(
        "IceCandidate", "candidate", candidate.candidateString(), "sdpMid", firstMid,
        "sdpMLineIndex", 0)));
  }

  @Override
  public void onGatheringDone() {
    events.fire("IceGatheringDone", Map.of());
  }

  @Override
  public void onComponentStateChanged(IceComponentState previous, IceComponentState current) {
    events.fire("IceComponentStateChanged", Map.of("streamId", 1, "componentId", 1,
        "state", current.name()));
  }

  @Override
  public void onSelectedPairChanged(CandidatePairInfo pair) {
    selectedPair = pair;
    route(pair.local().base(), pair.remote().address());
    events.fire("NewCandidatePairSelected", Map.of("candidatePair", org.rivulet.elements.Struct.of(
        "IceCandidatePair", "streamId", "1", "componentId", 1,
        "localCandidate", pair.localCandidateString(),
        "remoteCandidate", pair.remoteCandidateString())));
    startDtls();
  }

  @Override
  public void onRemoteAddressValidated(LocalCandidate base, InetSocketAddress remote) {
    routeIfNone(base, remote);
    startDtls();
  }

  /** Until ICE selects a pair, DTLS and media use the first pair it validated. */
  private void routeIfNone(LocalCandidate base, InetSocketAddress remote) {
    if (peerBase == null) {
      route(base.base(), remote);
    }
  }

  /** Media, RTCP and DTLS go from {@code base} to {@code remote} from now on (null: nowhere). */
  private void route(LocalCandidate base, InetSocketAddress remote) {
    peerBase = base;
    peerAddress = remote;
    peerUdp = base != null && base.protocol() == TransportProtocol.UDP
        ? channels.get(base.base()) : null;
  }

  /**
   * RFC 7675: without consent the peer must not receive media. ICE reports the component state
   * itself (IceComponentStateChanged); the endpoint's media state goes DISCONNECTED.
   */
  @Override
  public void onConsentLost(CandidatePairInfo pair) {
    route(null, null);
    events.secured(false);
  }

  // ------------------------------------------------------------------ DTLS

  /** Starts DTLS once there is a route to the peer and offer/answer gave the certificate. */
  private void startDtls() {
    if (dtls != null || certificate == null || closed || peerBase == null) {
      return;
    }
    DtlsConfig config = DtlsConfig.builder(dtlsRole, certificate, remoteFingerprints).build();
    dtls = new DtlsTransport(config, network.handshakes(), bytes -> loop.execute(() -> {
      if (!closed && peerBase != null) {
        transmit(peerBase, peerAddress, Unpooled.wrappedBuffer(bytes));
      }
    }), this);
    dtls.start();
  }

  @Override
  public void onStateChange(DtlsState state) {
    loop.execute(() -> {
      events.fire("DtlsConnectionStateChange", dtlsEvent(state));
      if (state == DtlsState.FAILED || state == DtlsState.CLOSED) {
        early.discard();
        events.secured(false);
      }
    });
  }

  @Override
  public void onConnected(DtlsSrtpKeys keys) {
    loop.execute(() -> {
      if (closed) {
        return;
      }
      SrtpProfile profile = SrtpProfile.fromDtlsProfileId(keys.profileId()).orElseThrow();
      rtp.secure(new SrtpSender(profile, keys.localMasterKey(), keys.localMasterSalt()),
          new SrtpReceiver(profile, keys.remoteMasterKey(), keys.remoteMasterSalt()));
      rtp.startRtcp(loop);
      events.secured(true);
      early.replay((datagram, arrival) -> {
        arrivalNanos = arrival;
        rtp.receive(datagram);
      });
    });
  }

  @Override
  public void onFailed(DtlsFailureReason reason, Throwable cause) {
    log.info("{}: DTLS failed: {}", endpointId, reason);
  }

  private Map<String, Object> dtlsEvent(DtlsState state) {
    return Map.of("streamId", "1", "componentId", "1", "connectionId", endpointId,
        "state", state.name());
  }

  /** Closes sockets, ICE and DTLS. Idempotent. */
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    // The drop counters reach no Kurento stats type: their totals go to the log once, here.
    log.info("{}: closed; datagrams {}, {} from unvalidated addresses dropped, {} held until the"
        + " keys; socket faults {}; {}{}", endpointId, demuxCounters, unvalidatedDrops,
        early.replayed(), faults, rtp == null ? "no media negotiated" : rtp.summary(),
        impairments.isEmpty() ? ""
            : "; test impairment out " + impairments.stream()
                .map(h -> h.outboundCounters().toString()).toList());
    early.discard();
    if (rtp != null) {
      rtp.close();
    }
    agent.close();
    if (dtls != null) {
      dtls.close();
    }
    for (Channel ch : allChannels) {
      ch.close();
    }
  }
}
