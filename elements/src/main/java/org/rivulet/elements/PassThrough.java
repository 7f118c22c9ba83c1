package org.rivulet.elements;

/** Kurento's PassThrough: forwards what it receives, unchanged. */
public class PassThrough extends MediaElement {
  public PassThrough(ElementContext context, MediaPipeline pipeline) {
    super(context, "PassThrough", pipeline);
    register();
  }

  @Override
  protected void receiveRtp(MediaType type, RtpFormat format, io.netty.buffer.ByteBuf rtp) {
    emitRtp(type, format, rtp);
  }
}
