package org.rivulet.transport.fault;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.Objects;

/**
 * The last handler of a media channel's pipeline: takes every {@code exceptionCaught} to the
 * owner's {@link ChannelFaults} instead of letting it reach the pipeline's tail, where Netty logs a
 * warning with a stack trace for each (a full direct memory fails every datagram read). The channel
 * stays open: a datagram socket that lost one read has lost one datagram. A buffer that could not be
 * had first frees what the loop's caches hold ({@link MemoryPressure}).
 */
@ChannelHandler.Sharable
public final class ChannelFaultHandler extends ChannelInboundHandlerAdapter {
  private final ChannelFaults faults;

  public ChannelFaultHandler(ChannelFaults faults) {
    this.faults = Objects.requireNonNull(faults, "faults");
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof OutOfMemoryError) {
      // Before counting: what the loop's caches hold is what the next read needs.
      MemoryPressure.relieve(ctx.channel().eventLoop());
    }
    faults.record(cause);
  }
}
