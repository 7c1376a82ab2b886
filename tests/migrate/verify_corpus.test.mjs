// verify_corpus.test.mjs — `drizzle-lsp verify` on drizzle-kit's own first
// migration for every schema case in tests/corpus/. drizzle-kit writes that
// migration's SQL and its snapshot from one and the same model, so a schema
// difference reported here is a fault in our introspection or comparison,
// never in the folder. What verify may report is a statement SQLite rejects
// (drizzle-kit's known faults: an unescaped quote in a JSON default or a
// name, an expression index it quotes as a column): those are listed.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { check, finish, linkNodeModules, scratch as scratchFolder } from '../lib/script_test.mjs';

const source = process.env.DZ_SOURCE_DIR || process.cwd();
const bin = process.env.DZ_BIN;
const scratch = scratchFolder('migrate_verify_corpus');
const corpus = path.join(source, 'tests', 'corpus');
const kit = path.join(source, 'node_modules', 'drizzle-kit', 'bin.cjs');

function run(cmd, args, cwd) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (b) => { out += b; });
    child.stderr.on('data', (b) => { out += b; });
    child.on('close', (code) => resolve({ code, out }));
  });
}

async function one(name) {
  const dir = path.join(scratch, name);
  fs.cpSync(path.join(corpus, name), dir, { recursive: true });
  linkNodeModules(dir);
  const g = await run(process.execPath, [kit, 'generate'], dir);
  if (g.code !== 0) return { name, skip: `drizzle-kit generate failed:\n${g.out}` };
  const v = await run(bin, ['verify'], dir);
  return { name, ...v };
}

const cases = fs.readdirSync(corpus, { withFileTypes: true })
  .filter((d) => d.isDirectory() && /^\d\d-/.test(d.name)).map((d) => d.name).sort();
const results = [];
for (let i = 0; i < cases.length; i += 2) results.push(...await Promise.all(cases.slice(i, i + 2).map(one)));

const rejected = [];
for (const r of results) {
  if (r.skip) { check(`${r.name}: drizzle-kit generates it`, false, r.skip); continue; }
  const mismatch = /differs from meta\//.test(r.out);
  const sqlFault = r.code === 1 && /\.sql failed: statement \d+/.test(r.out) && !mismatch;
  if (sqlFault) rejected.push(r.name);
  check(`${r.name}: verify finds the schema equal to drizzle-kit's snapshot`, r.code === 0 || sqlFault, r.out);
}
check('most cases replay cleanly (faulty SQL is the exception)', rejected.length * 4 < results.length, rejected.join(', '));
if (rejected.length) console.log(`drizzle-kit SQL that SQLite rejects (reported by verify): ${rejected.join(', ')}`);
finish();
