'use strict';

// Stand-in for reconnect-ws (a git-only package kurento-client 7.3.0 depends on): reconnect-core
// around websocket-stream. kurento-client calls reconnect(options, onConnection).connect(uri,
// socketOptions) and uses each connection stream as its JSON-RPC transport, writing one JSON
// string per message. objectMode keeps each write one TEXT frame; byte mode would send BINARY
// frames and could join several messages into one.
const websocket = require('websocket-stream');
const inject = require('reconnect-core');

module.exports = inject(function (uri, socketOptions) {
  // No subprotocols (Kurento uses none); socketOptions go to the ws client.
  return websocket(uri, [], Object.assign({}, socketOptions, { objectMode: true }));
});
