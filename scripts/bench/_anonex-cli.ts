// The anonex CLI run from source for the benchmarks, printing its peak RSS on stderr as it exits.
import { main } from '../../src/cli/index.js';

process.on('exit', () => process.stderr.write(`peak-rss-kib ${process.resourceUsage().maxRSS}\n`));
await main(process.argv);
