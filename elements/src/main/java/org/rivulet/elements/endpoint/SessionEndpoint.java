package org.rivulet.elements.endpoint;

import org.rivulet.elements.ElementContext;
import org.rivulet.elements.MediaPipeline;

/** Kurento's SessionEndpoint: an endpoint with a media session towards a remote peer. */
public abstract class SessionEndpoint extends Endpoint {
  protected SessionEndpoint(ElementContext context, String type, MediaPipeline pipeline) {
    super(context, type, pipeline);
  }
}
