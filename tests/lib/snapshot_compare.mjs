// snapshot_compare.mjs — compares a snapshot printed by drizzle-lsp with the one
// drizzle-kit wrote: field for field (the snapshot's own ids aside), then key order, then
// the text itself, and says where they first differ as "path: expected X vs got Y".
// Shared by the corpus and example tests.

const MAX_DIFFS = 12; // difference lines reported per comparison

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const step = (p, k) =>
  typeof k === "number" ? `${p}[${k}]` : IDENT.test(k) ? (p ? `${p}.${k}` : k) : `${p}[${JSON.stringify(k)}]`;
// Values as JSON, cut short: a missing table should not fill the screen.
function show(v) {
  if (v === undefined) return "(absent)";
  const text = JSON.stringify(v);
  return text.length > 160 ? `${text.slice(0, 150)}…(${text.length} chars)` : text;
}
const isObj = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

// Field-for-field differences, as "path: expected X vs got Y".
function diffValues(exp, got, p, out) {
  if (out.length >= MAX_DIFFS) return;
  if (isObj(exp) && isObj(got)) {
    for (const k of Object.keys(exp)) diffValues(exp[k], got[k], step(p, k), out);
    for (const k of Object.keys(got)) if (!(k in exp)) diffValues(undefined, got[k], step(p, k), out);
  } else if (Array.isArray(exp) && Array.isArray(got)) {
    const n = Math.max(exp.length, got.length);
    for (let i = 0; i < n; i++) diffValues(exp[i], got[i], step(p, i), out);
  } else if (JSON.stringify(exp) !== JSON.stringify(got)) {
    out.push(`${p || "(root)"}: expected ${show(exp)} vs got ${show(got)}`);
  }
}

// With equal values, the first object whose keys come in another order.
function diffKeyOrder(exp, got, p, out) {
  if (out.length >= MAX_DIFFS) return;
  if (isObj(exp) && isObj(got)) {
    const ek = Object.keys(exp);
    const gk = Object.keys(got);
    if (ek.join("\u0000") !== gk.join("\u0000")) {
      out.push(`${p || "(root)"}: key order expected [${ek.join(", ")}] vs got [${gk.join(", ")}]`);
      return;
    }
    for (const k of ek) diffKeyOrder(exp[k], got[k], step(p, k), out);
  } else if (Array.isArray(exp) && Array.isArray(got)) {
    exp.forEach((v, i) => diffKeyOrder(v, got[i], step(p, i), out));
  }
}

// A snapshot's own id (and prevId) differ by design: blank them where they stand.
const blankIds = (text, ids) =>
  text.replace(new RegExp(`^ {2}"(${ids.join("|")})": "[^"\\n]*",$`, "gm"), '  "$1": "",');
function withoutIds(obj, ids) {
  const rest = { ...obj };
  for (const k of ids) delete rest[k];
  return rest;
}

function firstTextDifference(expText, gotText) {
  const e = expText.split("\n");
  const g = gotText.split("\n");
  for (let i = 0; i < Math.max(e.length, g.length); i++) {
    if (e[i] !== g[i]) return `text line ${i + 1}: expected ${show(e[i])} vs got ${show(g[i])}`;
  }
  return null;
}

// Empty list: equal. Otherwise readable lines saying where they differ. ids names the
// top-level fields left out of the comparison (by default both id and prevId).
export function compareSnapshots(expText, gotText, ids = ["id", "prevId"]) {
  let got;
  try {
    got = JSON.parse(gotText);
  } catch (e) {
    return [`output is not JSON (${e.message}); it starts: ${show(gotText.slice(0, 120))}`];
  }
  if (!isObj(got)) return [`output is JSON but not an object: ${show(gotText.slice(0, 120))}`];
  const exp = JSON.parse(expText);
  const diffs = [];
  diffValues(withoutIds(exp, ids), withoutIds(got, ids), "", diffs);
  if (diffs.length) return diffs;
  const blank = (o) => ({ ...o, ...Object.fromEntries(ids.filter((k) => k in o).map((k) => [k, ""])) });
  if (JSON.stringify(blank(exp), null, 2) !== JSON.stringify(blank(got), null, 2)) {
    diffKeyOrder(blank(exp), blank(got), "", diffs);
    return diffs.length ? diffs : ["same values, different JSON.stringify text"];
  }
  // drizzle-kit's file has no final newline; a printed one is allowed.
  const raw = gotText.endsWith("\n") ? gotText.slice(0, -1) : gotText;
  const textDiff = firstTextDifference(blankIds(expText, ids), blankIds(raw, ids));
  return textDiff ? [textDiff] : [];
}
