#!/usr/bin/env bash
# The multi-instance test runs nginx (deploy/nginx.conf) in front of the app instances.
# Install Debian's nginx when it is missing; the test starts its own nginx process.
set -euo pipefail
if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then exit 0; fi
echo "Installing nginx (Debian package) for tests/integration/multi-instance.test.ts"
SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nginx >/dev/null
# The package starts a system nginx on port 80; the test does not need it.
$SUDO systemctl disable --now nginx >/dev/null 2>&1 || $SUDO service nginx stop >/dev/null 2>&1 || true
