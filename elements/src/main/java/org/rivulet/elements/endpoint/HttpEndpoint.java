package org.rivulet.elements.endpoint;

import org.rivulet.elements.ElementContext;
import org.rivulet.elements.MediaPipeline;

/** Kurento's HttpEndpoint: a session endpoint reached over HTTP. */
public abstract class HttpEndpoint extends SessionEndpoint {
  protected HttpEndpoint(ElementContext context, String type, MediaPipeline pipeline) {
    super(context, type, pipeline);
  }
}
