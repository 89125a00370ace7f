import { createServer, type Server } from 'node:http';

/**
 * A health endpoint for a service manager (Docker's HEALTHCHECK, a load balancer, a probe):
 * `GET /health` on 127.0.0.1:HEALTH_PORT answers 200 `{"status":"serving",…}` while the index serves
 * and Discord is connected, 503 with the status otherwise (starting, reconnecting, stopping).
 * It reads nothing from the request but its path, and says only counts.
 */
export interface Health {
  status: 'starting' | 'serving' | 'reconnecting' | 'stopping';
  articles?: number;
  sentences?: number;
}

export async function startHealthServer(port: number, health: () => Health, host = '127.0.0.1'): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const ok = req.method === 'GET' && (req.url === '/health' || req.url === '/');
    if (!ok) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      return;
    }
    let h: Health;
    try {
      h = health();
    } catch {
      h = { status: 'starting' };
    }
    res.writeHead(h.status === 'serving' ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(h));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  return {
    server,
    port: typeof address === 'object' && address ? address.port : port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
