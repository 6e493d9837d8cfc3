#!/usr/bin/env node
// Checks the licence records of the model files a build ships: every file in DIR (except the manifest itself) has an
// entry in MANIFEST (models.json) with a set, a role, a licence and a note, the set exists, and the file's sha256
// equals the pinned one; every entry's file is in DIR. Role "source" is a build input that is not shipped (a file a
// converter reads): it is recorded like the others and some entry's "converted_from" must name it. Prints one line
// per problem and exits 1 when there is any.
//   node build/check-model-records.js MANIFEST DIR
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

const SETS = ['legacy', 'clean', 'both'];
const ROLES = ['detector', 'landmarks', 'embedding', 'keypoints', 'source'];
// an SPDX licence id (or an expression of ids joined by AND/OR/WITH), or "unknown"
const LICENCE = /^(unknown|[A-Za-z0-9][A-Za-z0-9.+-]*( (AND|OR|WITH) [A-Za-z0-9][A-Za-z0-9.+-]*)*)$/;
const SHA = /^[0-9a-f]{64}$/;

function sha256(file) {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

function text(v) {
  return typeof v === 'string' && v.trim().length > 0;
}

/** @return the problems found, one sentence each (empty when the records are complete and the files match) */
function check(manifestFile, dir) {
  const problems = [];
  let m;
  try {
    m = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  } catch (e) {
    return [`${manifestFile} cannot be read as JSON: ${e.message}`];
  }
  const sets = Array.isArray(m.sets) ? m.sets : [];
  if (sets.length === 0) problems.push('models.json has no "sets"');
  const setIds = new Set();
  for (const s of sets) {
    if (!text(s.id)) { problems.push('a set has no id'); continue; }
    if (setIds.has(s.id)) problems.push(`set ${s.id} is listed twice`);
    setIds.add(s.id);
    if (!text(s.description)) problems.push(`set ${s.id} has no description`);
    if (!text(s.licence)) problems.push(`set ${s.id} has no licence line`);
    if (typeof s.default !== 'boolean') problems.push(`set ${s.id} lacks "default": true|false`);
  }
  if (sets.length > 0 && sets.filter(s => s.default === true).length !== 1) {
    problems.push('exactly one set must be "default": true');
  }
  const models = Array.isArray(m.models) ? m.models : [];
  const byFile = new Map();
  for (const x of models) {
    const f = x.file;
    if (!text(f)) { problems.push(`model entry ${JSON.stringify(x.name)} has no file`); continue; }
    if (byFile.has(f)) problems.push(`${f} has two entries`);
    byFile.set(f, x);
    if (!SETS.includes(x.set)) problems.push(`${f}: "set" must be one of ${SETS.join('|')}, not ${JSON.stringify(x.set)}`);
    else if (x.set !== 'both' && !setIds.has(x.set)) problems.push(`${f}: set ${x.set} is not among "sets"`);
    if (!ROLES.includes(x.role)) problems.push(`${f}: "role" must be one of ${ROLES.join('|')}, not ${JSON.stringify(x.role)}`);
    if (!text(x.licence) || !LICENCE.test(x.licence)) {
      problems.push(`${f}: "licence" must be an SPDX id or "unknown", not ${JSON.stringify(x.licence)}`);
    }
    if (!text(x.note)) problems.push(`${f}: no "note"`);
    if (!text(x.npm) && !text(x.converted_from)) problems.push(`${f}: no source ("npm" or "converted_from")`);
    if (!SHA.test(x.sha256 || '')) { problems.push(`${f}: no pinned sha256`); continue; }
    const p = path.join(dir, f);
    if (!fs.existsSync(p)) { problems.push(`${f} is recorded but the build did not produce it in ${dir}`); continue; }
    const actual = sha256(p);
    if (actual !== x.sha256) problems.push(`${f}: sha256 ${actual} does not match models.json (${x.sha256})`);
  }
  for (const x of models) {
    if (x.role === 'source' && text(x.file) && !models.some(y => y.converted_from === x.file)) {
      problems.push(`${x.file}: role "source" but no entry is "converted_from" it`);
    }
  }
  const manifestName = path.basename(manifestFile);
  for (const f of fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []) {
    if (f === 'models.json' || f === manifestName || !fs.statSync(path.join(dir, f)).isFile()) continue;
    if (!byFile.has(f)) problems.push(`${f} is shipped but has no entry (licence record) in models.json`);
  }
  return problems;
}

module.exports = { check };

if (require.main === module) {
  const [manifest, dir] = process.argv.slice(2);
  if (!manifest || !dir) {
    console.error('usage: check-model-records.js MANIFEST DIR');
    process.exit(2);
  }
  const problems = check(manifest, dir);
  for (const p of problems) console.error(`check-model-records: ${p}`);
  if (problems.length > 0) {
    console.error(`check-model-records: ${problems.length} problem(s); see models/face/MODELS.md`);
    process.exit(1);
  }
  const n = fs.readdirSync(dir).filter(f => f !== 'models.json').length;
  console.error(`check-model-records: ${n} shipped model files have licence records and matching sha256`);
}
