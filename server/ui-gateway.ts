// The Temporal Web UI on udmeld's side of the browser's same-origin rule. The UI asks its codec
// server to decode payloads from the page's own origin, without credentials when the codec is on
// another origin (the dev server has no setting for that), so udmeld's session cookie never went
// along and the secretariat saw ciphertext. Behind this gateway the UI and the codec share one
// origin: `/codec/…` goes to udmeld's API (which checks the session as always), everything else to
// the UI. Only `npm start` runs it; a production UI is configured with `codec.includeCredentials`.
import http from 'node:http';

export interface UiGateway {
  url: string;
  close(): Promise<void>;
}

export async function startUiGateway(opts: { host: string; port: number; ui: string; udmeld: string }): Promise<UiGateway> {
  const server = http.createServer((req, res) => {
    const target = new URL(req.url ?? '/', (req.url ?? '').startsWith('/codec/') ? opts.udmeld : opts.ui);
    const upstream = http.request(target, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Temporal Web UI eller udmeld svarer ikke');
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, resolve);
  });
  return {
    url: `http://localhost:${opts.port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
