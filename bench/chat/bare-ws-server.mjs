// The baseline of `npm run bench:chat`: a bare `ws` broadcast server. Every message received is
// sent as it is to every connected client, the sender included. No parsing, no sessions, no
// flood control: the least a WebSocket chat server can do. Started by run.mjs with
// `node --expose-gc --import ./ipc-preload.mjs bare-ws-server.mjs HOST` (the preload reports the port).
import { WebSocket, WebSocketServer } from 'ws';

const host = process.argv[2] ?? '127.0.0.1';
const wss = new WebSocketServer({ host, port: 0, path: '/ws', perMessageDeflate: false });

wss.on('connection', (ws) => {
  ws.on('message', (data, isBinary) => {
    for (const client of wss.clients) {
      if (client.readyState === WebSocket.OPEN) client.send(data, { binary: isBinary });
    }
  });
  ws.on('error', () => {
    // 'close' follows; the client is dropped from wss.clients by ws itself.
  });
});
