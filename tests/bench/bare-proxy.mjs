// The floor for any Node gateway here: node:http in, an undici Pool out, the JSON body parsed
// and the model rewritten, the response piped back. Usage: node bare-proxy.mjs <port> <upstream>
import { createServer } from 'node:http';
import { Pool } from 'undici';

const upstream = process.argv[3];
const pool = new Pool(upstream, { connections: 64 });
const server = createServer(async (req, res) => {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const body = JSON.parse(Buffer.concat(chunks).toString());
  body.model = body.model.slice(body.model.indexOf('/') + 1);
  try {
    const up = await pool.request({
      path: req.url,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    res.writeHead(up.statusCode, { 'content-type': up.headers['content-type'] });
    for await (const c of up.body) res.write(c);
    res.end();
  } catch {
    res.writeHead(502).end();
  }
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () =>
  process.stdout.write(`listening ${server.address().port}\n`),
);
