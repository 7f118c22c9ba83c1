package org.rivulet.elements;

import io.netty.buffer.ByteBuf;

/**
 * Kurento's HubPort: the element through which media enters and leaves a {@link Hub}. What its
 * source sends goes into the hub; what the hub routes to it goes out to its sinks; keyframe requests
 * from its sinks go to the hub, which asks the ports that feed this one.
 */
public class HubPort extends MediaElement {
  private final Hub hub;

  public HubPort(ElementContext context, Hub hub) {
    super(context, "HubPort", hub.getMediaPipeline());
    this.hub = hub;
    register();
    hub.addPort(this);
  }

  public Hub hub() {
    return hub;
  }

  @Override
  protected void receiveRtp(MediaType type, RtpFormat format, ByteBuf rtp) {
    hub.route(this, type, format, rtp);
  }

  /** Media the hub routes out of this port. Takes ownership. */
  void emitFromHub(MediaType type, RtpFormat format, ByteBuf rtp) {
    emitRtp(type, format, rtp);
  }

  @Override
  protected void onKeyframeRequest(MediaType type) {
    hub.keyframeRequested(this, type);
  }

  /** Video entering this port goes wherever the hub routes it: their estimates bound it. */
  @Override
  protected long videoSendEstimate() {
    return hub.videoEstimateFrom(this);
  }

  /** What the receivers of the media leaving this port can take. */
  long estimateOut() {
    return downstreamVideoEstimate();
  }

  /** The hub asks whatever feeds this port for a keyframe. */
  void requestKeyframeFromSource(MediaType type) {
    requestKeyframeUpstream(type);
  }

  @Override
  protected void onRelease() {
    super.onRelease();
    hub.removePort(this);
  }
}
