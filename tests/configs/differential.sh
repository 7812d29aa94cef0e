#!/usr/bin/env bash
# Differential test of the corosync.conf corpus in this directory.
#
# For every *.conf here it runs the real `corosync -t -c FILE` (corosync 3.1.7) and, unless
# --corosync-only is given, `quorate config check FILE`, and requires:
#   1. corosync's verdict matches the file's `# expect:` line (so the corpus itself is checked):
#      `# expect: valid`, or `# expect: invalid (TEXT)` where TEXT, if given, must occur verbatim
#      in corosync's output;
#   2. quorate agrees with corosync on accept/reject (quorate: exit 0 valid, 1 invalid; any other
#      exit status is a failure).
# Where both reject a file but quorate's message lacks the `# expect:` TEXT, a `note` line is
# printed; that is not a failure.
# Every file is checked; none is skipped. Prints one line per failure with both verdicts and both
# messages, then `N passed, M failed`. Exit status 0 only when nothing failed.
#
# usage: differential.sh [--corosync-only] [--quorate PATH] [--verbose] [DIR]
#   DIR defaults to the directory of this script.
#
# Notes on running corosync -t (see README.md here):
# - corosync chdir()s to its state directory /var/lib/corosync before reading the key, so a
#   relative keyfile resolves there. Files that need a real key therefore say
#   `keyfile: @CONFIGS_DIR@/authkey-256.key`; the driver substitutes the absolute path of DIR into
#   a temporary copy and both tools check that copy.
# - /var/lib/corosync must exist (the corosync package creates it; without it corosync -t exits 16).
# - Finding the local node may do reverse DNS lookups of the machine's addresses; RES_OPTIONS
#   bounds each lookup to one 1-second try so that a slow resolver cannot hit the 10 s timeout.
set -u

corosync_only=0
verbose=0
quorate=""
dir=""
while [ $# -gt 0 ]; do
  case "$1" in
    --corosync-only) corosync_only=1 ;;
    --verbose) verbose=1 ;;
    --quorate) shift; quorate="${1:-}" ;;
    -h|--help) sed -n '2,/^set -u/{/^set -u/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
    -*) echo "differential.sh: unknown option '$1'" >&2; exit 2 ;;
    *) dir="$1" ;;
  esac
  shift
done
[ -n "$dir" ] || dir="$(dirname "$0")"
dir="$(cd "$dir" && pwd)" || { echo "differential.sh: no such directory: $dir" >&2; exit 2; }

fail_setup() {
  echo "FAIL: $*" >&2
  echo "0 passed, 1 failed" >&2
  exit 1
}

corosync_bin="$(command -v corosync || true)"
[ -n "$corosync_bin" ] ||
  fail_setup "corosync is not installed (corosync -t is the reference for this test). Run .ci/setup as root to install it."
[ -d /var/lib/corosync ] ||
  fail_setup "/var/lib/corosync does not exist (corosync -t exits 16 without its state directory). Run .ci/setup, or reinstall the corosync package."
command -v timeout >/dev/null || fail_setup "timeout (coreutils) is not installed."
corosync_version="$("$corosync_bin" -v 2>/dev/null | sed -n "s/.*version '\(.*\)'.*/\1/p")"
echo "corosync: $corosync_bin (version ${corosync_version:-unknown}); corpus: $dir"
if [ "$corosync_version" != "3.1.7" ]; then
  echo "note: the corpus's expected messages were recorded with corosync 3.1.7"
fi
if [ "$corosync_only" -eq 0 ]; then
  [ -n "$quorate" ] || fail_setup "--quorate PATH is required (or pass --corosync-only)."
  [ -x "$quorate" ] && [ -f "$quorate" ] ||
    fail_setup "quorate binary '$quorate' does not exist or is not executable; build it first."
  # Absolute, since the loop below runs from DIR.
  quorate="$(cd "$(dirname "$quorate")" && pwd)/$(basename "$quorate")"
  echo "quorate: $quorate"
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/quorate-configs.XXXXXX")" || fail_setup "mktemp failed"
trap 'rm -rf "$tmp"' EXIT
# Runs from the corpus directory, so relative names are stable in messages.
cd "$dir" || fail_setup "cannot cd to $dir"
export RES_OPTIONS="timeout:1 attempts:1"
export LC_ALL=C

