package org.rivulet.elements.endpoint;

import java.util.ArrayList;
import java.util.List;
import org.rivulet.elements.Args;
import org.rivulet.elements.ElementContext;
import org.rivulet.elements.MediaPipeline;
import org.rivulet.elements.Struct;
import org.rivulet.elements.config.ModuleConfig;
import org.rivulet.elements.error.KurentoError;
import org.rivulet.elements.error.KurentoException;
import org.rivulet.elements.webrtc.WebRtcSession;
import org.rivulet.elements.webrtc.WebRtcTransport;

/**
 * Kurento's WebRtcEndpoint. Its network settings start from {@code WebRtcEndpoint.conf.ini} and the
 * {@code KMS_*} variables and can be changed per object. Remote ICE candidates that arrive before
 * the SDP are queued, as Kurento does (browsers trickle them early).
 */
public class WebRtcEndpoint extends BaseRtpEndpoint {
  /** Bound on queued remote candidates: a browser sends a handful per interface. */
  static final int MAX_PENDING_CANDIDATES = 100;
  private static final String CONF = "WebRtcEndpoint";

  private final boolean recvonly;
  private final boolean sendonly;
  private final boolean useDataChannels;
  private final String certificateKeyType;
  private final String qosDscp;
  private final List<Struct> pendingCandidates = new ArrayList<>();
  private WebRtcSession session;

  public WebRtcEndpoint(ElementContext context, MediaPipeline pipeline, Args params) {
    super(context, "WebRtcEndpoint", pipeline);
    this.recvonly = params.bool("recvonly", false);
    this.sendonly = params.bool("sendonly", false);
    if (recvonly && sendonly) {
      throw new KurentoException(KurentoError.MEDIA_OBJECT_ILLEGAL_PARAM_ERROR,
          "'recvonly' and 'sendonly' cannot both be true");
    }
    this.useDataChannels = params.bool("useDataChannels", false);
    // Kurento's descriptor defaults to RSA; Rivulet uses ECDSA P-256 unless RSA is asked for:
    // what browsers use, and about 100 times faster to generate.
    this.certificateKeyType = params.given("certificateKeyType")
        ? params.string("certificateKeyType") : "ECDSA";
    this.qosDscp = params.string("qosDscp", "NO_VALUE");
    ModuleConfig c = context.config();
    defineProperty("networkInterfaces", c.stringValue(CONF, "networkInterfaces", ""));
    defineProperty("iceTcp", c.booleanValue(CONF, "iceTcp", true));
    defineProperty("stunServerAddress", c.stringValue(CONF, "stunServerAddress", ""));
    defineProperty("stunServerPort", c.intValue(CONF, "stunServerPort", 3478));
    defineProperty("turnUrl", c.stringValue(CONF, "turnURL", ""));
    defineProperty("externalIPv4", c.stringValue(CONF, "externalIPv4", ""));
    defineProperty("externalIPv6", c.stringValue(CONF, "externalIPv6", ""));
    defineProperty("ICECandidatePairs", List.of());
    defineProperty("IceConnectionState", List.of());
    defineProperty("DtlsConnectionState", List.of());
    register();
  }

  public boolean isRecvonly() {
    return recvonly;
  }

  public boolean isSendonly() {
    return sendonly;
  }

  public boolean usesDataChannels() {
    return useDataChannels;
  }

  public String certificateKeyType() {
    return certificateKeyType;
  }

  public String qosDscp() {
    return qosDscp;
  }

  @Override
  protected void checkProperty(String property, Object value) {
    switch (property) {
      case "stunServerPort" -> requireRange(property, value, 0, 65_535);
      default -> super.checkProperty(property, value);
    }
  }

  @Override
  public Object invoke(String operation, Args args) {
    switch (operation) {
      case "addIceCandidate":
        addIceCandidate(args.struct("candidate"));
        return null;
      case "processOffer":
        return processOffer(args.string("offer"));
      case "generateOffer":
        return generateOffer(args.struct("options"));
      case "processAnswer":
        return processAnswer(args.string("answer"));
      case "gatherCandidates":
        session().gatherCandidates();
        return null;
      case "requestKeyframe":
        session().requestKeyframe();
        return null;
      default:
        return super.invoke(operation, args);
    }
  }

  private void addIceCandidate(Struct candidate) {
    String text = candidate.string("candidate");
    if (session != null && session.hasTransport()) {
      session.addRemoteCandidate(text);
      return;
    }
    if (text == null || text.isEmpty()) {
      // End of candidates (trickle ICE) before the SDP: nothing to queue.
      return;
    }
    if (pendingCandidates.size() >= MAX_PENDING_CANDIDATES) {
      throw new KurentoException(KurentoError.ICE_ADD_CANDIDATE_ERROR,
          "Error adding candidate: more than " + MAX_PENDING_CANDIDATES + " pending candidates");
    }
    pendingCandidates.add(candidate);
  }

