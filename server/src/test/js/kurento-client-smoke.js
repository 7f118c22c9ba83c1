'use strict';

// Acceptance test: the official JavaScript client (npm kurento-client 7.3.0) against Rivulet.
// Usage: node kurento-client-smoke.js ws://127.0.0.1:8888/kurento
// Exit code 0 only if every step passed; each step prints one progress line.

const kurento = require('kurento-client');

const STEP_TIMEOUT_MS = 15000;
const TOTAL_TIMEOUT_MS = 50000;

const url = process.argv[2];
if (!url) {
  console.error('usage: node kurento-client-smoke.js <ws-url>');
  process.exit(2);
}

function log(message) {
  console.log('[js-client] ' + message);
}

function fail(message) {
  console.error('[js-client] FAIL: ' + message);
  process.exit(1);
}

process.on('unhandledRejection', (reason) => fail('unhandled rejection: ' + describe(reason)));
process.on('uncaughtException', (error) => fail('uncaught exception: ' + describe(error)));
setTimeout(() => fail('not finished after ' + TOTAL_TIMEOUT_MS + ' ms'), TOTAL_TIMEOUT_MS).unref();

function describe(error) {
  if (error instanceof Error) {
    return (error.stack || error.message) + (error.code !== undefined ? ' (code ' + error.code + ')' : '');
  }
  return JSON.stringify(error);
}

/** Rejects if the promise does not settle in time, naming the step. */
function within(step, promise) {
  let timer;
  const timeout = new Promise((resolve, reject) => {
    timer = setTimeout(() => reject(new Error(step + ': no answer in ' + STEP_TIMEOUT_MS + ' ms')),
      STEP_TIMEOUT_MS);
  });
  return Promise.race([Promise.resolve(promise), timeout]).finally(() => clearTimeout(timer));
}

/** Resolves with the first event of this type on the object that matches. */
function nextEvent(object, type, matches) {
  return new Promise((resolve) => {
    object.on(type, function listener(event) {
      if (matches(event)) {
        object.removeListener(type, listener);
        resolve(event);
      }
    });
  });
}

/** Event fields that name objects are ids on the wire; accept a proxy too. */
function idOf(value) {
  return value && typeof value === 'object' ? value.id : value;
}

function connect() {
  // The callback form only runs after the client's own check (strict mode) that the server lists
  // the modules core, elements and filters; awaiting the client itself would not wait for it.
  return new Promise((resolve, reject) => {
    kurento(url, { failAfter: 1 }, (error, client) => (error ? reject(error) : resolve(client)));
  });
}

async function main() {
  log('connecting to ' + url);
  const client = await within('connect', connect());
  log('connected; the client accepted the server (modules core, elements, filters present)');

  const manager = await within('getServerManager', client.getServerManager());
  const info = await within('ServerManager.getInfo', manager.getInfo());
  const modules = info.modules.map((m) => m.name);
  log('ServerManager.getInfo: version ' + info.version + ', modules ' + modules.join(', '));
  for (const required of ['core', 'elements', 'filters']) {
    if (modules.indexOf(required) < 0) {
      throw new Error('getInfo does not list module ' + required);
    }
  }

  const created = [];
  manager.on('ObjectCreated', (event) => created.push(idOf(event.object)));
  // A round trip after subscribing, so the subscription is in place before anything is created.
  await within('ServerManager.getPipelines', manager.getPipelines());
  log('subscribed to ServerManager ObjectCreated');

  const pipeline = await within('create MediaPipeline', client.create('MediaPipeline'));
  log('created MediaPipeline ' + pipeline.id);
  const webRtc = await within('create WebRtcEndpoint', pipeline.create('WebRtcEndpoint'));
  log('created WebRtcEndpoint ' + webRtc.id);
  const passThrough = await within('create PassThrough', pipeline.create('PassThrough'));
  log('created PassThrough ' + passThrough.id);

  const name = await within('WebRtcEndpoint.getName', webRtc.getName());
  if (name !== webRtc.id) {
    throw new Error('getName returned ' + JSON.stringify(name) + '; the name defaults to the id');
  }
  log('WebRtcEndpoint.getName: ' + name + ' (defaults to the id)');

  const connected = nextEvent(webRtc, 'ElementConnected', (e) => idOf(e.sink) === passThrough.id);
  await within('WebRtcEndpoint.connect(PassThrough)', webRtc.connect(passThrough));
  log('connected WebRtcEndpoint -> PassThrough');
  const event = await within('ElementConnected event', connected);
  if (idOf(event.source) !== webRtc.id) {
    throw new Error('ElementConnected source is ' + JSON.stringify(event.source) + ', expected '
      + webRtc.id);
  }
  log('event ElementConnected: source ' + idOf(event.source) + ', sink ' + idOf(event.sink)
    + ', mediaType ' + event.mediaType);

  for (const object of [pipeline, webRtc, passThrough]) {
    if (created.indexOf(object.id) < 0) {
      throw new Error('no ObjectCreated event for ' + object.id + ' (got ' + JSON.stringify(created) + ')');
    }
  }
  log('event ObjectCreated received for the pipeline and both elements');

  await within('MediaPipeline.release', pipeline.release());
  log('released MediaPipeline');
  const pipelines = await within('ServerManager.getPipelines', manager.getPipelines());
  const remaining = pipelines.map((p) => p.id);
  if (remaining.indexOf(pipeline.id) >= 0) {
    throw new Error('the released pipeline is still listed: ' + JSON.stringify(remaining));
  }
  log('ServerManager.getPipelines no longer lists it');

  client.close();
  log('closed the client');
  log('PASS');
}

main().then(
  () => process.exit(0),
  (error) => fail(describe(error)));
