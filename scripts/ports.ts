import { createServer } from 'node:net';

/** A TCP port free on 127.0.0.1 right now: one the system picks, or one below `below`. */
export function freePort(options: { below?: number } = {}): Promise<number> {
  const wanted = options.below ? 20_000 + Math.floor(Math.random() * (options.below - 20_000)) : 0;
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (options.below && err.code === 'EADDRINUSE') resolve(freePort(options));
      else reject(err);
    });
    server.listen(wanted, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
