package org.rivulet.rpc.ws;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import org.rivulet.elements.error.KurentoError;
import org.rivulet.rpc.error.JsonRpcErrors;
import org.rivulet.rpc.jsonrpc.ClientState;
import org.rivulet.rpc.jsonrpc.JsonRpcDecoder;
import org.rivulet.rpc.jsonrpc.KurentoProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each complete WebSocket message (TEXT, or BINARY decoded as UTF-8 JSON) to the protocol.
 * A message over {@link #MAX_MESSAGE} bytes is answered with a JSON-RPC error without being parsed,
 * and the connection stays open; larger ones are refused by the frame decoder, which closes the
 * connection (1009). {@link SimpleChannelInboundHandler} releases each frame after reading.
 */
final class JsonRpcFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {
  private static final Logger log = LoggerFactory.getLogger(JsonRpcFrameHandler.class);
  /** The largest message the server parses (the Java client's own frame limit is 1,000,000). */
  static final int MAX_MESSAGE = 1 << 20;

  private final KurentoProtocol protocol;
  private final JsonRpcDecoder decoder;
  private ClientState client;

  JsonRpcFrameHandler(KurentoProtocol protocol, JsonRpcDecoder decoder) {
    this.protocol = protocol;
    this.decoder = decoder;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    client = new ClientState(new ChannelConnection(ctx.channel()));
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (!(frame instanceof TextWebSocketFrame) && !(frame instanceof BinaryWebSocketFrame)) {
      return;
    }
    int size = frame.content().readableBytes();
    if (size > MAX_MESSAGE) {
      send(JsonRpcErrors.response(null, KurentoError.INVALID_REQUEST,
          "Invalid JSON-RPC request: a message of " + size + " bytes exceeds the limit of "
              + MAX_MESSAGE + " bytes"));
      return;
    }
    byte[] bytes = ByteBufUtil.getBytes(frame.content());
    JsonRpcDecoder.Result result = decoder.decode(bytes);
    for (JsonNode value : result.values()) {
      protocol.onMessage(client, value);
    }
    if (result.error() != null) {
      send(JsonRpcErrors.response(null, KurentoError.PARSE_ERROR, result.error()));
    }
  }

  private void send(com.fasterxml.jackson.databind.node.ObjectNode response) {
    try {
      client.connection().send(decoder.mapper().writeValueAsString(response));
    } catch (Exception e) {
      log.warn("Cannot send an error response: {}", e.toString());
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof OutOfMemoryError) {
      // The server's resources, not the client's doing (RELIABILITY.md B12.139): worth a warning.
      log.warn("WebSocket connection {} failed: {}; closing it", ctx.channel().remoteAddress(),
          cause.toString());
    } else {
      log.debug("WebSocket connection {} failed: {}", ctx.channel().remoteAddress(),
          cause.toString());
    }
    ctx.close();
  }
}