  private WebRtcSession session() {
    if (session == null) {
      session = new WebRtcSession(this, context, new WebRtcSession.Callbacks() {
        @Override
        public void fire(String type, java.util.Map<String, Object> data) {
          WebRtcEndpoint.this.fire(type, data);
        }

        @Override
        public void rtp(org.rivulet.elements.MediaType kind, org.rivulet.elements.RtpFormat format,
            io.netty.buffer.ByteBuf rtp) {
          noteMediaIn(kind);
          getMediaPipeline().markIngress(session.transport().arrivalNanos());
          emitRtp(kind, format, rtp);
        }

        @Override
        public void keyframeRequested(org.rivulet.elements.MediaType kind) {
          requestKeyframeUpstream(kind);
        }

        @Override
        public void mediaSent(org.rivulet.elements.MediaType kind) {
          noteMediaOut(kind);
        }

        @Override
        public void mediaState(String state) {
          WebRtcEndpoint.this.mediaState(state);
        }

        @Override
        public long downstreamVideoEstimate() {
          return WebRtcEndpoint.this.downstreamVideoEstimate();
        }

        @Override
        public void iceState(java.util.List<Struct> pairs, java.util.List<Struct> connections,
            java.util.List<Struct> dtls) {
          updateProperty("ICECandidatePairs", pairs);
          updateProperty("IceConnectionState", connections);
          updateProperty("DtlsConnectionState", dtls);
        }
      });
    }
    return session;
  }

  private Object processOffer(String offer) {
    java.util.concurrent.CompletionStage<String> answer = session().processOffer(offer);
    return answer.thenApply(sdp -> {
      setRemoteDescription(offer);
      setLocalDescription(sdp);
      flushPendingCandidates();
      return sdp;
    });
  }

  private Object generateOffer(Struct options) {
    boolean audio = options == null || !Boolean.FALSE.equals(options.get("offerToReceiveAudio"));
    boolean video = options == null || !Boolean.FALSE.equals(options.get("offerToReceiveVideo"));
    return session().generateOffer(audio, video).thenApply(sdp -> {
      setLocalDescription(sdp);
      return sdp;
    });
  }

  private Object processAnswer(String answer) {
    String local = session().processAnswer(answer);
    setRemoteDescription(answer);
    flushPendingCandidates();
    return local;
  }

  private void flushPendingCandidates() {
    for (Struct c : pendingCandidates) {
      session.addRemoteCandidate(c.string("candidate"));
    }
    pendingCandidates.clear();
  }

  @Override
  protected void receiveRtp(org.rivulet.elements.MediaType type,
      org.rivulet.elements.RtpFormat format, io.netty.buffer.ByteBuf rtp) {
    // A recvonly endpoint negotiated no sending m-line: RtpSession drops and counts it.
    if (session == null) {
      rtp.release();
    } else {
      session.send(type, format, rtp); // noted as flowing out once made (mediaSent)
    }
  }

  @Override
  protected void onKeyframeRequest(org.rivulet.elements.MediaType type) {
    // This endpoint is a source: it asks its remote peer, not the graph.
    if (session != null && type == org.rivulet.elements.MediaType.VIDEO) {
      session.requestKeyframe();
    }
  }

  /**
   * What this endpoint's peer can take of the video it sends: the peer's REMB, between
   * minVideoSendBandwidth and maxVideoSendBandwidth (kbps; max 0 = none), Kurento's limits; without
   * a REMB, the maximum. Lowered further by this endpoint's own sinks, if any.
   */
  @Override
  protected long videoSendEstimate() {
    long own = Long.MAX_VALUE;
    WebRtcTransport transport = session == null ? null : session.transport();
    if (!recvonly && transport != null && transport.rtpSession() != null) {
      long min = 1000L * (Integer) getProperty("minVideoSendBandwidth");
      long max = 1000L * (Integer) getProperty("maxVideoSendBandwidth");
      long peer = transport.rtpSession().peerVideoEstimate();
      long upper = max > 0 ? Math.max(min, max) : Long.MAX_VALUE;
      own = peer < 0 ? upper : Math.min(upper, Math.max(min, peer));
    }
    return Math.min(own, downstreamVideoEstimate());
  }

  @Override
  protected java.util.Map<String, Struct> stats(org.rivulet.elements.MediaType type) {
    WebRtcTransport transport = session == null ? null : session.transport();
    org.rivulet.elements.webrtc.RtpSession rtp = transport == null ? null
        : transport.rtpSession();
    return rtpStats(type, rtp == null ? List.of() : List.of(rtp),
        transport == null ? null : transport.transportStats());
  }

  @Override
  protected void onRelease() {
    super.onRelease();
    if (session != null) {
      session.close();
    }
  }
}
