#!/usr/bin/env bash
# Builds the real Kubernetes control plane the integration flow runs against, from Go modules:
# kube-apiserver, kube-controller-manager, kube-scheduler and kubectl (k8s.io/kubernetes), etcd,
# kwok, metrics-server, prometheus-operator and prometheus-adapter. Each lives in its own Go module
# beside this script (they would fight over shared dependencies in one), every version pinned in
# its go.mod and go.sum.
#
# The binaries go to a cache outside the repository, keyed by this script and every go.mod/go.sum:
#   ${KUBEMON_CONTROLPLANE_CACHE:-$HOME/.cache/kubemon}/controlplane-<key>/bin
# A complete cache is reused as it is; anything else is rebuilt. Prints the bin folder on stdout
# (progress on stderr). Exit 3: no usable Go toolchain; exit 4: a module or build failed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
say() { printf 'kubemon controlplane: %s\n' "$*" >&2; }

# Go's own installer puts it in /usr/local/go, which a non-login shell may not have on PATH.
command -v go >/dev/null 2>&1 || [ ! -x /usr/local/go/bin/go ] || PATH=$PATH:/usr/local/go/bin
if ! command -v go >/dev/null 2>&1; then
  say "no Go toolchain on PATH: install Go 1.26 (Debian: apt-get install golang-1.26, or go.dev/dl) to build the control plane"
  exit 3
fi
go_version=$(go env GOVERSION 2>/dev/null || true)
case "$go_version" in
  go1.2[6-9]*|go1.[3-9]*) ;;
  *) say "Go 1.26 or newer is needed to build the control plane, found ${go_version:-none}"; exit 3 ;;
esac

modules=(etcd kubernetes kwok metrics-server prometheus-operator prometheus-adapter)
key=$(cd "$here" && cat build.sh $(for m in "${modules[@]}"; do echo "$m/go.mod $m/go.sum"; done) \
  | sha256sum | cut -c1-16)
cache=${KUBEMON_CONTROLPLANE_CACHE:-$HOME/.cache/kubemon}/controlplane-$key
if [ -f "$cache/complete" ]; then
  echo "$cache/bin"
  exit 0
fi

kube_version=v1.36.3
version_flags="-X k8s.io/component-base/version.gitVersion=$kube_version"
version_flags+=" -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=36"
version_flags+=" -X k8s.io/component-base/version.gitTreeState=clean"
version_flags+=" -X k8s.io/client-go/pkg/version.gitVersion=$kube_version"

rm -rf "$cache"
mkdir -p "$cache/bin"
export CGO_ENABLED=0 GOFLAGS=-mod=readonly GOTOOLCHAIN=local
start=$(date +%s)
for module in "${modules[@]}"; do
  if ! tools=$(cd "$here/$module" && go list tool 2>"$cache/list-$module.log"); then
    say "the Go module proxy did not serve what $module needs; last lines of $cache/list-$module.log:"
    tail -n 20 "$cache/list-$module.log" >&2
    exit 4
  fi
  say "building $module ($(echo $tools | wc -w) programs)"
  ldflags="-s -w"
  [ "$module" = kubernetes ] && ldflags="$ldflags $version_flags"
  if ! (cd "$here/$module" && go build -trimpath -ldflags "$ldflags" -o "$cache/bin/" $tools) \
    >"$cache/build-$module.log" 2>&1; then
    say "building $module failed; last lines of $cache/build-$module.log:"
    tail -n 20 "$cache/build-$module.log" >&2
    exit 4
  fi
done
# go names a program after its package folder: operator, adapter, server (etcd).
[ -x "$cache/bin/operator" ] && mv "$cache/bin/operator" "$cache/bin/prometheus-operator"
[ -x "$cache/bin/adapter" ] && mv "$cache/bin/adapter" "$cache/bin/prometheus-adapter"
[ -x "$cache/bin/server" ] && mv "$cache/bin/server" "$cache/bin/etcd"
say "built in $(( $(date +%s) - start )) s: $(ls "$cache/bin" | tr '\n' ' ')"
touch "$cache/complete"
echo "$cache/bin"
