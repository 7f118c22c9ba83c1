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

  public WebRtcEndpoint(ElementContext context, MediaPipeline pipeline, Args params) {
    super(context, "WebRtcEndpoint", pipeline);
    this.recvonly = params.bool("recvonly", false);
    this.sendonly = params.bool("sendonly", false);
    if (recvonly && sendonly) {
      throw new KurentoException(KurentoError.MEDIA_OBJECT_ILLEGAL_PARAM_ERROR,
          "'recvonly' and 'sendonly' cannot both be true");
    }
    this.useDataChannels = params.bool("useDataChannels", false);
    this.certificateKeyType = params.string("certificateKeyType", "RSA");
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

  /** Remote candidates received before the session could use them. */
  public List<Struct> pendingCandidates() {
    return List.copyOf(pendingCandidates);
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
      default:
        return super.invoke(operation, args);
    }
  }

  private void addIceCandidate(Struct candidate) {
    String text = candidate.string("candidate");
    if (text == null || text.isEmpty()) {
      // End of candidates (trickle ICE): nothing to do, as in Kurento.
      return;
    }
    if (pendingCandidates.size() >= MAX_PENDING_CANDIDATES) {
      throw new KurentoException(KurentoError.ICE_ADD_CANDIDATE_ERROR,
          "Error adding candidate: more than " + MAX_PENDING_CANDIDATES + " pending candidates");
    }
    pendingCandidates.add(candidate);
  }
}
