// Child-process entry: a bare Express 5 server answering every GET with the body in BODY_FILE (as
// JSON), the baseline the catalog benchmark measures the gateway against in the same run.
import express from 'express';
import { readFileSync } from 'node:fs';

const body = readFileSync(process.env.BODY_FILE as string);
const app = express();
app.get('/{*path}', (_request, response) => {
  response.type('application/json').send(body);
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address() as { port: number };
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${address.port}` })}\n`);
});
