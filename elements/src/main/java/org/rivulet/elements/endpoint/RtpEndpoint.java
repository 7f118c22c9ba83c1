package org.rivulet.elements.endpoint;

import org.rivulet.elements.Args;
import org.rivulet.elements.ElementContext;
import org.rivulet.elements.MediaPipeline;
import org.rivulet.elements.Struct;

/** Kurento's RtpEndpoint: plain RTP, or SRTP with SDES keys when {@code crypto} is given. */
public class RtpEndpoint extends BaseRtpEndpoint {
  private final Struct crypto;
  private final boolean useIpv6;

  public RtpEndpoint(ElementContext context, MediaPipeline pipeline, Args params) {
    super(context, "RtpEndpoint", pipeline);
    this.crypto = params.struct("crypto");
    this.useIpv6 = params.bool("useIpv6", false);
    register();
  }

  /** The SDES parameters, or null for plain RTP. */
  public Struct crypto() {
    return crypto;
  }

  public boolean useIpv6() {
    return useIpv6;
  }
}
