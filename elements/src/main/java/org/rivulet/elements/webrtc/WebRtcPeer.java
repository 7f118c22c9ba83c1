package org.rivulet.elements.webrtc;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;
import java.net.SocketException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.rivulet.dtls.DtlsCertificate;
import org.rivulet.dtls.DtlsKeyType;
import org.rivulet.dtls.DtlsRole;
import org.rivulet.elements.MediaType;
import org.rivulet.elements.RtpFormat;
import org.rivulet.ice.agent.IceAgentConfig;
import org.rivulet.ice.agent.IceRole;
import org.rivulet.sdp.Fingerprint;
import org.rivulet.sdp.MediaDescription;
import org.rivulet.sdp.SdpParser;
import org.rivulet.sdp.SdpWriter;
import org.rivulet.sdp.SessionDescription;
import org.rivulet.sdp.Setup;

/**
 * A WebRTC peer in the client role without a browser: it offers (setup active, so it is the DTLS
 * client, unless {@link #dtlsRole} says otherwise), runs the controlling ICE agent, and sends and
 * receives SRTP. Tests and the load generator use it as a synthetic participant against a
 * WebRtcEndpoint; it is the same stack as the server's, in the other roles.
 *
 * <p>Threading: its own event loop (given); the public methods may be called from any thread and
 * hop onto it. Listeners run on that loop.
 */
public final class WebRtcPeer implements AutoCloseable {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final EventLoop loop;
  private final MediaNetwork network;
  private final List<Consumer<String>> candidateListeners = new CopyOnWriteArrayList<>();
  private final Map<MediaType, AtomicLong> received = new EnumMap<>(MediaType.class);
  private final Map<MediaType, AtomicLong> keyframeRequests = new EnumMap<>(MediaType.class);
  private volatile Consumer<ByteBuf> rtpListener = ByteBuf::release;
  private volatile Supplier<? extends ChannelHandler> socketTap;
  private final CompletableFuture<Void> secured = new CompletableFuture<>();
  private WebRtcTransport transport;
  private List<NegotiatedMedia> offered = List.of();
  private DtlsCertificate certificate;
  private volatile DtlsRole dtlsRole = DtlsRole.CLIENT;

  public WebRtcPeer(EventLoop loop, MediaNetwork network) {
    this.loop = loop;
    this.network = network;
    for (MediaType t : MediaType.values()) {
      received.put(t, new AtomicLong());
      keyframeRequests.put(t, new AtomicLong());
    }
  }

  /** Called with each local candidate, in the {@code candidate:} form, for trickle ICE. */
  public void onLocalCandidate(Consumer<String> listener) {
    candidateListeners.add(listener);
  }

  /** Receives every RTP packet that arrives (ownership moves to the listener). */
  public void onRtp(Consumer<ByteBuf> listener) {
    this.rtpListener = listener;
  }

  /**
   * A handler to place first in each of this peer's sockets (see
   * {@link WebRtcTransport#tapSockets}); call before {@link #createOffer}.
   */
  public void tapSockets(Supplier<? extends ChannelHandler> handlers) {
    this.socketTap = handlers;
  }

  /**
   * Which DTLS side this peer plays (call before {@link #createOffer}): the client by default
   * (it offers setup active), or the server (setup passive), as a browser is when it answers a
   * server's offer or a server answers its actpass with active.
   */
  public void dtlsRole(DtlsRole role) {
    this.dtlsRole = role;
  }

  /** Creates the offer: audio and video, send and receive, on the given interfaces. */
  public CompletableFuture<String> createOffer(String networkInterfaces) {
    return createOffer(networkInterfaces, true);
  }

