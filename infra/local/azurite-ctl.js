// Starts Azurite in the background on loopback (data and log in .azurite/) or stops the instance started here.
// Usage: node azurite-ctl.js start|stop
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const dataDir = path.join(__dirname, '.azurite');
const pidFile = path.join(dataDir, 'azurite.pid');
const ports = [10000, 10001, 10002];

const answers = (port) => new Promise((resolve) => {
  const socket = net.connect({ host: '127.0.0.1', port }, () => { socket.end(); resolve(true); });
  socket.on('error', () => resolve(false));
});
const allAnswer = async () => (await Promise.all(ports.map(answers))).every(Boolean);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function start() {
  if (await allAnswer()) {
    console.log('Azurite already answers on 127.0.0.1:10000-10002');
    return;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const log = fs.openSync(path.join(dataDir, 'azurite.log'), 'a');
  const child = spawn(process.execPath, [
    path.join(__dirname, 'node_modules', 'azurite', 'dist', 'src', 'azurite.js'),
    '--silent', '--skipApiVersionCheck', '--loose', '--location', dataDir,
    '--blobHost', '127.0.0.1', '--queueHost', '127.0.0.1', '--tableHost', '127.0.0.1',
  ], { detached: true, stdio: ['ignore', log, log] });
  fs.writeFileSync(pidFile, String(child.pid));
  child.unref();
  for (let waited = 0; waited < 30000; waited += 200) {
    if (await allAnswer()) {
      console.log(`Azurite started (pid ${child.pid}); data in ${dataDir}`);
      return;
    }
    await sleep(200);
  }
  throw new Error(`Azurite did not answer within 30 s; see ${path.join(dataDir, 'azurite.log')}`);
}

async function stop() {
  if (!fs.existsSync(pidFile)) {
    console.log('No Azurite started from here is running');
    return;
  }
  const pid = Number(fs.readFileSync(pidFile, 'utf8'));
  try { process.kill(pid, 'SIGTERM'); } catch { /* already gone */ }
  for (let waited = 0; waited < 10000 && await answers(ports[0]); waited += 200) await sleep(200);
  fs.rmSync(pidFile, { force: true });
  console.log(`Azurite (pid ${pid}) stopped`);
}

const command = process.argv[2];
const run = { start, stop }[command];
if (!run) {
  console.error('Usage: node azurite-ctl.js start|stop');
  process.exit(2);
}
run().catch((error) => { console.error(error.message); process.exit(1); });
