import { connect, type Socket } from "node:net";
import { performance } from "node:perf_hooks";

/**
 * An open-loop load at a steady rate, for "p99 at N requests per second". Request i is due at
 * start + i / rate, whether or not earlier answers have come back, and its latency is counted from when it
 * was due, so a stalled server or a late generator shows in the figure instead of hiding in it (the
 * coordinated-omission correction of wrk2). autocannon's fixed rate does something else: every connection
 * sends its share of the second back to back at the top of each second, so "2,000/s over 64 connections" is
 * 64 requests at once, every second.
 *
 * Plain sockets and a minimal HTTP/1.1 reader keep the generator's own cost to a few microseconds a
 * request: it shares the machine with the server it measures. No pipelining: a request waits for an idle
 * keep-alive connection, and the wait counts.
 */

/** POSTs of `body()` to `url`. */
export interface PacedOptions {
  url: string;
  headers: Record<string, string>;
  body: () => string;
  rate: number;
  durationS: number;
  /** Most connections open at once; they are opened as the load needs them. */
  connections: number;
  /** How long to wait for the last answers once everything is sent. */
  drainMs?: number;
}

export interface PacedResult {
  sent: number;
  ok: number;
  /** Non-2xx answers, connection errors and requests still unanswered after the drain. */
  failed: number;
  /** Answers per second, over the time from the first request due to the last answer. */
  rps: number;
  p50: number;
  p99: number;
  max: number;
  /** The most connections that were open at once. */
  connectionsUsed: number;
}

interface Connection {
  socket: Socket;
  /** When the request in flight was due; undefined while idle. */
  due: number | undefined;
  pending: Buffer | undefined;
}

const HEADER_END = Buffer.from("\r\n\r\n");
const LAST_CHUNK = Buffer.from("0\r\n\r\n");

export function pacedLoad(options: PacedOptions): Promise<PacedResult> {
  const url = new URL(options.url);
  const port = Number(url.port || 80);
  const head =
    `POST ${url.pathname}${url.search} HTTP/1.1\r\nhost: ${url.host}\r\n` +
    Object.entries(options.headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join("");
  const total = Math.round(options.rate * options.durationS);
  const interval = 1000 / options.rate;
  const latencies = new Float64Array(total);

  return new Promise((resolve, reject) => {
    const idle: Connection[] = [];
    const open = new Set<Connection>();
    const waiting: number[] = [];
    let sent = 0;
    let answered = 0;
    let ok = 0;
    let failed = 0;
    let most = 0;
    let start = 0;
    let lastAnswer = 0;
    let drainTimer: NodeJS.Timeout | undefined;
    let done = false;

    const send = (conn: Connection, due: number) => {
      const body = options.body();
      conn.due = due;
      conn.socket.write(`${head}content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    };

    const settle = (conn: Connection, success: boolean) => {
      const due = conn.due;
      if (due === undefined) return;
      conn.due = undefined;
      lastAnswer = performance.now();
      latencies[answered++] = lastAnswer - due;
      if (success) ok++;
      else failed++;
      if (answered === total) finish();
    };

    const ready = (conn: Connection) => {
      const due = waiting.shift();
      if (due === undefined) idle.push(conn);
      else send(conn, due);
    };

    const drop = (conn: Connection) => {
      if (!open.delete(conn)) return;
      const at = idle.indexOf(conn);
      if (at >= 0) idle.splice(at, 1);
      conn.socket.destroy();
      settle(conn, false);
      if (!done && waiting.length > 0 && open.size < options.connections) openConnection(ready);
    };

    const read = (conn: Connection, chunk: Buffer) => {
      const data = conn.pending ? Buffer.concat([conn.pending, chunk]) : chunk;
      const end = data.indexOf(HEADER_END);
      if (end < 0) {
        conn.pending = data;
        return;
      }
      const headers = data.toString("latin1", 0, end);
      const length = /\r\ncontent-length: *(\d+)/i.exec(headers)?.[1];
      const complete =
        length !== undefined
          ? data.length >= end + HEADER_END.length + Number(length)
          : // Chunked: complete at the last, empty chunk (no pipelining, so nothing follows it).
            /\r\ntransfer-encoding: *chunked/i.test(headers) &&
            data.length >= end + HEADER_END.length + LAST_CHUNK.length &&
            data.subarray(-LAST_CHUNK.length).equals(LAST_CHUNK);
      if (!complete) {
        conn.pending = data;
        return;
      }
      conn.pending = undefined;
      const status = Number(headers.slice(9, 12));
      settle(conn, status >= 200 && status < 300);
      if (/\r\nconnection: *close/i.test(headers)) drop(conn);
      else ready(conn);
    };

    const openConnection = (then: (conn: Connection) => void) => {
      const conn: Connection = { socket: connect(port, url.hostname), due: undefined, pending: undefined };
      conn.socket.setNoDelay(true);
      open.add(conn);
      most = Math.max(most, open.size);
      conn.socket.once("connect", () => then(conn));
      conn.socket.on("data", (chunk) => read(conn, chunk));
      conn.socket.on("error", () => drop(conn));
      conn.socket.on("close", () => drop(conn));
    };

    const dispatch = (due: number) => {
      sent++;
      const conn = idle.shift();
      if (conn) return send(conn, due);
      waiting.push(due);
      if (open.size < options.connections) openConnection(ready);
    };

    const tick = () => {
      const now = performance.now();
      while (sent < total && start + sent * interval <= now) dispatch(start + sent * interval);
      if (sent < total) setTimeout(tick, start + sent * interval - performance.now());
      else drainTimer = setTimeout(finish, options.drainMs ?? 10_000);
    };

    function finish() {
      if (done) return;
      done = true;
      clearTimeout(drainTimer);
      for (const conn of [...open]) {
        conn.due = undefined;
        drop(conn);
      }
      failed += total - answered;
      const measured = latencies.subarray(0, answered).sort();
      const at = (q: number) => measured[Math.min(measured.length - 1, Math.ceil(q * measured.length) - 1)] ?? Number.NaN;
      resolve({
        sent,
        ok,
        failed,
        rps: answered ? (ok * 1000) / (lastAnswer - start) : 0,
        p50: at(0.5),
        p99: at(0.99),
        max: measured[measured.length - 1] ?? Number.NaN,
        connectionsUsed: most,
      });
    }

    // A few connections are open before the clock starts, as a phone's would be; more open only if needed.
    const warm = Math.min(options.connections, 4);
    let warmed = 0;
    for (let i = 0; i < warm; i++)
      openConnection((conn) => {
        idle.push(conn);
        if (++warmed === warm) {
          start = performance.now();
          tick();
        }
      });
    for (const conn of open)
      conn.socket.once("error", (error) => {
        if (start !== 0 || done) return;
        done = true;
        for (const other of open) other.socket.destroy();
        reject(error);
      });
  });
}
