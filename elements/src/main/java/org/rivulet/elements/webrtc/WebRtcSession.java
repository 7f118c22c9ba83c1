package org.rivulet.elements.webrtc;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.rivulet.dtls.DtlsCertificate;
import org.rivulet.dtls.DtlsKeyType;
import org.rivulet.dtls.DtlsRole;
import org.rivulet.elements.ElementContext;
import org.rivulet.elements.MediaType;
import org.rivulet.elements.RtpFormat;
import org.rivulet.elements.Struct;
import org.rivulet.elements.endpoint.WebRtcEndpoint;
import org.rivulet.elements.error.KurentoError;
import org.rivulet.elements.error.KurentoException;
import org.rivulet.ice.agent.IceAgentConfig;
import org.rivulet.ice.agent.IceCredentials;
import org.rivulet.ice.agent.IceRole;
import org.rivulet.ice.gather.ExternalAddresses;
import org.rivulet.rtp.feedback.RembEstimator;
import org.rivulet.sdp.Candidate;
import org.rivulet.sdp.Fingerprint;
import org.rivulet.sdp.MediaDescription;
import org.rivulet.sdp.SdpWriter;
import org.rivulet.sdp.SessionDescription;
import org.rivulet.sdp.Setup;
import org.rivulet.transport.udp.PortAllocator;

/**
 * One WebRtcEndpoint's negotiation and media session: Kurento's {@code processOffer},
 * {@code generateOffer} and {@code processAnswer} with their error codes, then a
 * {@link WebRtcTransport} for ICE, DTLS and SRTP. Runs on the pipeline's loop; the certificate may
 * be generated off the loop the first time, which is why the offer methods answer with a stage.
 */
public final class WebRtcSession {
  /** What the session reports to its endpoint, on the pipeline's loop. */
  public interface Callbacks {
    void fire(String type, Map<String, Object> data);

    void rtp(MediaType kind, RtpFormat format, ByteBuf rtp);

    void keyframeRequested(MediaType kind);

    /** See {@link RtpSession.Input#mediaSent}. */
    default void mediaSent(MediaType kind) {
    }

    /** CONNECTED once DTLS-SRTP keys are in place, DISCONNECTED when they are gone. */
    void mediaState(String state);

    /** New values of the ICECandidatePairs, IceConnectionState and DtlsConnectionState properties. */
    void iceState(List<Struct> pairs, List<Struct> connections, List<Struct> dtls);

    /** See {@link RtpSession.Input#downstreamVideoEstimate()}. */
    default long downstreamVideoEstimate() {
      return Long.MAX_VALUE;
    }
  }

  private enum State { NEW, OFFER_GENERATED, NEGOTIATED }

  private static final SecureRandom RANDOM = new SecureRandom();

  private final WebRtcEndpoint endpoint;
  private final ElementContext context;
  private final Callbacks callbacks;
  private final EventLoop loop;
  private final long audioSsrc = 1 + (RANDOM.nextInt() & 0x7ffffffeL);
  private final long videoSsrc = 1 + (RANDOM.nextInt() & 0x7ffffffeL);
  private final long videoRtxSsrc = 1 + (RANDOM.nextInt() & 0x7ffffffeL);
  private final String cname = HexFormat.of().formatHex(RANDOM.generateSeed(8));
  private final String streamId = HexFormat.of().formatHex(RANDOM.generateSeed(8));
  private State state = State.NEW;
  /** Set by {@link #close}, from the endpoint's release. */
  private volatile boolean closed;
  private WebRtcTransport transport;
  private List<NegotiatedMedia> offered = List.of();
  private DtlsCertificate certificate;
  private boolean answerProcessed;
  private List<Struct> pairs = List.of();
  private List<Struct> connections = List.of();
  private List<Struct> dtlsStates = List.of();

  public WebRtcSession(WebRtcEndpoint endpoint, ElementContext context, Callbacks callbacks) {
    this.endpoint = endpoint;
    this.context = context;
    this.callbacks = callbacks;
    this.loop = endpoint.getMediaPipeline().loop();
  }

  public boolean hasTransport() {
    return transport != null;
  }

  // ------------------------------------------------------------------ Kurento operations

