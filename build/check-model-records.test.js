// Tests of build/check-model-records.js on small files in a temporary directory (node --test).
'use strict';
const test = require('node:test');
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const crypto = require('crypto');
const { check } = require('./check-model-records.js');

const sha = s => crypto.createHash('sha256').update(s).digest('hex');

function fixture(edit) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'model-records-'));
  fs.writeFileSync(path.join(dir, 'a.onnx'), 'model a');
  fs.writeFileSync(path.join(dir, 'b.onnx'), 'model b');
  const m = {
    sets: [{ id: 'legacy', description: 'old', licence: 'MIT; unknown', default: true },
      { id: 'clean', description: 'new', licence: 'CC0-1.0', default: false }],
    models: [
      { file: 'a.onnx', npm: 'pkg', version: '1.0.0', sha256: sha('model a'), set: 'both', role: 'detector',
        licence: 'MIT', note: 'upstream verified' },
      { file: 'b.onnx', converted_from: 'b.dat', sha256: sha('model b'), set: 'clean', role: 'embedding',
        licence: 'CC0-1.0', note: 'training data caveat' }]
  };
  if (edit) edit(m, dir);
  const manifest = path.join(dir, 'models.json');
  fs.writeFileSync(manifest, JSON.stringify(m));
  return check(manifest, dir);
}

test('complete records pass', () => {
  assert.deepStrictEqual(fixture(), []);
});

test('a shipped file without an entry fails', () => {
  const p = fixture((m, dir) => fs.writeFileSync(path.join(dir, 'c.onnx'), 'model c'));
  assert.deepStrictEqual(p, ['c.onnx is shipped but has no entry (licence record) in models.json']);
});

test('a sha256 that does not match fails', () => {
  const p = fixture((m, dir) => fs.writeFileSync(path.join(dir, 'b.onnx'), 'model b, changed'));
  assert.strictEqual(p.length, 1);
  assert.match(p[0], /^b\.onnx: sha256 [0-9a-f]{64} does not match models\.json/);
});

test('missing licence, note, set, role and an unknown set are each named', () => {
  const p = fixture(m => {
    delete m.models[0].licence;
    m.models[0].note = ' ';
    m.models[1].set = 'other';
    m.models[1].role = 'face';
  });
  assert.deepStrictEqual(p, [
    'a.onnx: "licence" must be an SPDX id or "unknown", not undefined',
    'a.onnx: no "note"',
    'b.onnx: "set" must be one of legacy|clean|both, not "other"',
    'b.onnx: "role" must be one of detector|landmarks|embedding|keypoints|source, not "face"']);
});

test('a licence sentence instead of an SPDX id fails; "unknown" passes', () => {
  assert.strictEqual(fixture(m => { m.models[0].licence = 'unclear (see package)'; }).length, 1);
  assert.deepStrictEqual(fixture(m => { m.models[0].licence = 'unknown'; }), []);
});

test('a recorded file the build did not produce fails', () => {
  const p = fixture((m, dir) => fs.unlinkSync(path.join(dir, 'a.onnx')));
  assert.strictEqual(p.length, 1);
  assert.match(p[0], /^a\.onnx is recorded but the build did not produce it/);
});

test('sets: none, two defaults, or a model naming a missing set fail', () => {
  assert.deepStrictEqual(fixture(m => { m.sets = []; m.models[1].set = 'both'; }), ['models.json has no "sets"']);
  assert.deepStrictEqual(fixture(m => { m.sets[1].default = true; }), ['exactly one set must be "default": true']);
  assert.deepStrictEqual(fixture(m => { m.sets.pop(); m.sets[0].default = true; }),
    ['b.onnx: set clean is not among "sets"']);
});

test('unreadable JSON is one clear problem', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'model-records-'));
  fs.writeFileSync(path.join(dir, 'models.json'), '{ not json');
  const p = check(path.join(dir, 'models.json'), dir);
  assert.strictEqual(p.length, 1);
  assert.match(p[0], /cannot be read as JSON/);
});

test('a build input (role source) passes when a converted entry names it, and fails when none does', () => {
  const source = { file: 'b.dat', npm: 'pkg-src', version: '0.0.0', sha256: sha('weights'), set: 'clean',
    role: 'source', licence: 'CC0-1.0', note: 'read by the converter, not shipped' };
  assert.deepStrictEqual(fixture((m, dir) => {
    fs.writeFileSync(path.join(dir, 'b.dat'), 'weights');
    m.models.push(source);
  }), []);
  assert.deepStrictEqual(fixture((m, dir) => {
    fs.writeFileSync(path.join(dir, 'c.dat'), 'weights');
    m.models.push({ ...source, file: 'c.dat' });
  }), ['c.dat: role "source" but no entry is "converted_from" it']);
});
