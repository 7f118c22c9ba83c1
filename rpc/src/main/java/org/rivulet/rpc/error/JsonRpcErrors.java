package org.rivulet.rpc.error;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.rivulet.elements.error.KurentoError;
import org.rivulet.elements.error.KurentoException;

/**
 * The one place that writes JSON-RPC error responses:
 * {@code {"jsonrpc":"2.0","id":…,"error":{"code":…,"message":…,"data":{"type":…}}}}. Plain JSON-RPC
 * errors that KMS sends without {@code data} (-32601, -32603, -32000) get none here either.
 */
public final class JsonRpcErrors {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private JsonRpcErrors() {
  }

  public static ObjectNode response(JsonNode id, KurentoException e) {
    return response(id, e.error(), e.getMessage());
  }

  public static ObjectNode response(JsonNode id, KurentoError error, String message) {
    ObjectNode body = JSON.objectNode();
    body.put("code", error.code());
    body.put("message", message);
    if (error.type() != null) {
      body.putObject("data").put("type", error.type());
    }
    ObjectNode response = JSON.objectNode();
    response.put("jsonrpc", "2.0");
    response.set("id", id == null ? NullNode.getInstance() : id);
    response.set("error", body);
    return response;
  }
}
