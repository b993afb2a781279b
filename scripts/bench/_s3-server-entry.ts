// Child-process entry: the test S3-compatible server (s3rver) with one bucket, printing its gateway
// variables once listening, so a benchmark's bucket never shares a core's event loop with the load.
import { startTestS3Server } from '../../test/helpers/s3-server.js';

const server = await startTestS3Server('anonex-bench');
process.stdout.write(`${JSON.stringify({ url: server.endpoint, env: server.env('') })}\n`);
process.on('SIGTERM', () => void server.stop().then(() => process.exit(0)));
