package org.rivulet.rpc.ws;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import org.rivulet.rpc.session.RpcConnection;

/** A WebSocket channel as an {@link RpcConnection}: one TEXT frame per message. */
final class ChannelConnection implements RpcConnection {
  private final Channel channel;

  ChannelConnection(Channel channel) {
    this.channel = channel;
  }

  @Override
  public void send(String json) {
    if (channel.isActive()) {
      // writeAndFlush is safe from any thread; Netty runs it on the channel's loop.
      channel.writeAndFlush(new TextWebSocketFrame(json));
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
