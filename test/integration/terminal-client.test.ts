import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliProcess } from '../helpers/cli-process.ts';
import { connectTcpPeer, connectWsPeer, joinAs } from '../helpers/raw-clients.ts';
import { dropConnections } from '../helpers/reconnect.ts';
import { startTestServer, type TestServer } from '../helpers/server.ts';

const play = (...args: string[]): CliProcess => new CliProcess(args);

let server: TestServer;
const children: CliProcess[] = [];
// dist/ is built once for the whole suite by test/global-setup.ts; rebuilding it here could
// rewrite dist/parlor.js while another test file is starting the CLI.
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const cli of children) if (cli.exitCode === undefined) cli.child.kill('SIGKILL');
  await server.close();
});

const playOn = (nick: string | undefined, ...extra: string[]): CliProcess => {
  const nickArgs = nick === undefined ? [] : ['--nick', nick];
  const cli = play('--host', '127.0.0.1', '--port', String(server.tcpPort), ...nickArgs, ...extra);
  children.push(cli);
  return cli;
};

describe('parlor play', () => {
  it('sends typed lines as requests and shows what others say, then quits with /quit', async () => {
    const bob = await joinAs(await connectTcpPeer(server.tcpPort), 'bob');
    const dave = await joinAs(await connectWsPeer(server.wsUrl), 'dave');
    const cli = playOn('carol');
    expect(await cli.line('Welcome')).toContain('Welcome, carol!');
    await bob.nextMessage('room.member_joined', (m) => m.data.nick === 'carol');

    cli.type('hello there');
    const said = await bob.nextMessage('chat.message', (m) => m.data.from === 'carol');
    expect(said.data).toMatchObject({ room: 'lobby', text: 'hello there' });

    cli.type('/msg bob hi');
    const told = await bob.nextMessage('chat.private');
    expect(told.data).toMatchObject({ from: 'carol', to: 'bob', text: 'hi' });
    expect(await cli.line('[private to')).toBe('[private to bob] hi');
    dave.json({ type: 'chat.say', id: 'sync', data: { text: 'sync point' } });
    await dave.nextMessage('chat.message', (m) => m.re === 'sync');
    expect(dave.received.some((t) => t.includes('chat.private'))).toBe(false);
    expect(await cli.line('sync point')).toBe('<dave> sync point');

    bob.json({ type: 'chat.tell', data: { to: 'carol', text: 'psst' } });
    expect(await cli.line('psst')).toBe('[private] bob: psst');

    cli.type('/join games');
    expect(await cli.line('You joined')).toBe('* You joined #games (1 here: carol)');
    bob.json({ type: 'user.list', id: 'who', data: { room: 'games' } });
    const members = await bob.nextMessage('user.listing', (m) => m.re === 'who');
    expect(members.data.users.map((u) => u.nick)).toEqual(['carol']);
    bob.json({ type: 'chat.say', data: { text: 'still in the lobby' } });
    expect(await cli.line('still in the lobby')).toBe('[#lobby] <bob> still in the lobby');

    cli.type('/quit see you');
    expect(await cli.exited()).toBe(0);
    expect(cli.stdout).toContain('* Bye: You quit: see you');
    const left = await bob.nextMessage('room.member_left', (m) => m.data.nick === 'carol');
    expect(left.data.reason).toBe('quit');
    // Output is piped, not a terminal: no colours, no prompts.
    expect(cli.stdout).not.toContain('\u001b[');
    expect(cli.stdout).not.toMatch(/#(lobby|games)> /);
    bob.end();
    dave.end();
  });

  it('handles help, unknown commands and /nick locally as text mode does', async () => {
    const cli = playOn(undefined);
    expect(await cli.line('Connected')).toContain('Choose a nickname with /nick NAME');
    cli.type('/help');
    await cli.line('Commands:');
    expect(await cli.line('/msg NAME TEXT')).toContain('private message');
    cli.type('/frobnicate');
    expect(await cli.line('TEXT_UNKNOWN_COMMAND')).toBe(
      '! TEXT_UNKNOWN_COMMAND: Unknown command /frobnicate. Type /help for the list.',
    );
    cli.type('/pseudo');
    await cli.line('Choose a nickname (2 to 12');
    cli.type('hank');
    expect(await cli.line('Welcome')).toContain('Welcome, hank!');
    cli.type('/nick x');
    expect(await cli.line('NICK_INVALID')).toMatch(/^! NICK_INVALID: /);
    cli.child.stdin.end();
    expect(await cli.exited()).toBe(0);
  });

  it('quits cleanly at the end of its input', async () => {
    const ivan = await joinAs(await connectTcpPeer(server.tcpPort), 'ivan');
    const cli = playOn('judy');
    await ivan.nextMessage('room.member_joined', (m) => m.data.nick === 'judy');
    cli.type('last words');
    cli.child.stdin.end();
    expect(await cli.exited()).toBe(0);
    await ivan.nextMessage('chat.message', (m) => m.data.text === 'last words');
    const left = await ivan.nextMessage('room.member_left', (m) => m.data.nick === 'judy');
    expect(left.data.reason).toBe('quit');
    ivan.end();
  });

  it('quits cleanly on Ctrl-C (SIGINT)', async () => {
    const ken = await joinAs(await connectTcpPeer(server.tcpPort), 'ken');
    const cli = playOn('lena');
    await ken.nextMessage('room.member_joined', (m) => m.data.nick === 'lena');
    cli.child.kill('SIGINT');
    expect(await cli.exited()).toBe(0);
    const left = await ken.nextMessage('room.member_left', (m) => m.data.nick === 'lena');
    expect(left.data.reason).toBe('quit');
    ken.end();
  });

  it('connects over WebSocket when given --url', async () => {
    const mona = await joinAs(await connectTcpPeer(server.tcpPort), 'mona');
    const cli = play('--url', server.wsUrl, '--nick', 'nina');
    children.push(cli);
    expect(await cli.line('Connected')).toContain(`at ${server.wsUrl}`);
    cli.type('over websocket');
    const said = await mona.nextMessage('chat.message', (m) => m.data.from === 'nina');
    expect(said.data.text).toBe('over websocket');
    cli.type('/quit');
    expect(await cli.exited()).toBe(0);
    mona.end();
  });

  it('reconnects by itself when its connection drops, shows what it missed once, and says so', async () => {
    const witness = await joinAs(await connectTcpPeer(server.tcpPort), 'wit');
    const cli = playOn('olga');
    await cli.line('Welcome, olga!');
    await witness.nextMessage('room.member_joined', (m) => m.data.nick === 'olga');
    expect(dropConnections(server, 'olga')).toBe(1);
    witness.json({ type: 'chat.say', id: 'away', data: { text: 'while you were away' } });
    expect(await cli.line('Connection lost')).toMatch(
      /^\* Connection lost \(.+\)\. Reconnecting in \d+\.\d s… \(attempt 1\)$/,
    );
    expect(await cli.line('Reconnected')).toMatch(/^\* Reconnected \(\d+ missed messages? shown above\)\.$/);
    cli.type('still here');
    await witness.nextMessage('chat.message', (m) => m.data.from === 'olga' && m.data.text === 'still here');
    // Replayed or live, the message was shown exactly once; the user never seemed to leave.
    expect(cli.stdout.split('<wit> while you were away').length - 1).toBe(1);
    expect(witness.received.some((t) => t.includes('"nick":"olga","reason"'))).toBe(false);
    expect(cli.stdout).not.toContain('!reconnect');
    cli.type('/quit');
    expect(await cli.exited()).toBe(0);
    witness.end();
  });

  it('keeps trying while the server is down, refuses to send meanwhile, and quits on Ctrl-C with 0', async () => {
    const own = await startTestServer();
    const cli = play('--host', '127.0.0.1', '--port', String(own.tcpPort), '--nick', 'pia');
    children.push(cli);
    await cli.line('Welcome, pia!');
    await own.close();
    expect(await cli.line('Connection lost')).toMatch(
      /^\* Connection lost \(the server is shutting down; reconnect later\)\. Reconnecting in \d+\.\d s… \(attempt 1\)$/,
    );
    expect(await cli.line('The server is down')).toBe(
      '* The server is down (connection refused); still trying…',
    );
    expect(await cli.line('Reconnecting in')).toMatch(/^\* Reconnecting in \d+\.\d s… \(attempt 2\)$/);
    cli.type('anyone there?');
    expect(await cli.line('Not connected')).toBe('! Not connected (reconnecting…); not sent.');
    cli.child.kill('SIGINT');
    expect(await cli.exited()).toBe(0);
    expect(cli.stderr).toBe('');
  });

  it('starts a new session under the same nickname when the server comes back on its port', async () => {
    const own = await startTestServer();
    const port = own.tcpPort;
    const cli = play('--host', '127.0.0.1', '--port', String(port), '--nick', 'quinn');
    children.push(cli);
    await cli.line('Welcome, quinn!');
    await own.close();
    await cli.line('The server is down');
    const again = await startTestServer({ tcpPort: port });
    try {
      expect(await cli.line('could not be resumed')).toBe(
        '* Reconnected, but the session could not be resumed (no session has this resume token); starting a new one as quinn.',
      );
      await cli.line('Welcome, quinn!');
      const witness = await joinAs(await connectTcpPeer(port), 'rex');
      cli.type('hello again');
      await witness.nextMessage(
        'chat.message',
        (m) => m.data.from === 'quinn' && m.data.text === 'hello again',
      );
      cli.type('/quit');
      expect(await cli.exited()).toBe(0);
      witness.end();
    } finally {
      await again.close();
    }
  });

  it('prints one clear line and exits 1 when the server cannot be reached', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as net.AddressInfo;
    await new Promise((resolve) => probe.close(resolve));

    const cli = play('--host', '127.0.0.1', '--port', String(port), '--nick', 'pat');
    children.push(cli);
    expect(await cli.exited()).toBe(1);
    expect(cli.stderr).toBe(
      `parlor play: cannot reach the Parlor server at 127.0.0.1:${port} (connection refused). Is it running? Start one with: parlor serve\n`,
    );
    expect(cli.stderr).not.toMatch(/^\s+at /m);
    expect(cli.stdout).toBe('');
  });
});
