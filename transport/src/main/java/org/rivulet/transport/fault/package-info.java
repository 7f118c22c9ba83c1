/**
 * Faults that Netty reports on media channels (failed reads and writes, handlers that threw):
 * counted, logged at a bounded rate and reported to the channels' owner.
 */
package org.rivulet.transport.fault;
