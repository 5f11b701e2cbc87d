// Process startup helpers for the Node end-to-end suite: fake provider and keygate.
import { spawn } from 'node:child_process';
import { accessSync, constants, openSync, closeSync, readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

const E2E_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REPO_ROOT = resolve(E2E_DIR, '..', '..');
const STARTUP_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 15_000;

export const MESSAGES = [
  { role: 'system', content: 'You are very terse.' },
  { role: 'user', content: 'say a few words please' },
];
export const PROMPT_WORDS = 9; // whitespace-separated words across MESSAGES

/** The fake provider's deterministic answer of `tokens` tokens. */
export function expectedText(tokens) {
  return Array.from({ length: tokens }, (_, i) => `tok${i}`).join(' ');
}

export function buildDir() {
  return resolve(process.env.KEYGATE_BUILD_DIR || join(REPO_ROOT, 'build'));
}

function binary(name) {
  const path = join(buildDir(), name);
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(`${path} is missing or not executable (set KEYGATE_BUILD_DIR)`);
  }
  return path;
}

/** A loopback port that was free a moment ago and that nothing listens on. */
export async function closedPort() {
  const server = createServer();
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  await new Promise((ok) => server.close(ok));
  return port;
}

function logTail(path, limit = 4000) {
  try {
    return readFileSync(path, 'utf8').slice(-limit);
  } catch {
    return '<no log>';
  }
}

function readPort(portFile) {
  try {
    const text = readFileSync(portFile, 'utf8').trim();
    return /^\d+$/.test(text) && Number(text) > 0 ? Number(text) : null;
  } catch {
    return null;
  }
}

class Server {
  constructor(name, proc, port, logPath) {
    Object.assign(this, { name, proc, port, logPath });
    this.rootUrl = `http://127.0.0.1:${port}`;
  }

  logTail() {
    return logTail(this.logPath);
  }

  /** SIGTERM, wait for exit; resolves to the exit code (-9 if it had to be killed). */
  async stop() {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return this.proc.exitCode ?? -1;
    const exited = new Promise((ok) => this.proc.once('exit', (code) => ok(code ?? -1)));
    this.proc.kill('SIGTERM');
    const timer = sleep(STOP_TIMEOUT_MS, 'timeout', { ref: false });
    if ((await Promise.race([exited, timer])) === 'timeout') {
      this.proc.kill('SIGKILL');
      await exited;
      return -9;
    }
    return exited;
  }
}

async function start(name, args, workDir, env = {}) {
  const portFile = join(workDir, `${name}.port`);
  const logPath = join(workDir, `${name}.log`);
  const log = openSync(logPath, 'w');
  const proc = spawn(args[0], [...args.slice(1), '--port-file', portFile], {
    stdio: ['ignore', log, log],
    env: { ...process.env, ...env },
  });
  closeSync(log);
  let spawnError = null;
  proc.on('error', (err) => {
    spawnError = err;
  });
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (spawnError) throw new Error(`${name} could not start: ${spawnError}`);
    if (proc.exitCode !== null) {
      throw new Error(`${name} exited with ${proc.exitCode} at startup:\n${logTail(logPath)}`);
    }
    const port = readPort(portFile);
    if (port !== null) return new Server(name, proc, port, logPath);
    await sleep(50);
  }
  proc.kill('SIGKILL');
  throw new Error(`${name} wrote no port file within ${STARTUP_TIMEOUT_MS} ms:\n${logTail(logPath)}`);
}

async function waitHealthy(server) {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (server.proc.exitCode !== null) {
      throw new Error(`${server.name} exited with ${server.proc.exitCode}:\n${server.logTail()}`);
    }
    try {
      const resp = await fetch(`${server.rootUrl}/health`, { signal: AbortSignal.timeout(2000) });
      if (resp.status === 200) return;
      last = `status ${resp.status}`;
    } catch (err) {
      last = String(err);
    }
    await sleep(100);
  }
  throw new Error(`${server.name} /health not ready (${last}):\n${server.logTail()}`);
}

/** Starts the fake provider and keygate; `stop()` resolves to keygate's exit code. */
export async function startStack() {
  const workDir = mkdtempSync(join(tmpdir(), 'keygate-e2e-node-'));
  const fake = await start(
    'fake_provider',
    [binary('fake_provider'), '--host', '127.0.0.1', '--port', '0', '--threads', '1'],
    workDir,
  );
  const config = join(workDir, 'keygate.yaml');
  const template = readFileSync(join(E2E_DIR, 'keygate.e2e.yaml'), 'utf8');
  const unused = await closedPort();
  writeFileSync(
    config,
    template.replaceAll('@FAKE_PORT@', String(fake.port)).replaceAll('@CLOSED_PORT@', String(unused)),
  );
  let gateway;
  try {
    gateway = await start('keygate', [binary('keygate'), '--config', config, '--port', '0'], workDir, {
      KEYGATE_E2E_BAD_KEY: 'bad-key',
    });
    await waitHealthy(gateway);
  } catch (err) {
    await gateway?.stop();
    await fake.stop();
    throw err;
  }
  return {
    fake,
    gateway,
    baseURL: `${gateway.rootUrl}/v1`,
    async stop() {
      const code = await gateway.stop();
      await fake.stop();
      return { code, log: gateway.logTail() };
    },
  };
}
