package org.rivulet.elements.endpoint;

import org.rivulet.elements.ElementContext;
import org.rivulet.elements.MediaElement;
import org.rivulet.elements.MediaPipeline;

/** Kurento's Endpoint: an element where media enters or leaves the server. */
public abstract class Endpoint extends MediaElement {
  protected Endpoint(ElementContext context, String type, MediaPipeline pipeline) {
    super(context, type, pipeline);
  }
}