  public CompletionStage<String> processOffer(String offerText) {
    if (state != State.NEW) {
      throw new KurentoException(KurentoError.SDP_END_POINT_ALREADY_NEGOTIATED,
          "Endpoint already negotiated");
    }
    SessionDescription offer = KurentoSdp.parse(offerText, "offer");
    return certificate().thenComposeAsync(cert -> {
      if (state != State.NEW) {
        throw new KurentoException(KurentoError.SDP_END_POINT_ALREADY_NEGOTIATED,
            "Endpoint already negotiated");
      }
      String firstMid = offer.media().stream().filter(m -> !m.isRejected())
          .map(m -> m.mid().orElse("0")).findFirst().orElse("0");
      WebRtcTransport t = newTransport(IceRole.CONTROLLED, firstMid);
      SdpNegotiation.Outcome answer;
      try {
        answer = SdpNegotiation.answer(offer, localParameters(t.agent().localCredentials(), cert),
            SupportedCodecs.from(context.config()));
      } catch (IllegalArgumentException e) {
        t.close();
        throw new KurentoException(KurentoError.SDP_END_POINT_PROCESS_OFFER_ERROR,
            "Error processing offer: " + e.getMessage());
      }
      MediaDescription first = offer.media().stream()
          .filter(m -> m.mid().orElse("").equals(answer.media().get(0).mid())).findFirst()
          .orElseThrow();
      var remote = offer.effective(first);
      MediaDescription answered = answer.description().media().stream()
          .filter(m -> !m.isRejected()).findFirst().orElseThrow();
      Setup ours = answer.description().effective(answered).setup().orElse(Setup.ACTIVE);
      // Ports are taken only for an offer that is accepted, and the answer waits for them.
      return bindSockets(t).thenApply(bound -> {
        adopt(t);
        state = State.NEGOTIATED;
        t.start(remote.iceUfrag().orElseThrow(), remote.icePwd().orElseThrow(),
            dtlsFingerprints(remote.fingerprints()),
            DtlsRole.forLocalSetup(ours.attributeValue()), cert, answer.media(), cname);
        configureRemb(t);
        addSdpCandidates(offer);
        return SdpWriter.write(answer.description());
      });
    }, loop);
  }

  public CompletionStage<String> generateOffer(boolean audio, boolean video) {
    if (state != State.NEW) {
      throw new KurentoException(KurentoError.SDP_END_POINT_ALREADY_NEGOTIATED,
          "Endpoint already negotiated");
    }
    return certificate().thenComposeAsync(cert -> {
      WebRtcTransport t = newTransport(IceRole.CONTROLLING, "0");
      return bindSockets(t).thenApply(bound -> {
        SdpNegotiation.Outcome offer = SdpNegotiation.offer(
            localParameters(t.agent().localCredentials(), cert),
            SupportedCodecs.from(context.config()), audio, video);
        adopt(t);
        certificate = cert;
        offered = offer.media();
        state = State.OFFER_GENERATED;
        return SdpWriter.write(offer.description());
      });
    }, loop);
  }

  public String processAnswer(String answerText) {
    KurentoSdp.requireAnswerable(state != State.NEW, answerProcessed);
    SessionDescription answer = KurentoSdp.parse(answerText, "answer");
    List<NegotiatedMedia> agreed;
    try {
      agreed = SdpNegotiation.readAnswer(answer, offered);
    } catch (IllegalArgumentException e) {
      throw new KurentoException(KurentoError.SDP_END_POINT_PROCESS_OFFER_ERROR,
          "Error processing answer: " + e.getMessage());
    }
    MediaDescription first = answer.media().stream()
        .filter(m -> m.mid().orElse("").equals(agreed.get(0).mid())).findFirst().orElseThrow();
    var remote = answer.effective(first);
    if (remote.iceUfrag().isEmpty() || remote.icePwd().isEmpty() || remote.fingerprints().isEmpty()) {
      throw new KurentoException(KurentoError.SDP_END_POINT_PROCESS_OFFER_ERROR,
          "Error processing answer: no ICE credentials or DTLS fingerprint");
    }
    // We offered actpass: the answerer's active makes us the DTLS server, passive the client.
    Setup theirs = remote.setup().orElse(Setup.ACTIVE);
    DtlsRole role = theirs == Setup.PASSIVE ? DtlsRole.CLIENT : DtlsRole.SERVER;
    answerProcessed = true;
    state = State.NEGOTIATED;
    transport.start(remote.iceUfrag().get(), remote.icePwd().get(),
        dtlsFingerprints(remote.fingerprints()), role, certificate, agreed, cname);
    configureRemb(transport);
    addSdpCandidates(answer);
    return answerText;
  }

  public void gatherCandidates() {
    if (transport == null) {
      throw new KurentoException(KurentoError.ICE_GATHER_CANDIDATES_ERROR,
          "Error gathering candidates: no SDP negotiated yet");
    }
    transport.gatherCandidates();
  }

