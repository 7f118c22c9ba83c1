package org.rivulet.elements.endpoint;

import org.rivulet.elements.Args;
import org.rivulet.elements.ElementContext;
import org.rivulet.elements.MediaPipeline;
import org.rivulet.elements.error.KurentoError;
import org.rivulet.elements.error.KurentoException;

/**
 * Kurento's SdpEndpoint: a session endpoint negotiated with SDP offer/answer. Keeps the local and
 * remote descriptions; the negotiation itself belongs to the concrete endpoints.
 */
public abstract class SdpEndpoint extends SessionEndpoint {
  private String localDescription;
  private String remoteDescription;

  protected SdpEndpoint(ElementContext context, String type, MediaPipeline pipeline) {
    super(context, type, pipeline);
    // Kilobits per second; 0 leaves the peer unconstrained (Kurento's defaults).
    defineProperty("maxAudioRecvBandwidth", 0);
    defineProperty("maxVideoRecvBandwidth", 0);
  }

  @Override
  protected void checkProperty(String property, Object value) {
    switch (property) {
      case "maxAudioRecvBandwidth", "maxVideoRecvBandwidth" ->
          requireRange(property, value, 0, Integer.MAX_VALUE);
      default -> super.checkProperty(property, value);
    }
  }

  @Override
  public Object invoke(String operation, Args args) {
    switch (operation) {
      case "getLocalSessionDescriptor":
        if (localDescription == null) {
          throw new KurentoException(KurentoError.SDP_END_POINT_NO_LOCAL_SDP_ERROR,
              "Local SDP not generated yet");
        }
        return localDescription;
      case "getRemoteSessionDescriptor":
        if (remoteDescription == null) {
          throw new KurentoException(KurentoError.SDP_END_POINT_NO_REMOTE_SDP_ERROR,
              "Remote SDP not received yet");
        }
        return remoteDescription;
      default:
        return super.invoke(operation, args);
    }
  }

  protected final void setLocalDescription(String sdp) {
    this.localDescription = sdp;
  }

  protected final void setRemoteDescription(String sdp) {
    this.remoteDescription = sdp;
  }
}
