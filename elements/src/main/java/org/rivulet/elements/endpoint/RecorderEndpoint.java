package org.rivulet.elements.endpoint;

import org.rivulet.elements.Args;
import org.rivulet.elements.ElementContext;
import org.rivulet.elements.MediaPipeline;

/** Kurento's RecorderEndpoint: records what it receives into a file at its URI. */
public class RecorderEndpoint extends UriEndpoint {
  private final String mediaProfile;
  private final boolean stopOnEndOfStream;

  public RecorderEndpoint(ElementContext context, MediaPipeline pipeline, Args params) {
    super(context, "RecorderEndpoint", pipeline, params.string("uri"));
    this.mediaProfile = params.string("mediaProfile", "WEBM");
    this.stopOnEndOfStream = params.bool("stopOnEndOfStream", false);
    register();
  }

  public String mediaProfile() {
    return mediaProfile;
  }

  public boolean stopOnEndOfStream() {
    return stopOnEndOfStream;
  }
}