  public void addRemoteCandidate(String candidate) {
    if (transport.addRemoteCandidate(candidate).isError()) {
      throw new KurentoException(KurentoError.ICE_ADD_CANDIDATE_ERROR,
          "Error adding candidate: '" + candidate + "' is not a valid ICE candidate");
    }
  }

  /** Media from the graph (see {@link RtpSession#send}). Takes ownership. */
  public void send(MediaType kind, RtpFormat format, ByteBuf rtp) {
    if (transport == null) {
      rtp.release();
      return;
    }
    transport.send(kind, format, rtp);
  }

  public void requestKeyframe() {
    if (transport != null) {
      transport.requestKeyframe();
    }
  }

  public WebRtcTransport transport() {
    return transport;
  }

  public void close() {
    closed = true;
    if (transport != null) {
      transport.close();
    }
  }

  /**
   * Whether {@code t}, made for a negotiation still in flight, may become this session's: not
   * after a {@link #close} (the endpoint was released meanwhile) nor after another negotiation.
   * Otherwise {@code t} is closed and the negotiation fails.
   */
  private void adopt(WebRtcTransport t) {
    if (closed) {
      t.close();
      throw new KurentoException(KurentoError.MEDIA_OBJECT_NOT_FOUND,
          "The endpoint was released while its offer was being processed");
    }
    if (state != State.NEW) {
      t.close();
      throw new KurentoException(KurentoError.SDP_END_POINT_ALREADY_NEGOTIATED,
          "Endpoint already negotiated");
    }
    transport = t;
  }

  // ------------------------------------------------------------------ helpers

  private CompletableFuture<DtlsCertificate> certificate() {
    MediaNetwork network = context.network();
    if (network == null) {
      throw new KurentoException(KurentoError.NOT_IMPLEMENTED,
          "This server was started without network access for media");
    }
    DtlsKeyType type = "ECDSA".equals(endpoint.certificateKeyType())
        ? DtlsKeyType.ECDSA : DtlsKeyType.RSA;
    return network.certificate(type);
  }

  private WebRtcTransport newTransport(IceRole role, String firstMid) {
    MediaNetwork network = context.network();
    IceAgentConfig.Builder ice = IceAgentConfig.builder().externalAddresses(
        ExternalAddresses.parse(blankToNull(endpoint.getProperty("externalIPv4")),
            blankToNull(endpoint.getProperty("externalIPv6"))));
    String stun = blankToNull(endpoint.getProperty("stunServerAddress"));
    if (stun != null) {
      try {
        // Kurento accepts only IP literals here; getByName on a literal does no lookup.
        ice.stunServer(new InetSocketAddress(InetAddress.getByName(stun),
            (Integer) endpoint.getProperty("stunServerPort")));
      } catch (java.net.UnknownHostException e) {
        throw new KurentoException(KurentoError.ICE_GATHER_CANDIDATES_ERROR,
            "stunServerAddress '" + stun + "' is not an IP address");
      }
    }
    WebRtcTransport t = new WebRtcTransport(endpoint.getId(), loop, network, role, ice.build(),
        firstMid, new TransportEvents());
    if (network.testImpairmentAllowed()) {
      try {
        String tag = endpoint.tag(TestImpairment.TAG);
        if (tag != null) {
          TestImpairment.fromTag(tag);  // refuses a bad tag now, not in a socket's initializer
          t.impairOutgoingMedia(() -> TestImpairment.fromTag(tag));
        }
      } catch (IllegalArgumentException e) {
        t.close();
        throw new KurentoException(KurentoError.MEDIA_OBJECT_ILLEGAL_PARAM_ERROR, e.getMessage());
      }
    }
    return t;
  }

  /**
   * Binds {@code t}'s sockets on the endpoint's interfaces; completes once they are bound, or
   * fails (NOT_ENOUGH_RESOURCES when the port range is full) with {@code t} closed.
   */
  private CompletableFuture<Void> bindSockets(WebRtcTransport t) {
    try {
      t.bindSockets(context.network().hostAddresses(
          String.valueOf(endpoint.getProperty("networkInterfaces"))),
          (Boolean) endpoint.getProperty("iceTcp"));
    } catch (java.net.SocketException e) {
      t.close();
      // Listing takes a socket: with no descriptor left, the server's resources (B12.138).
      throw new KurentoException(PortAllocator.isOutOfResources(e)
          ? KurentoError.NOT_ENOUGH_RESOURCES : KurentoError.ICE_GATHER_CANDIDATES_ERROR,
          "Cannot list network interfaces: " + e.getMessage());
    }
    return t.socketsBound().whenComplete((bound, failure) -> {
      if (failure != null) {
        t.close();
      }
    });
  }

