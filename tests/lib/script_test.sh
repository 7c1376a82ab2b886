# script_test.sh — sourced by the .test.sh script tests: a fresh scratch
# folder under $DZ_BUILD_DIR/tmp/<name>, the check counter (ok/fail, and
# finish for the "N passed, N failed" last line and the exit status), a
# command the test cannot run without, and the ok/FAIL lines a child program
# (a headless editor) wrote to a results file taken into the counter.

passed=0 failed=0

# scratch_dir NAME: makes $DZ_BUILD_DIR/tmp/NAME fresh and empty, prints it.
scratch_dir() {
  local dir="$DZ_BUILD_DIR/tmp/$1"
  rm -rf "$dir" && mkdir -p "$dir" && printf '%s\n' "$dir"
}

# ok NAME / fail NAME [DETAIL]: one check, counted and printed.
ok() { passed=$((passed + 1)); echo "ok   $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1${2:+: $2}"; }

# finish: the last line; returns 1 if anything failed (the test's status).
finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" = 0 ]
}

# need_command CMD NAME HINT: without CMD on PATH the test fails at once,
# as check NAME.
need_command() {
  command -v "$1" > /dev/null && return 0
  fail "$2" "$1 is not on PATH ($3)"
  finish
  exit 1
}

# take_results NAME FILE LOG CODE: FILE's lines printed and its ok/FAIL
# lines counted; a FILE that is missing or empty fails at once as check
# NAME, with LOG printed and CODE (the child's exit status) named.
take_results() {
  if [ ! -s "$2" ]; then
    fail "$1" "exit $4, no results"
    cat "$3"
    finish
    exit 1
  fi
  cat "$2"
  passed=$((passed + $(grep -c '^ok ' "$2")))
  failed=$((failed + $(grep -c '^FAIL ' "$2")))
}
