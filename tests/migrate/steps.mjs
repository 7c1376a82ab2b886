// steps.mjs — schema evolution steps for the migrate tests (a helper module):
// each step is a previous and a next set of exported Drizzle tables and views,
// the renames a user would confirm, and what drizzle-lsp must do differently
// from drizzle-kit there (reason fragments of the deviations it must mark:
// deviates for both dialects, tursoDeviates for Turso alone).
import {
  sqliteTable, sqliteView, integer, text, real, index, uniqueIndex, primaryKey, check, foreignKey, unique,
} from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';

const id = () => integer('id').primaryKey();

function usersPosts(opts = {}) {
  const users = sqliteTable('users', {
    id: id(),
    name: text('name'),
    email: text('email'),
    ...(opts.userCols || {}),
  }, opts.userExtra);
  const posts = sqliteTable('posts', {
    id: id(),
    userId: integer('user_id').references(() => users.id, { onDelete: opts.onDelete || 'cascade' }),
    title: text('title'),
    ...(opts.postCols || {}),
  }, opts.postExtra);
  return { users, posts };
}

const REBUILD_COPY = 'copies only columns the old table has';
const KEEP_ROWS = 'keeps the rows of tables that reference';
const PRAGMA = "keeps this rebuild's PRAGMA";
const EXPR = 'the expression is written as an expression';
const STORED = 'a STORED generated column cannot be added';
const FK_ACTION = 'keeps its ON DELETE';
const ESCAPED = 'an identifier is escaped';
const DEFAULT_QUOTE = 'a quote inside the default is doubled';
const VIEWS = 'the view is dropped before the tables change';
const DATE_DEFAULT = 'the Date default of';
const NEW_YEAR = new Date('2024-01-01T00:00:00Z');
// Turso only (a step's tursoDeviates): libSQL's ALTER COLUMN of a default.
const STORES = "stores every row's value of the column before its default changes";
const KEEPS_DEFAULT = "keeps the column's DEFAULT 0";

