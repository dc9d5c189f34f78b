#!/usr/bin/env bash
# `invhost serve` as a process: it refuses option sets it cannot honour, starts on a free port,
# says where on stdout, answers a page and an asset, and stops cleanly on SIGTERM.
set -euo pipefail
invhost=${1:?usage: serve_cli.sh INVHOST}
work=$(mktemp -d)
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
export INVHOST_HOME="$work/home"

fail() { echo "FAIL: $*" >&2; exit 1; }

# Refused option sets: usage errors (64).
refused() {
  local status=0
  "$invhost" serve "$@" >"$work/out" 2>&1 || status=$?
  [ "$status" -eq 64 ] || fail "serve $* exited $status, not 64: $(cat "$work/out")"
}
refused --listen 0.0.0.0:0
refused --listen 127.0.0.1
refused --tls-cert "$work/x.crt"
refused --auth proxy-header X-Remote-User
refused --auth proxy-header "bad header" --trusted-proxy 127.0.0.1
refused --auth proxy-header X-Remote-User --trusted-proxy not-an-ip
refused --trusted-proxy 127.0.0.1
refused --auth ldap

# A TLS file that cannot be read is named.
status=0
"$invhost" serve --listen 127.0.0.1:0 --tls-cert "$work/absent.crt" --tls-key "$work/absent.key" \
  >"$work/out" 2>&1 || status=$?
[ "$status" -eq 1 ] || fail "a missing certificate exited $status"
grep -q "absent.crt" "$work/out" || fail "the missing certificate is not named: $(cat "$work/out")"

# Serving.
"$invhost" serve --listen 127.0.0.1:0 >"$work/stdout" 2>"$work/stderr" &
pid=$!
url=
for _ in $(seq 100); do
  url=$(sed -n 's/^invhost: listening on \(http:\/\/127\.0\.0\.1:[0-9][0-9]*\)$/\1/p' "$work/stdout")
  [ -n "$url" ] && break
  kill -0 "$pid" 2>/dev/null || fail "serve exited early: $(cat "$work/stderr")"
  sleep 0.1
done
[ -n "$url" ] || fail "no listening line on stdout"
case "$url" in *:0) fail "the printed port is 0, not the bound one" ;; esac

# Nobody is signed in: the overview sends the browser to the sign-in page, which asks.
curl -sS -D "$work/headers" -o "$work/page" "$url/" || fail "no answer from $url/"
head -n 1 "$work/headers" | grep -q "^HTTP/1.1 303" || fail "GET / without a session is not 303"
grep -qi "^location: /signin?next=%2F" "$work/headers" || fail "GET / does not lead to the sign-in page"
curl -sS -D "$work/headers" -o "$work/page" "$url/signin" || fail "no answer from $url/signin"
head -n 1 "$work/headers" | grep -q "^HTTP/1.1 200" || fail "GET /signin is not 200"
grep -qi "^content-security-policy: default-src 'none'" "$work/headers" || fail "no CSP"
grep -q "<h1>Sign in</h1>" "$work/page" || fail "the sign-in page is not HTML"
code=$(curl -sS -o /dev/null -w '%{http_code}' "$url/assets/console.css")
[ "$code" = 200 ] || fail "the stylesheet is $code"

kill -TERM "$pid"
status=0
wait "$pid" || status=$?
pid=
[ "$status" -eq 0 ] || fail "serve exited $status on SIGTERM"
if curl -s -o /dev/null --max-time 2 "$url/"; then fail "still answering after SIGTERM"; fi
echo "serve CLI: ok"
