// Decodes DC-09 frames with the independent parser of npm iobroker.sia (MIT): reads {accounts, frames: [hex]} on
// stdin, writes one result per frame on stdout. Its tools.js needs axios and node-ssh, which parsing never uses.
'use strict';
const Module = require('module');
const load = Module._load;
Module._load = function (request, parent, isMain) {
    if (request === 'axios' || request === 'node-ssh') {
        return {};
    }
    return load.apply(this, arguments);
};
const { sia } = require(process.argv[2]);
const input = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const receiver = new sia({ timeout: 0, host: '127.0.0.1', port: 0 });
receiver.setAccounts(input.accounts);
const out = input.frames.map((hex) => {
    try {
        const m = receiver.parseSIA(Buffer.from(hex, 'hex'));
        let ack;
        try {
            ack = receiver.createACK(m).toString('hex');
        } catch (e) {
            ack = 'error: ' + e.message;
        }
        return { id: m.id, seq: m.seq, act: m.act, rpref: m.rpref, lpref: m.lpref, data: m.data_message,
            ext: m.data_extended, ts: m.ts, ack };
    } catch (e) {
        return { error: e.message };
    }
});
process.stdout.write(JSON.stringify(out));
process.exit(0);
