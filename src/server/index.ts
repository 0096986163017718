/**
 * The server core: sessions over any transport, the one chokepoint every frame goes through
 * (mode, flood control, validation, gates), heartbeat, and the plug-in surface for areas.
 * Imports protocol, transport, textmode and config types; never an area such as chat.
 */
export { type Clock, systemClock } from './clock.ts';
export { type Handler, type Rejection, reject, type ServerContext, type SessionHooks } from './handlers.ts';
export type { Tally } from './metrics.ts';
export { OutgoingMessage } from './outbox.ts';
export { Peer, type PeerMode } from './peer.ts';
export { RateLimit, RateSpec } from './rate-limit.ts';
export { type ListeningAddresses, ParlorServer, type ServerOptions } from './server.ts';
export { Session, sendStream, sendToAll } from './session.ts';
export { StaticSite } from './static-site.ts';
