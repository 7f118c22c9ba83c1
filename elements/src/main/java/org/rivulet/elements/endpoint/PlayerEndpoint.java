package org.rivulet.elements.endpoint;

import org.rivulet.elements.Args;
import org.rivulet.elements.ElementContext;
import org.rivulet.elements.MediaPipeline;

/** Kurento's PlayerEndpoint: plays a file or stream from its URI into the pipeline. */
public class PlayerEndpoint extends UriEndpoint {
  private final boolean useEncodedMedia;
  private final int networkCache;

  public PlayerEndpoint(ElementContext context, MediaPipeline pipeline, Args params) {
    super(context, "PlayerEndpoint", pipeline, params.string("uri"));
    this.useEncodedMedia = params.bool("useEncodedMedia", false);
    this.networkCache = params.integer("networkCache", 2000);
    register();
  }

  public boolean useEncodedMedia() {
    return useEncodedMedia;
  }

  public int networkCache() {
    return networkCache;
  }
}
