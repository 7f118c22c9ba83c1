package org.rivulet.elements.endpoint;

import org.rivulet.elements.Args;
import org.rivulet.elements.ElementContext;
import org.rivulet.elements.MediaPipeline;

/** Kurento's HttpPostEndpoint: receives media uploaded with HTTP POST. */
public class HttpPostEndpoint extends HttpEndpoint {
  private final int disconnectionTimeout;
  private final boolean useEncodedMedia;

  public HttpPostEndpoint(ElementContext context, MediaPipeline pipeline, Args params) {
    super(context, "HttpPostEndpoint", pipeline);
    this.disconnectionTimeout = params.integer("disconnectionTimeout", 2);
    this.useEncodedMedia = params.bool("useEncodedMedia", false);
    register();
  }

  public int disconnectionTimeout() {
    return disconnectionTimeout;
  }

  public boolean useEncodedMedia() {
    return useEncodedMedia;
  }
}