  /**
   * REMB for the video the peer sends: the endpoint's RembParams, at least its
   * minVideoRecvBandwidth (and Kurento's 30 kbps floor), at most its maxVideoRecvBandwidth (0 for
   * no limit); kbps properties.
   */
  private void configureRemb(WebRtcTransport t) {
    Struct p = (Struct) endpoint.getProperty("rembParams");
    RembEstimator.RembParams params = new RembEstimator.RembParams(
        ((Number) p.get("packetsRecvIntervalTop")).intValue(),
        ((Number) p.get("exponentialFactor")).doubleValue(),
        ((Number) p.get("linealFactorMin")).intValue(),
        ((Number) p.get("linealFactorGrade")).doubleValue(),
        ((Number) p.get("decrementFactor")).doubleValue(),
        ((Number) p.get("thresholdFactor")).doubleValue(),
        ((Number) p.get("upLosses")).intValue(),
        ((Number) p.get("rembOnConnect")).intValue());
    long min = Math.max(RembEstimator.KURENTO_MIN_BPS,
        1000L * (Integer) endpoint.getProperty("minVideoRecvBandwidth"));
    long max = 1000L * (Integer) endpoint.getProperty("maxVideoRecvBandwidth");
    t.rtpSession().configureRemb(params, min, max == 0 ? 0 : Math.max(min, max));
  }

  private static String blankToNull(Object value) {
    return value == null || value.toString().isBlank() ? null : value.toString();
  }

  private LocalParameters localParameters(IceCredentials ice, DtlsCertificate cert) {
    String[] fp = cert.fingerprint().toString().split(" ", 2);
    int audioKbps = (Integer) endpoint.getProperty("maxAudioRecvBandwidth");
    int videoKbps = (Integer) endpoint.getProperty("maxVideoRecvBandwidth");
    return new LocalParameters(ice.ufrag(), ice.password(), new Fingerprint(fp[0], fp[1]), cname,
        streamId, audioSsrc, videoSsrc, videoRtxSsrc, endpoint.isRecvonly(),
        endpoint.isSendonly(), audioKbps,
        videoKbps);
  }

  private static List<org.rivulet.dtls.Fingerprint> dtlsFingerprints(List<Fingerprint> sdp) {
    List<org.rivulet.dtls.Fingerprint> out = new ArrayList<>();
    for (Fingerprint f : sdp) {
      out.add(org.rivulet.dtls.Fingerprint.parse(f.hashFunction() + " " + f.fingerprint()));
    }
    return out;
  }

  private void addSdpCandidates(SessionDescription sdp) {
    for (MediaDescription m : sdp.media()) {
      for (Candidate c : m.attributes().all(Candidate.class)) {
        transport.addRemoteCandidate(c.toIceCandidateString());
      }
    }
  }

  /** Relays the transport's events, keeping the endpoint's ICE and DTLS properties current. */
  private final class TransportEvents implements WebRtcTransport.Events {
    @Override
    public void fire(String type, Map<String, Object> data) {
      switch (type) {
        case "NewCandidatePairSelected" -> pairs = List.of((Struct) data.get("candidatePair"));
        case "IceComponentStateChanged" -> connections = List.of(Struct.of("IceConnection",
            "streamId", "1", "componentId", 1, "state", data.get("state")));
        case "DtlsConnectionStateChange" -> dtlsStates = List.of(Struct.of("DtlsConnection",
            "streamId", "1", "componentId", "1", "connectionId", endpoint.getId(),
            "state", data.get("state")));
        default -> { }
      }
      callbacks.iceState(pairs, connections, dtlsStates);
      callbacks.fire(type, data);
    }

    @Override
    public void rtp(MediaType kind, RtpFormat format, ByteBuf rtp) {
      callbacks.rtp(kind, format, rtp);
    }

    @Override
    public void keyframeRequested(MediaType kind) {
      callbacks.keyframeRequested(kind);
    }

    @Override
    public void mediaSent(MediaType kind) {
      callbacks.mediaSent(kind);
    }

    @Override
    public void secured(boolean connected) {
      callbacks.mediaState(connected ? "CONNECTED" : "DISCONNECTED");
    }

    @Override
    public long downstreamVideoEstimate() {
      return callbacks.downstreamVideoEstimate();
    }
  }
}