export const steps = [
  { name: 'create tables with a reference and an index', prev: {},
    next: () => usersPosts({ postExtra: (t) => [index('posts_user_idx').on(t.userId)] }) },
  { name: 'drop a table', prev: () => usersPosts(), next: () => ({ users: usersPosts().users }) },
  { name: 'rename a table', prev: () => ({ a: sqliteTable('tags', { id: id(), label: text('label') }) }),
    next: () => ({ a: sqliteTable('labels', { id: id(), label: text('label') }) }),
    renames: { tables: [['tags', 'labels']] } },
  { name: 'add a nullable column', prev: () => usersPosts(),
    next: () => usersPosts({ userCols: { bio: text('bio') } }) },
  { name: 'add a NOT NULL column with a default', prev: () => usersPosts(),
    next: () => usersPosts({ userCols: { role: text('role').notNull().default('member') } }) },
  { name: 'add a NOT NULL column without a default', prev: () => usersPosts(),
    next: () => usersPosts({ userCols: { role: text('role').notNull() } }), applies: false },
  { name: 'drop a column', prev: () => usersPosts({ userCols: { bio: text('bio') } }),
    next: () => usersPosts() },
  { name: 'rename a column', prev: () => usersPosts(),
    next: () => ({ ...usersPosts(), users: sqliteTable('users', { id: id(), fullName: text('full_name'), email: text('email') }) }),
    renames: { columns: [['users', 'name', 'full_name']] } },
  { name: 'change a column type', prev: () => usersPosts({ userCols: { age: text('age') } }),
    next: () => usersPosts({ userCols: { age: integer('age') } }), deviates: [KEEP_ROWS] },
  { name: 'change a default', prev: () => ({ s: sqliteTable('settings', { id: id(), v: integer('v').default(1) }) }),
    next: () => ({ s: sqliteTable('settings', { id: id(), v: integer('v').default(2) }) }), tursoDeviates: [STORES] },
  { name: 'drop a default', prev: () => ({ s: sqliteTable('settings', { id: id(), v: text('v').default("it's") }) }),
    next: () => ({ s: sqliteTable('settings', { id: id(), v: text('v') }) }), tursoDeviates: [STORES] },
  { name: 'set NOT NULL on a referenced table', prev: () => usersPosts(),
    next: () => usersPosts({ userCols: { name: text('name').notNull() } }), deviates: [KEEP_ROWS] },
  { name: 'drop NOT NULL', prev: () => ({ s: sqliteTable('settings', { id: id(), v: real('v').notNull() }) }),
    next: () => ({ s: sqliteTable('settings', { id: id(), v: real('v') }) }) },
  { name: 'move the primary key', prev: () => ({ k: sqliteTable('kv', { k: text('k').primaryKey(), v: text('v') }) }),
    next: () => ({ k: sqliteTable('kv', { k: text('k'), v: text('v').primaryKey() }) }) },
  { name: 'set autoincrement', prev: () => ({ k: sqliteTable('seq', { id: integer('id').primaryKey(), v: text('v') }) }),
    next: () => ({ k: sqliteTable('seq', { id: integer('id').primaryKey({ autoIncrement: true }), v: text('v') }) }) },
  { name: 'add a virtual generated column', prev: () => usersPosts(),
    next: () => usersPosts({ userCols: { up: text('up').generatedAlwaysAs(sql`upper(name)`, { mode: 'virtual' }) } }) },
  { name: 'add a stored generated column', prev: () => usersPosts(),
    next: () => usersPosts({ userCols: { up: text('up').generatedAlwaysAs(sql`upper(name)`, { mode: 'stored' }) } }),
    deviates: [STORED, REBUILD_COPY, KEEP_ROWS], dkNoSql: true },
  { name: 'change a virtual generated column', prev: () => usersPosts({ userCols: { up: text('up').generatedAlwaysAs(sql`upper(name)`, { mode: 'virtual' }) } }),
    next: () => usersPosts({ userCols: { up: text('up').generatedAlwaysAs(sql`lower(name)`, { mode: 'virtual' }) } }) },
  { name: 'create an index', prev: () => usersPosts(),
    next: () => usersPosts({ userExtra: (t) => [index('users_name_idx').on(t.name)] }) },
  { name: 'drop an index', prev: () => usersPosts({ userExtra: (t) => [index('users_name_idx').on(t.name)] }),
    next: () => usersPosts() },
  { name: 'change an index', prev: () => usersPosts({ userExtra: (t) => [index('users_idx').on(t.name)] }),
    next: () => usersPosts({ userExtra: (t) => [index('users_idx').on(t.name, t.email)] }) },
  { name: 'add a unique column constraint', prev: () => usersPosts(),
    next: () => usersPosts({ userCols: { email: text('email').unique() } }) },
  { name: 'create a partial unique index', prev: () => usersPosts(),
    next: () => usersPosts({ userExtra: (t) => [uniqueIndex('users_email_live').on(t.email).where(sql`${t.name} is not null`)] }) },
  { name: 'create an expression index', prev: () => usersPosts(),
    next: () => usersPosts({ userExtra: (t) => [index('users_lower_email').on(sql`lower(${t.email})`)] }) },
  { name: 'add a reference to an existing column', prev: () => ({ ...usersPosts(), c: sqliteTable('comments', { id: id(), postId: integer('post_id') }) }),
    next: () => { const b = usersPosts(); return { ...b, c: sqliteTable('comments', { id: id(), postId: integer('post_id').references(() => b.posts.id) }) }; } },
  { name: 'drop a reference', prev: () => usersPosts(),
    next: () => ({ users: usersPosts().users, posts: sqliteTable('posts', { id: id(), userId: integer('user_id'), title: text('title') }) }) },
  { name: 'change ON DELETE of a reference', prev: () => usersPosts(),
    next: () => usersPosts({ onDelete: 'set null' }) },
  { name: 'add a column with a plain reference', prev: () => usersPosts(),
    next: () => { const b = usersPosts(); return { ...b, posts: sqliteTable('posts', { id: id(), userId: integer('user_id').references(() => b.users.id, { onDelete: 'cascade' }), title: text('title'), editorId: integer('editor_id').references(() => b.users.id) }) }; } },
  { name: 'add a column with an ON DELETE reference', prev: () => usersPosts(),
    next: () => { const b = usersPosts(); return { ...b, posts: sqliteTable('posts', { id: id(), userId: integer('user_id').references(() => b.users.id, { onDelete: 'cascade' }), title: text('title'), editorId: integer('editor_id').references(() => b.users.id, { onDelete: 'set null' }) }) }; },
    deviates: [FK_ACTION] },
  { name: 'create a table with a composite primary key', prev: () => usersPosts(),
    next: () => { const b = usersPosts(); return { ...b, m: sqliteTable('members', { a: integer('a'), b: integer('b') }, (t) => [primaryKey({ columns: [t.a, t.b] })]) }; } },
  { name: 'change a composite primary key', prev: () => ({ m: sqliteTable('members', { a: integer('a'), b: integer('b'), c: integer('c') }, (t) => [primaryKey({ columns: [t.a, t.b] })]) }),
    next: () => ({ m: sqliteTable('members', { a: integer('a'), b: integer('b'), c: integer('c') }, (t) => [primaryKey({ columns: [t.a, t.c] })]) }) },
  { name: 'add a check', prev: () => usersPosts(),
    next: () => usersPosts({ userExtra: (t) => [check('name_len', sql`length(${t.name}) < 100`)] }), deviates: [KEEP_ROWS] },
  { name: 'drop a check', prev: () => ({ s: sqliteTable('settings', { id: id(), v: integer('v') }, (t) => [check('v_pos', sql`${t.v} > 0`)]) }),
    next: () => ({ s: sqliteTable('settings', { id: id(), v: integer('v') }) }) },
  { name: 'create a view', prev: () => usersPosts(),
    next: () => { const b = usersPosts(); return { ...b, v: sqliteView('user_names').as((qb) => qb.select({ name: b.users.name }).from(b.users)) }; } },
  { name: 'change a view', prev: () => { const b = usersPosts(); return { ...b, v: sqliteView('user_names').as((qb) => qb.select({ name: b.users.name }).from(b.users)) }; },
    next: () => { const b = usersPosts(); return { ...b, v: sqliteView('user_names').as((qb) => qb.select({ email: b.users.email }).from(b.users)) }; } },
  { name: 'drop a view', prev: () => { const b = usersPosts(); return { ...b, v: sqliteView('user_names').as((qb) => qb.select({ name: b.users.name }).from(b.users)) }; },
    next: () => usersPosts() },
  { name: 'a new NOT NULL column next to a new check (rebuild)', prev: () => ({ s: sqliteTable('settings', { id: id(), v: integer('v') }) }),
    next: () => ({ s: sqliteTable('settings', { id: id(), v: integer('v'), w: integer('w').notNull() }, (t) => [check('v_pos', sql`${t.v} > 0`)]) }),
    deviates: [REBUILD_COPY] },
  { name: 'two rebuilds in one migration', prev: () => ({ a: sqliteTable('a', { id: id(), x: integer('x') }), b: sqliteTable('b', { id: id(), y: integer('y') }) }),
    next: () => ({ a: sqliteTable('a', { id: id(), x: integer('x').notNull() }), b: sqliteTable('b', { id: id(), y: integer('y').notNull() }) }),
    deviates: [PRAGMA] },
  { name: 'a column with a backtick in its name', prev: () => ({ s: sqliteTable('settings', { id: id() }) }),
    next: () => ({ s: sqliteTable('settings', { id: id(), odd: text('we`ird') }) }), deviates: [ESCAPED] },
  { name: 'rename a table and change a column', prev: () => ({ a: sqliteTable('tags', { id: id(), label: text('label') }) }),
    next: () => ({ a: sqliteTable('labels', { id: id(), label: text('label').notNull() }) }),
    renames: { tables: [['tags', 'labels']] } },
  { name: 'a JSON default with a quote', prev: {},
    next: () => ({ s: sqliteTable('settings', { id: id(), j: text('j', { mode: 'json' }).default({ a: "it's" }) }) }),
    deviates: [DEFAULT_QUOTE] },
  { name: 'several tables at once', prev: () => ({ ...usersPosts(), tags: sqliteTable('tags', { id: id() }) }),
    next: () => ({ ...usersPosts({ userCols: { bio: text('bio') }, postExtra: (t) => [index('p_title').on(t.title)] }),
      comments: sqliteTable('comments', { id: id(), body: text('body').notNull() }, (t) => [index('c_body').on(t.body)]) }) },
  { name: 'change the type of a referencing column', prev: () => usersPosts(),
    next: () => { const b = usersPosts(); return { ...b, posts: sqliteTable('posts', { id: id(), userId: text('user_id').references(() => b.users.id, { onDelete: 'cascade' }), title: text('title') }) }; } },
  { name: 'add a two-column reference', prev: () => ({ p: sqliteTable('parent', { a: integer('a'), b: integer('b') }, (t) => [primaryKey({ columns: [t.a, t.b] })]), c: sqliteTable('child', { id: id(), a: integer('a'), b: integer('b') }) }),
    next: () => { const p = sqliteTable('parent', { a: integer('a'), b: integer('b') }, (t) => [primaryKey({ columns: [t.a, t.b] })]);
      return { p, c: sqliteTable('child', { id: id(), a: integer('a'), b: integer('b') }, (t) => [foreignKey({ columns: [t.a, t.b], foreignColumns: [p.a, p.b] })]) }; } },
  { name: 'rename a column used by an index', prev: () => ({ s: sqliteTable('settings', { id: id(), k: text('k') }, (t) => [index('s_k').on(t.k)]) }),
    next: () => ({ s: sqliteTable('settings', { id: id(), key: text('key') }, (t) => [index('s_k').on(t.key)]) }),
    renames: { columns: [['settings', 'k', 'key']] } },
  { name: 'drop an indexed column', prev: () => ({ s: sqliteTable('settings', { id: id(), k: text('k') }, (t) => [index('s_k').on(t.k)]) }),
    next: () => ({ s: sqliteTable('settings', { id: id() }) }) },
  { name: 'add a column and an index on it', prev: () => ({ s: sqliteTable('settings', { id: id() }) }),
    next: () => ({ s: sqliteTable('settings', { id: id(), k: text('k') }, (t) => [uniqueIndex('s_k').on(t.k)]) }) },
  { name: 'drop one table and create another', prev: () => ({ a: sqliteTable('old_things', { id: id() }) }),
    next: () => ({ a: sqliteTable('new_things', { id: id(), n: integer('n').default(0) }) }) },
  { name: 'change a boolean default', prev: () => ({ s: sqliteTable('flags', { id: id(), on: integer('on', { mode: 'boolean' }).default(true) }) }),
    next: () => ({ s: sqliteTable('flags', { id: id(), on: integer('on', { mode: 'boolean' }).default(false) }) }), tursoDeviates: [STORES] },
  { name: 'set NOT NULL with a zero default', prev: () => ({ s: sqliteTable('counts', { id: id(), n: integer('n').default(0) }) }),
    next: () => ({ s: sqliteTable('counts', { id: id(), n: integer('n').notNull().default(0) }) }), tursoDeviates: [KEEPS_DEFAULT] },
  { name: 'a view over a rebuilt table', prev: () => { const b = usersPosts(); return { ...b, v: sqliteView('user_names').as((qb) => qb.select({ name: b.users.name }).from(b.users)) }; },
    next: () => { const b = usersPosts({ userCols: { name: text('name').notNull() } }); return { ...b, v: sqliteView('user_names').as((qb) => qb.select({ name: b.users.name }).from(b.users)) }; },
    deviates: [VIEWS, KEEP_ROWS] },
  { name: 'rename a referenced table', prev: () => usersPosts(),
    next: () => { const users = sqliteTable('accounts', { id: id(), name: text('name'), email: text('email') });
      return { users, posts: sqliteTable('posts', { id: id(), userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }), title: text('title') }) }; },
    renames: { tables: [['users', 'accounts']] } },
  { name: 'a composite unique constraint', prev: () => usersPosts(),
    next: () => usersPosts({ userExtra: (t) => [unique('users_name_email').on(t.name, t.email)] }) },
  { name: 'rebuild a table whose dependent has a generated column', prev: () => usersPosts({ postCols: { up: text('up').generatedAlwaysAs(sql`upper(title)`, { mode: 'virtual' }) } }),
    next: () => usersPosts({ userCols: { name: text('name').notNull() }, postCols: { up: text('up').generatedAlwaysAs(sql`upper(title)`, { mode: 'virtual' }) } }),
    deviates: [KEEP_ROWS] },
  { name: 'drop a referencing column', prev: () => usersPosts(),
    next: () => ({ users: usersPosts().users, posts: sqliteTable('posts', { id: id(), title: text('title') }) }) },
  { name: 'tables named like numbers keep drizzle-kit\'s group order', prev: () => ({ b: sqliteTable('b', { id: id() }), n: sqliteTable('2024', { id: id() }), z: sqliteTable('10', { id: id() }) }),
    next: () => ({ b: sqliteTable('b', { id: id(), x: text('x') }), n: sqliteTable('2024', { id: id(), x: text('x') }), z: sqliteTable('10', { id: id(), x: text('x').notNull().default('q') }) }) },
  { name: 'a table named like a number is altered before a new table is created', prev: () => ({ z: sqliteTable('10', { id: id() }) }),
    next: () => ({ b: sqliteTable('b', { id: id() }), z: sqliteTable('10', { id: id(), x: text('x') }) }) },
  { name: 'a Date default on a new timestamp column', prev: () => ({ s: sqliteTable('events', { id: id() }) }),
    next: () => ({ s: sqliteTable('events', { id: id(), at: integer('at', { mode: 'timestamp' }).notNull().default(NEW_YEAR) }) }),
    deviates: [DATE_DEFAULT] },
  { name: 'a Date default set on an existing timestamp column', prev: () => ({ s: sqliteTable('events', { id: id(), at: integer('at', { mode: 'timestamp' }) }) }),
    next: () => ({ s: sqliteTable('events', { id: id(), at: integer('at', { mode: 'timestamp' }).default(NEW_YEAR) }) }),
    deviates: [DATE_DEFAULT], tursoDeviates: [STORES] },
];

export const faults = { REBUILD_COPY, KEEP_ROWS, PRAGMA, EXPR, STORED, FK_ACTION, ESCAPED, DEFAULT_QUOTE, VIEWS, DATE_DEFAULT };
