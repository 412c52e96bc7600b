#!/usr/bin/env bash
# The queue tests (libs/queue, forge worker) start a real redis-server on 127.0.0.1 (issue 16). On a fresh machine
# this installs Debian's package when it is missing; when it cannot, it says so and the queue tests fail with the
# same hint (no silent skip). Never fails by itself, so the rest of the suite still runs.
set -u
if command -v redis-server >/dev/null 2>&1; then
  exit 0
fi
echo "ensure-redis-server: redis-server not found; the queue tests need it. Installing Debian's redis-server (apt-get update && apt-get install -y redis-server)"
if [ "$(id -u)" = "0" ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo="sudo -n"
else
  echo "ensure-redis-server: not root and no password-less sudo: install it yourself (sudo apt-get install -y redis-server); the queue tests will fail until then"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-redis-server: no apt-get here: install redis-server with your package manager; the queue tests will fail until then"
  exit 0
fi
if $sudo apt-get update && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y redis-server; then
  echo "ensure-redis-server: installed $(redis-server --version)"
else
  echo "ensure-redis-server: apt-get could not install redis-server; the queue tests will fail until it is installed"
fi
exit 0
