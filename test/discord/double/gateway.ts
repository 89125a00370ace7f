import { EventEmitter } from 'node:events';
import type { IncomingMessage, Server } from 'node:http';
import { GatewayCloseCodes, GatewayOpcodes } from 'discord.js';
import { type WebSocket, WebSocketServer } from 'ws';
import { sessionId } from './ids.ts';
import type { World } from './world.ts';

/**
 * The gateway: a WebSocket on the same port as REST, JSON encoding, no compression. It speaks the
 * handshake discord.js expects — HELLO on connect; IDENTIFY → READY then GUILD_CREATE for each guild
 * in READY; RESUME → missed events replayed, then RESUMED; heartbeat → ACK — and keeps the session's
 * events so that a resumed client gets what it missed. Faults: drop the socket with a close code,
 * RECONNECT (op 7), INVALID SESSION (op 9, resumable or not).
 */

export interface GatewayEvent {
  /** What happened: a connection, an opcode received, a close, a fault injected. */
  kind: 'connect' | 'identify' | 'resume' | 'resume-refused' | 'heartbeat' | 'close' | 'drop' | 'reconnect' | 'invalid-session' | 'other-op';
  at: number;
  /** Query of the connection URL (connect), close code (close, drop), op (other-op), resumable (invalid-session). */
  detail?: unknown;
}

interface Dispatch {
  op: 0;
  t: string;
  s: number;
  d: unknown;
}

interface Session {
  id: string;
  seq: number;
  /** Every dispatch of the session, for replay on resume. */
  history: Dispatch[];
  /** The socket the session currently talks on, when one is attached and identified/resumed. */
  socket: WebSocket | null;
  valid: boolean;
}

export interface GatewayOptions {
  token: string;
  heartbeatIntervalMs: number;
}

export class Gateway extends EventEmitter {
  readonly #wss: WebSocketServer;
  readonly #world: World;
  readonly #options: GatewayOptions;
  #url = '';
  #session: Session | undefined;
  readonly events: GatewayEvent[] = [];
  /** Intents the client identified with (the last IDENTIFY). */
  intents: number | undefined;

  constructor(server: Server, world: World, options: GatewayOptions) {
    super();
    this.setMaxListeners(0);
    this.#world = world;
    this.#options = options;
    this.#wss = new WebSocketServer({ server });
    this.#wss.on('connection', (ws, req) => this.#connect(ws, req));
  }

  set url(url: string) {
    this.#url = url;
  }

  get sessionId(): string | undefined {
    return this.#session?.id;
  }

  /** True while a client is identified or resumed on an open socket. */
  get connected(): boolean {
    return Boolean(this.#session?.socket);
  }

  #record(kind: GatewayEvent['kind'], detail?: unknown): void {
    this.events.push({ kind, at: Date.now(), ...(detail === undefined ? {} : { detail }) });
    this.emit('event', kind);
  }

  #connect(ws: WebSocket, req: IncomingMessage): void {
    const query = Object.fromEntries(new URL(req.url ?? '/', 'ws://x').searchParams);
    this.#record('connect', query);
    if (query.encoding !== 'json' || query.v !== '10') {
      ws.close(GatewayCloseCodes.InvalidAPIVersion, 'the double speaks v10 JSON only');
      return;
    }
    ws.on('message', (raw) => this.#receive(ws, raw.toString()));
    ws.on('close', (code) => {
      this.#record('close', code);
      if (this.#session?.socket === ws) this.#session.socket = null;
    });
    send(ws, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.#options.heartbeatIntervalMs } });
  }

  #receive(ws: WebSocket, raw: string): void {
    let payload: { op: number; d: Record<string, unknown> | null };
    try {
      payload = JSON.parse(raw);
    } catch {
      ws.close(GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
      return;
    }
    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        this.#record('heartbeat', payload.d);
        send(ws, { op: GatewayOpcodes.HeartbeatAck, d: null });
        return;
      case GatewayOpcodes.Identify:
        this.#identify(ws, payload.d ?? {});
        return;
      case GatewayOpcodes.Resume:
        this.#resume(ws, payload.d ?? {});
        return;
      default:
        this.#record('other-op', payload.op);
    }
  }

  #identify(ws: WebSocket, d: Record<string, unknown>): void {
    this.#record('identify');
    if (d.token !== this.#options.token) {
      ws.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
      return;
    }
    this.intents = d.intents as number;
    if (this.#session?.socket && this.#session.socket !== ws) this.#session.socket.close(GatewayCloseCodes.SessionTimedOut);
    this.#session = { id: sessionId(), seq: 0, history: [], socket: ws, valid: true };
    this.dispatch('READY', this.#world.ready(this.#session.id, this.#url));
    this.dispatch('GUILD_CREATE', this.#world.guildCreate());
  }

  #resume(ws: WebSocket, d: Record<string, unknown>): void {
    const s = this.#session;
    const seq = d.seq as number | null;
    if (d.token !== this.#options.token || !s || !s.valid || d.session_id !== s.id || seq === null || seq > s.seq) {
      this.#record('resume-refused');
      send(ws, { op: GatewayOpcodes.InvalidSession, d: false });
      return;
    }
    this.#record('resume', { seq });
    s.socket = ws;
    for (const event of s.history) if (event.s > seq) send(ws, event);
    this.dispatch('RESUMED', {});
  }

  /** Sends a dispatch event now, or keeps it for the client's resume when it is disconnected. */
  dispatch(t: string, d: unknown): number {
    const s = this.#session;
    if (!s) throw new Error(`gateway: no session to dispatch ${t} on (the client has not identified)`);
    const event: Dispatch = { op: 0, t, s: ++s.seq, d };
    s.history.push(event);
    if (s.socket) send(s.socket, event);
    return event.s;
  }

  /** Closes the socket with a close code; 4000 (unknown error) is one a client resumes after. */
  drop(code: number = GatewayCloseCodes.UnknownError): void {
    const socket = this.#live();
    this.#record('drop', code);
    this.#session!.socket = null;
    socket.close(code, 'dropped by the double');
  }

  /** op 7: the client should reconnect and resume. */
  reconnect(): void {
    const socket = this.#live();
    this.#record('reconnect');
    this.#session!.socket = null;
    send(socket, { op: GatewayOpcodes.Reconnect, d: null });
  }

  /** op 9: with `resumable` the client may resume; without, the session is gone and it must identify. */
  invalidSession(resumable: boolean): void {
    const socket = this.#live();
    this.#record('invalid-session', resumable);
    if (!resumable) this.#session!.valid = false;
    this.#session!.socket = null;
    send(socket, { op: GatewayOpcodes.InvalidSession, d: resumable });
  }

  #live(): WebSocket {
    const socket = this.#session?.socket;
    if (!socket) throw new Error('gateway: no client connected');
    return socket;
  }

  /** Resolves once a client is identified or resumed on an open socket. */
  async whenConnected(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.connected) {
      if (Date.now() > deadline) throw new Error('gateway: the client did not come back');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  close(): Promise<void> {
    for (const ws of this.#wss.clients) ws.terminate();
    return new Promise((resolve) => this.#wss.close(() => resolve()));
  }
}

function send(ws: WebSocket, payload: unknown): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(payload));
}
