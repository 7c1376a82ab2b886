#!/usr/bin/env bash
# stdio.test.sh — the server on every kind of stdin/stdout: a regular file
# (`< transcript`), a pipe, /dev/null, a terminal (through script(1)), and
# stdout to a file or a pipe; exit codes as the LSP spec sets them.
set -uo pipefail
: "${DZ_BIN:?run through ctest}" "${DZ_BUILD_DIR:?run through ctest}"
. "$(dirname "${BASH_SOURCE[0]}")/../lib/script_test.sh"
TMP=$(scratch_dir lsp-stdio)

# transcript FILE JSON... : LSP frames, one per JSON argument.
transcript() {
  local out=$1; shift
  node -e '
    const parts = process.argv.slice(1).map((j) => {
      const b = Buffer.from(j);
      return Buffer.concat([Buffer.from(`Content-Length: ${b.length}\r\n\r\n`), b]);
    });
    process.stdout.write(Buffer.concat(parts));' "$@" > "$out"
}

INIT='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}'
UNKNOWN='{"jsonrpc":"2.0","id":"u","method":"no/such"}'
SHUTDOWN='{"jsonrpc":"2.0","id":2,"method":"shutdown"}'
EXIT='{"jsonrpc":"2.0","method":"exit"}'
transcript "$TMP/full.lsp" "$INIT" "$UNKNOWN" "$SHUTDOWN" "$EXIT"
transcript "$TMP/no-shutdown.lsp" "$INIT" "$EXIT"

# expect_answers NAME FILE : the three answers of full.lsp are in FILE.
expect_answers() {
  local name=$1 file=$2
  if grep -q '"id":1,"result":{"capabilities"' "$file" && grep -q '"id":"u","error":{"code":-32601' "$file" &&
     grep -q '"id":2,"result":null' "$file"; then
    ok "$name"
  else
    fail "$name" "answers missing from $(head -c 600 "$file")"
  fi
}

"$DZ_BIN" < "$TMP/full.lsp" > "$TMP/file.out" 2> "$TMP/file.err"
code=$?
[ $code = 0 ] && ok "stdin_file_exit_0_after_shutdown" || fail "stdin_file_exit_0_after_shutdown" "exit $code: $(cat "$TMP/file.err")"
expect_answers "stdin_file_stdout_file_answers" "$TMP/file.out"

cat "$TMP/full.lsp" | "$DZ_BIN" | cat > "$TMP/pipe.out"
codes=("${PIPESTATUS[@]}")
[ "${codes[1]}" = 0 ] && ok "stdin_pipe_exit_0" || fail "stdin_pipe_exit_0" "exit ${codes[1]}"
expect_answers "stdin_pipe_stdout_pipe_answers" "$TMP/pipe.out"
cmp -s "$TMP/file.out" "$TMP/pipe.out" && ok "file_and_pipe_give_the_same_bytes" ||
  fail "file_and_pipe_give_the_same_bytes" "outputs differ"

"$DZ_BIN" < "$TMP/no-shutdown.lsp" > "$TMP/ns.out" 2>/dev/null
code=$?
[ $code = 1 ] && ok "exit_without_shutdown_is_1" || fail "exit_without_shutdown_is_1" "exit $code"

head -c 150 "$TMP/full.lsp" > "$TMP/truncated.lsp"
"$DZ_BIN" < "$TMP/truncated.lsp" > "$TMP/trunc.out" 2>/dev/null
code=$?
if [ $code = 1 ] && grep -q '"id":1,"result"' "$TMP/trunc.out"; then ok "input_ending_mid_frame_ends_the_session"
else fail "input_ending_mid_frame_ends_the_session" "exit $code"; fi

"$DZ_BIN" < /dev/null > "$TMP/null.out" 2>/dev/null
code=$?
if [ $code = 1 ] && [ ! -s "$TMP/null.out" ]; then ok "dev_null_stdin"; else fail "dev_null_stdin" "exit $code"; fi

"$DZ_BIN" --stdio < "$TMP/full.lsp" > "$TMP/stdio-flag.out" 2>/dev/null
code=$?
[ $code = 0 ] && ok "stdio_flag_accepted" || fail "stdio_flag_accepted" "exit $code"
"$DZ_BIN" --stdio --bogus < /dev/null > /dev/null 2> "$TMP/bogus.err"
code=$?
if [ $code = 2 ] && grep -q "unknown server option '--bogus'" "$TMP/bogus.err"; then ok "unknown_server_option_is_usage_error"
else fail "unknown_server_option_is_usage_error" "exit $code: $(cat "$TMP/bogus.err")"; fi

# A terminal: the server puts it in binary-safe mode so the bytes pass as sent.
if command -v script > /dev/null; then
  (sleep 2; cat "$TMP/full.lsp"; sleep 3) |
    timeout 20 script -qec "'$DZ_BIN' 2>/dev/null; echo EXIT=\$?" /dev/null > "$TMP/tty.out"
  if grep -q "EXIT=0" "$TMP/tty.out"; then ok "stdin_tty_exit_0"; else fail "stdin_tty_exit_0" "$(tail -c 300 "$TMP/tty.out")"; fi
  expect_answers "stdin_tty_answers" "$TMP/tty.out"
else
  echo "skip stdin_tty (script(1) is not installed)"
fi

finish
