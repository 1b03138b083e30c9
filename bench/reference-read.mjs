// The reference the dry run is compared with: read the file, decode UTF-8 and split it into lines,
// streaming, as cheaply as Node allows. Plain JS so no loader skews the comparison.
import { createReadStream } from 'node:fs';

const decoder = new TextDecoder('utf-8');
let lines = 0;
let rest = '';
for await (const chunk of createReadStream(process.argv[2], { highWaterMark: 1 << 16 })) {
  const text = rest + decoder.decode(chunk, { stream: true });
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
    lines++;
    start = i + 1;
  }
  rest = text.slice(start);
}
console.log(lines);