  /**
   * Creates the offer on the given interfaces, on their IPv4 addresses only unless {@code ipv6}:
   * ICE pairs candidates of one family, so a peer without IPv6 candidates uses the remote's IPv4
   * ones, whatever their priority.
   */
  public CompletableFuture<String> createOffer(String networkInterfaces, boolean ipv6) {
    return network.certificate(DtlsKeyType.ECDSA).thenApplyAsync(cert -> {
      certificate = cert;
      transport = new WebRtcTransport("synthetic-peer", loop, network, IceRole.CONTROLLING,
          IceAgentConfig.defaults(), "0", new Events());
      if (socketTap != null) {
        transport.tapSockets(socketTap);
      }
      try {
        // The client role does not initiate ICE-TCP: UDP only.
        transport.bindSockets(network.hostAddresses(networkInterfaces, ipv6), false);
      } catch (SocketException e) {
        throw new IllegalStateException("Cannot list network interfaces", e);
      }
      String[] fp = cert.fingerprint().toString().split(" ", 2);
      var ice = transport.agent().localCredentials();
      LocalParameters local = new LocalParameters(ice.ufrag(), ice.password(),
          new Fingerprint(fp[0], fp[1]), "synthetic", "synthetic",
          1 + (RANDOM.nextInt() & 0x7ffffffeL), 1 + (RANDOM.nextInt() & 0x7ffffffeL),
          1 + (RANDOM.nextInt() & 0x7ffffffeL), false, false, 0, 0);
      SdpNegotiation.Outcome offer = SdpNegotiation.offer(local,
          SupportedCodecs.from(org.rivulet.elements.config.ModuleConfig.empty()), true, true,
          dtlsRole == DtlsRole.CLIENT ? Setup.ACTIVE : Setup.PASSIVE);
      offered = offer.media();
      return SdpWriter.write(offer.description());
    }, loop);
  }

  /** Applies the answer and starts ICE; candidates are gathered at once. */
  public CompletableFuture<Void> acceptAnswer(String answerText) {
    return CompletableFuture.runAsync(() -> {
      SessionDescription answer;
      try {
        answer = SdpParser.parse(answerText);
      } catch (org.rivulet.sdp.SdpParseException e) {
        throw new IllegalArgumentException("Bad answer: " + e.getMessage(), e);
      }
      List<NegotiatedMedia> agreed = SdpNegotiation.readAnswer(answer, offered);
      MediaDescription first = answer.media().stream()
          .filter(m -> m.mid().orElse("").equals(agreed.get(0).mid())).findFirst().orElseThrow();
      var remote = answer.effective(first);
      List<org.rivulet.dtls.Fingerprint> fingerprints = new ArrayList<>();
      for (Fingerprint f : remote.fingerprints()) {
        fingerprints.add(org.rivulet.dtls.Fingerprint.parse(f.hashFunction() + " " + f.fingerprint()));
      }
      transport.start(remote.iceUfrag().orElseThrow(), remote.icePwd().orElseThrow(), fingerprints,
          dtlsRole, certificate, agreed, "synthetic");
      transport.gatherCandidates();
    }, loop);
  }

  public void addRemoteCandidate(String candidate) {
    loop.execute(() -> transport.addRemoteCandidate(candidate));
  }

  /** Sends an RTP packet of this kind and codec (the session's payload type is applied). */
  public void send(MediaType kind, RtpFormat format, ByteBuf rtp) {
    loop.execute(() -> transport.send(kind, format, rtp));
  }

  /** Completes when DTLS-SRTP keys are in place. */
  public CompletableFuture<Void> secured() {
    return secured;
  }

  public long packetsReceived(MediaType kind) {
    return received.get(kind).get();
  }

  /**
   * Keyframe requests (PLI, FIR) received for what this peer sends of {@code kind}: an encoder
   * would answer them; a replayed stream cannot, but it counts them.
   */
  public long keyframeRequests(MediaType kind) {
    return keyframeRequests.get(kind).get();
  }

  @Override
  public void close() {
    loop.execute(() -> {
      if (transport != null) {
        transport.close();
      }
    });
  }

  private final class Events implements WebRtcTransport.Events {
    @Override
    public void fire(String type, Map<String, Object> data) {
      if (type.equals("IceCandidateFound")) {
        String candidate = ((org.rivulet.elements.Struct) data.get("candidate")).string("candidate");
        candidateListeners.forEach(l -> l.accept(candidate));
      }
    }

    @Override
    public void rtp(MediaType kind, RtpFormat format, ByteBuf rtp) {
      received.get(kind).incrementAndGet();
      rtpListener.accept(rtp);
    }

    @Override
    public void keyframeRequested(MediaType kind) {
      keyframeRequests.get(kind).incrementAndGet();
    }

    @Override
    public void secured(boolean connected) {
      if (connected) {
        secured.complete(null);
      }
    }
  }
}
