package org.rivulet.elements.endpoint;

import org.rivulet.elements.Args;
import org.rivulet.elements.ElementContext;
import org.rivulet.elements.MediaPipeline;
import org.rivulet.elements.error.KurentoError;
import org.rivulet.elements.error.KurentoException;

/** Kurento's PlayerEndpoint: plays a file or stream from its URI into the pipeline. */
public class PlayerEndpoint extends UriEndpoint {
  private final boolean useEncodedMedia;
  private final int networkCache;

  public PlayerEndpoint(ElementContext context, MediaPipeline pipeline, Args params) {
    super(context, "PlayerEndpoint", pipeline, params.string("uri"));
    this.useEncodedMedia = params.bool("useEncodedMedia", false);
    this.networkCache = params.integer("networkCache", 2000);
    defineProperty("position", 0L);
    register();
  }

  @Override
  public Object getProperty(String property) {
    if (property.equals("elementGstreamerDot")) {
      return org.rivulet.elements.PipelineDot.render(getMediaPipeline());
    }
    return super.getProperty(property);
  }

  @Override
  protected void checkProperty(String property, Object value) {
    if (property.equals("position")) {
      // Kurento answers a seek on a player that is not playing with PLAYER_SEEK_FAIL.
      throw new KurentoException(KurentoError.PLAYER_SEEK_FAIL,
          "Seek failed: the player is not playing");
    }
    super.checkProperty(property, value);
  }

  public boolean useEncodedMedia() {
    return useEncodedMedia;
  }

  public int networkCache() {
    return networkCache;
  }
}