shopt -s nullglob
confs=(*.conf)
[ ${#confs[@]} -gt 0 ] || fail_setup "no .conf files in $dir"

# Strips corosync's log prefix ("Nov 25 14:57:50.895 error   [MAIN  ] ") and its exit banners.
corosync_message() {
  grep -v -e 'Corosync Cluster Engine exiting normally' -e 'Corosync Cluster Engine exiting with status' |
    sed -e 's/^[A-Z][a-z][a-z] [ 0-9][0-9] [0-9:.]* [a-z]* *\[[A-Z ]*\] //' |
    sed -e '/^[[:space:]]*$/d'
}

indent() { sed 's/^/      /'; }

passed=0
failed=0
notes=0
for f in "${confs[@]}"; do
  problems=()
  expect_line="$(grep -m1 '^# expect: ' "$f" | tr -d '\r')"
  expect="${expect_line#\# expect: }"
  expect_verdict="${expect%% *}"
  expect_text=""
  case "$expect" in
    "invalid ("*")") expect_text="${expect#invalid (}"; expect_text="${expect_text%)}" ;;
  esac
  if [ -z "$expect_line" ] || { [ "$expect_verdict" != valid ] && [ "$expect_verdict" != invalid ]; }; then
    problems+=("corpus: no '# expect: valid' or '# expect: invalid (...)' line")
  fi

  path="$f"
  if grep -q '@CONFIGS_DIR@' "$f"; then
    path="$tmp/$f"
    sed "s#@CONFIGS_DIR@#$dir#g" "$f" >"$path"
  fi

  c_out="$(timeout 10 "$corosync_bin" -t -c "$path" 2>&1)"
  c_rc=$?
  c_msg="$(printf '%s\n' "$c_out" | corosync_message)"
  if [ $c_rc -eq 124 ]; then
    c_verdict="timeout"
    problems+=("corosync -t timed out after 10 s")
  elif [ $c_rc -eq 0 ]; then
    c_verdict="valid"
  else
    # 8 = config error, 7 = logging config error, 134 = abort on an assertion (bad u64).
    c_verdict="invalid"
  fi
  if [ "$c_verdict" != timeout ] && [ -n "$expect_line" ]; then
    if [ "$c_verdict" != "$expect_verdict" ]; then
      problems+=("corpus: '# expect: $expect' but corosync says $c_verdict")
    elif [ -n "$expect_text" ] && ! printf '%s\n' "$c_out" | grep -qF -- "$expect_text"; then
      problems+=("corpus: corosync's message does not contain the expected text: $expect_text")
    fi
  fi

  q_verdict="-"
  q_msg=""
  if [ "$corosync_only" -eq 0 ]; then
    q_msg="$(timeout 10 "$quorate" config check "$path" 2>&1 >/dev/null)"
    q_rc=$?
    case $q_rc in
      0) q_verdict="valid" ;;
      1) q_verdict="invalid" ;;
      124) q_verdict="timeout"; problems+=("quorate config check timed out after 10 s") ;;
      *) q_verdict="error(exit $q_rc)"; problems+=("quorate config check exited $q_rc (expected 0 or 1)") ;;
    esac
    if [ "$c_verdict" != timeout ] && { [ "$q_verdict" = valid ] || [ "$q_verdict" = invalid ]; } &&
       [ "$q_verdict" != "$c_verdict" ]; then
      problems+=("mismatch: corosync says $c_verdict, quorate says $q_verdict")
    elif [ "$q_verdict" = invalid ] && [ -n "$expect_text" ] &&
         ! printf '%s\n' "$q_msg" | grep -qF -- "$expect_text"; then
      notes=$((notes + 1))
      echo "note $f: both reject; corosync: $(printf '%s\n' "$c_msg" | head -n 1)"
      echo "     quorate: $(printf '%s\n' "$q_msg" | head -n 1)"
    fi
  fi

  if [ ${#problems[@]} -eq 0 ]; then
    passed=$((passed + 1))
    if [ "$verbose" -eq 1 ]; then
      echo "ok   $f: corosync $c_verdict (exit $c_rc), quorate $q_verdict"
    fi
  else
    failed=$((failed + 1))
    echo "FAIL $f"
    for p in "${problems[@]}"; do echo "   - $p"; done
    echo "   corosync -t: $c_verdict (exit $c_rc)"
    [ -n "$c_msg" ] && printf '%s\n' "$c_msg" | indent
    if [ "$corosync_only" -eq 0 ]; then
      echo "   quorate config check: $q_verdict"
      [ -n "$q_msg" ] && printf '%s\n' "$q_msg" | indent
    fi
  fi
done

[ "$notes" -eq 0 ] || echo "$notes file(s) rejected by both with a different message (notes above; not failures)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
