// sql_vs_drizzle_kit.test.mjs — for each evolution step and both dialects,
// drizzle-kit's own differ produces the snapshots and its statements; the
// statements drizzle-lsp writes for the same two snapshots must be the same,
// in the same order, joined the same way, with the same rename _meta — except
// where drizzle-lsp deliberately corrects drizzle-kit, and then each such
// statement says why. Every step is also applied to a real SQLite database,
// rolled back, and the schema compared with the one before.
import assert from 'node:assert/strict';
import * as dk from './drizzle_kit.mjs';
import { steps } from './steps.mjs';
import { scratch, ours, migrate, schemaOf, reporter, Database } from './harness.mjs';

const dir = scratch('sql_vs_drizzle_kit');
const r = reporter();
const exportsOf = (x) => (typeof x === 'function' ? x() : x);

for (const step of steps) {
  const prev = await dk.snapshot(exportsOf(step.prev));
  const next = await dk.snapshot(exportsOf(step.next), prev.id);
  const empty = Object.keys(prev.tables).length === 0 && Object.keys(prev.views).length === 0;
  for (const dialect of ['sqlite', 'turso']) {
    const theirs = await dk.migration(prev, next, dialect, step.renames);
    let plan;
    r.check(`${dialect}: ${step.name}: drizzle-lsp writes a plan`, () => {
      plan = ours(dir, empty ? null : prev, next, dialect, step.renames);
      assert.equal(plan.error, undefined, plan.message);
    });
    if (!plan || plan.error) continue;
    const required = dialect === 'turso' ? step.tursoDeviates || [] : step.deviates || [];
    const allowed = [...(step.deviates || []), ...(dialect === 'turso' ? step.tursoDeviates || [] : [])];
    r.check(`${dialect}: ${step.name}: same statements as drizzle-kit, or marked corrections`, () => {
      const mine = plan.forward.filter((s) => !s.deviation).map((s) => s.sql);
      for (const s of plan.forward.filter((s) => s.deviation))
        assert.ok(allowed.some((a) => s.deviation.includes(a)), `unexpected deviation: ${s.deviation}\n${s.sql}`);
      if (!plan.forward.some((s) => s.deviation)) {
        assert.deepEqual(plan.forward.map((s) => s.sql), theirs.statements);
        return;
      }
      // Unmarked statements appear in drizzle-kit's list, in the same order.
      let j = 0;
      for (const s of mine) {
        while (j < theirs.statements.length && theirs.statements[j] !== s) j++;
        assert.ok(j < theirs.statements.length, `not drizzle-kit's (or out of order): ${s}\n--- drizzle-kit:\n${theirs.statements.join('\n')}`);
        j++;
      }
    });
    if (required.length)
      r.check(`${dialect}: ${step.name}: the corrections it must make are made`, () => {
        for (const a of required)
          assert.ok(plan.forward.some((s) => s.deviation && s.deviation.includes(a)), `no statement marked "${a}"`);
      });
    r.check(`${dialect}: ${step.name}: file text joined as drizzle-kit joins it`, () => {
      if (plan.forward.some((s) => s.deviation)) {
        assert.ok(plan.text.includes('-- drizzle-lsp: '));
        return;
      }
      assert.equal(plan.text, dk.fileText(theirs.statements, true));
      const flat = ours(dir, empty ? null : prev, next, dialect, step.renames, ['--no-breakpoints']);
      assert.equal(flat.text, dk.fileText(theirs.statements, false));
    });
    r.check(`${dialect}: ${step.name}: rename _meta as drizzle-kit records it`, () => {
      assert.deepEqual(plan.meta, { tables: theirs.meta.tables, columns: theirs.meta.columns });
    });
    if (dialect !== 'sqlite' || step.applies === false) continue;
    r.check(`${dialect}: ${step.name}: applies in the migrator's transaction and rolls back to the same schema`, () => {
      const db = new Database(':memory:');
      if (!empty) migrate(db, ours(dir, null, prev, 'sqlite').text);
      const before = schemaOf(db);
      migrate(db, plan.text);
      const after = schemaOf(db);
      migrate(db, plan.rollback_text);
      assert.deepEqual(schemaOf(db), before);
      if (theirs.statements.length) assert.notDeepEqual(after, before);
      db.close();
    });
  }
}

const prev = await dk.snapshot(exportsOf(steps[7].prev));
const next = await dk.snapshot(exportsOf(steps[7].next), prev.id);
r.check('rename: with no --rename the column is a candidate, planned as a drop and an add', () => {
  const plan = ours(dir, prev, next, 'sqlite');
  assert.deepEqual(plan.candidates, [{ table: 'users', from: 'name', to: 'full_name' }]);
  assert.deepEqual(plan.forward.map((s) => s.change), ['column_add', 'column_drop']);
});
r.done();
