package org.rivulet.elements.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.channel.DefaultEventLoopGroup;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.rivulet.elements.Args;
import org.rivulet.elements.ElementContext;
import org.rivulet.elements.EventSink;
import org.rivulet.elements.MediaObjectRegistry;
import org.rivulet.elements.MediaPipeline;
import org.rivulet.elements.config.ModuleConfig;

class WebRtcEndpointTest {
  private final DefaultEventLoopGroup loops = new DefaultEventLoopGroup(1);

  @AfterEach
  void tearDown() throws Exception {
    loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
  }

  private WebRtcEndpoint create(Args args) throws Exception {
    ElementContext context = new ElementContext(new MediaObjectRegistry(), EventSink.NONE,
        ModuleConfig.empty(), loops, Runnable::run);
    MediaPipeline pipeline = new MediaPipeline(context);
    return pipeline.loop().submit(() -> new WebRtcEndpoint(context, pipeline, args))
        .get(5, TimeUnit.SECONDS);
  }

  @Test
  void theCertificateIsEcdsaUnlessRsaIsAskedFor() throws Exception {
    // Kurento's descriptor fills in "RSA" when the client sends nothing: that is a default.
    assertEquals("ECDSA", create(new Args(Map.of("certificateKeyType", "RSA"),
        Set.of("certificateKeyType"))).certificateKeyType());
    assertEquals("RSA", create(new Args(Map.of("certificateKeyType", "RSA"))).certificateKeyType());
    assertEquals("ECDSA", create(new Args(Map.of("certificateKeyType", "ECDSA")))
        .certificateKeyType());
  }
}
