package org.rivulet.rpc.ws;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.rivulet.rpc.session.RpcConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A WebSocket channel as an {@link RpcConnection}: one TEXT frame per message. */
final class ChannelConnection implements RpcConnection {
  private static final Logger LOG = LoggerFactory.getLogger(ChannelConnection.class);

  /**
   * A message that could not be written (no direct memory to encode the frame into, RELIABILITY.md
   * B12.139) is a response or event the client would wait for in vain: the connection is closed
   * instead, which the client sees at once and answers by reconnecting to its session.
   */
  private static final ChannelFutureListener CLOSE_ON_FAILURE = f -> {
    if (!f.isSuccess() && f.channel().isActive()) {
      LOG.warn("WebSocket connection {}: a message could not be sent ({}); closing the connection",
          f.channel().remoteAddress(), f.cause().toString());
      f.channel().close();
    }
  };

  private final Channel channel;

  ChannelConnection(Channel channel) {
    this.channel = channel;
  }

  @Override
  public void send(String json) {
    if (channel.isActive()) {
      // writeAndFlush is safe from any thread; Netty runs it on the channel's loop.
      channel.writeAndFlush(new TextWebSocketFrame(json)).addListener(CLOSE_ON_FAILURE);
    }
  }

  @Override
  public boolean isOpen() {
    return channel.isActive();
  }

  @Override
  public String describe() {
    return String.valueOf(channel.remoteAddress());
  }
}
