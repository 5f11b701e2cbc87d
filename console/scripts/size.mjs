// Prints what each built file weighs, and what the chat screen loads before any lazy chunk:
// index.html's script and its static imports.
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url).pathname;
const html = readFileSync(`${dist}index.html`, 'utf8');
const entries = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map(
  (m) => m[1],
);
const gz = (file) => gzipSync(readFileSync(`${dist}${file}`), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

let initialJs = 0;
for (const file of entries) if (file.endsWith('.js')) initialJs += gz(file);
console.log('initial (index.html):');
for (const file of entries) console.log(`  ${file}  ${kb(gz(file))} gzipped`);
console.log(`initial JavaScript: ${kb(initialJs)} gzipped (limit 200 KB)`);
console.log('lazy chunks:');
for (const file of readdirSync(`${dist}assets`)) {
  const name = `assets/${file}`;
  if (!file.endsWith('.js') || entries.includes(name)) continue;
  console.log(`  ${name}  ${kb(gz(name))} gzipped`);
}
if (initialJs > 200 * 1024) {
  console.error('the initial JavaScript is over 200 KB gzipped');
  process.exit(1);
}
