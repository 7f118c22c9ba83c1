package org.rivulet.elements.endpoint;

import org.rivulet.elements.ElementContext;
import org.rivulet.elements.MediaPipeline;

/** Kurento's UriEndpoint: reads or writes media at a URI; starts in state STOP. */
public abstract class UriEndpoint extends Endpoint {
  protected UriEndpoint(ElementContext context, String type, MediaPipeline pipeline, String uri) {
    super(context, type, pipeline);
    defineProperty("uri", uri);
    defineProperty("state", "STOP");
  }

  public String uri() {
    return (String) property("uri");
  }
}
