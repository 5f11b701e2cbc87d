// After `vite build`: checks the output obeys the page's CSP, writes a .gz and a .br beside
// every file, and writes dist/manifest.json, which the C++ side reads when embedding dist/.
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative, extname } from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);
const dist = new URL('../dist/', import.meta.url).pathname;

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

async function listFiles(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full)));
    else out.push(full);
  }
  return out;
}

function checkCsp(html) {
  const problems = [];
  if (/<script(?![^>]*\ssrc=)[^>]*>/i.test(html)) problems.push('an inline <script>');
  if (/<style[\s>]/i.test(html)) problems.push('an inline <style>');
  if (/\sstyle\s*=/i.test(html)) problems.push('a style="" attribute');
  if (/\son[a-z]+\s*=/i.test(html)) problems.push('an inline event handler');
  if (/(src|href)\s*=\s*["']?(https?:)?\/\//i.test(html))
    problems.push('a reference to another origin');
  if (problems.length > 0) {
    throw new Error(`dist/index.html breaks the console's CSP: it has ${problems.join(', ')}`);
  }
}

const files = (await listFiles(dist)).filter(
  (file) => !file.endsWith('.gz') && !file.endsWith('.br') && !file.endsWith('manifest.json'),
);

const manifest = [];
for (const file of files.sort()) {
  const name = relative(dist, file).split('\\').join('/');
  const type = CONTENT_TYPES[extname(file)];
  if (!type) throw new Error(`no content type known for ${name}`);
  if (name !== 'index.html' && !/^assets\/[^/]+\.[A-Za-z0-9_-]{8,}\.[a-z0-9]+$/.test(name)) {
    throw new Error(`${name} is not index.html or assets/<name>.<hash>.<ext>`);
  }
  const body = await readFile(file);
  if (name === 'index.html') checkCsp(body.toString('utf8'));
  const gz = await gzip(body, { level: 9 });
  const br = await brotli(body, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
    },
  });
  await writeFile(`${file}.gz`, gz);
  await writeFile(`${file}.br`, br);
  manifest.push({
    path: name === 'index.html' ? '/' : `/${name}`,
    file: name,
    content_type: type,
    cache_control: name === 'index.html' ? 'no-cache' : 'public, max-age=31536000, immutable',
    size: (await stat(file)).size,
    gzip: { file: `${name}.gz`, size: gz.length },
    br: { file: `${name}.br`, size: br.length },
  });
}

await writeFile(join(dist, 'manifest.json'), `${JSON.stringify({ files: manifest }, null, 2)}\n`);
console.log(`compressed ${manifest.length} files; wrote dist/manifest.json`);
