-- Demo data for a development database at the committed migrations (0000, 0001), so
-- that `drizzle-lsp check` can count what the pending change would touch:
--   npx drizzle-kit migrate && sqlite3 dev.db < seed.sql
INSERT INTO users (id, email, name, avatar_url, role, timezone) VALUES
  ('u1', 'ada@example.com', 'Ada', NULL, 'admin', 'Europe/London'),
  ('u2', 'linus@example.com', 'Linus', 'https://example.com/l.png', 'user', NULL),
  ('u3', 'grace@example.com', 'Grace', NULL, 'user', 'America/New_York');

INSERT INTO teams (id, slug, name, plan) VALUES
  ('t1', 'acme', 'Acme Analytics', 'business'),
  ('t2', 'side-project', 'Side Project', 'free');

INSERT INTO memberships (team_id, user_id, role, joined_at) VALUES
  ('t1', 'u1', 'owner', 1700000000),
  ('t1', 'u2', 'editor', 1700100000),
  ('t2', 'u3', 'owner', 1700200000);

INSERT INTO projects (id, team_id, name, archived) VALUES
  ('p1', 't1', 'Website', 0),
  ('p2', 't1', 'Mobile app', 0),
  ('p3', 't2', 'Blog', 1);

INSERT INTO dashboards (id, project_id, title, legacy_layout, is_public, created_by) VALUES
  ('d1', 'p1', 'Traffic', '{"cols":12,"rows":[["visits","bounce"]]}', 1, 'u1'),
  ('d2', 'p2', 'Crashes', '{"cols":6}', 0, 'u2'),
  ('d3', 'p3', 'Readers', NULL, 0, NULL);

INSERT INTO widgets (id, dashboard_id, kind, title, config, position) VALUES
  ('w1', 'd1', 'line', 'Visits per day', '{"metric":"visits"}', 0),
  ('w2', 'd1', 'number', 'Bounce rate', '{"metric":"bounce"}', 1),
  ('w3', 'd2', 'table', 'Top crashes', '{}', 0);

INSERT INTO events (team_id, project_id, name, properties, occurred_at) VALUES
  ('t1', 'p1', 'page_view', '{"path":"/"}', 1700000000000),
  ('t1', 'p1', 'page_view', '{"path":"/pricing"}', 1700000060000),
  ('t1', 'p1', 'signup', NULL, 1700000120000),
  ('t1', 'p2', 'crash', '{"os":"android"}', 1700000180000),
  ('t1', NULL, 'invoice_paid', '{"amount":4900}', 1700000240000),
  ('t2', 'p3', 'page_view', '{"path":"/hello-world"}', 1700000300000);
