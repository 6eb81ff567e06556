/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload by design (node --require) */
// Preloaded (node --require) into a process and, through execArgv, its worker threads:
// any network use throws and is recorded, so a test can prove OCR needs none.
const fs = require('node:fs');
const log = process.env.NET_LOG;
if (log)
	fs.appendFileSync(
		log,
		'preload ' + (require('node:worker_threads').isMainThread ? 'main' : 'worker') + '\n'
	);
function refuse(what) {
	if (log) fs.appendFileSync(log, what + '\n');
	throw new Error('network blocked: ' + what);
}
globalThis.fetch = async (url) => refuse('fetch ' + url);
for (const mod of ['http', 'https']) {
	const m = require('node:' + mod);
	m.request = (u) => refuse(mod + ' ' + (u && u.href ? u.href : JSON.stringify(u)));
	m.get = m.request;
}
const net = require('node:net');
// Local IPC (unix sockets: tsx talks to its loader through one) is not network.
const isLocal = (o) =>
	typeof o === 'string' || (o && typeof o.path === 'string') || (Array.isArray(o) && isLocal(o[0]));
const origConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
	if (isLocal(args[0])) return origConnect.apply(this, args);
	refuse('socket ' + JSON.stringify(args[0]));
};
require('node:dns').lookup = (h) => refuse('dns ' + h);
