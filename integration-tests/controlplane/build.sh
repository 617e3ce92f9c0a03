#!/usr/bin/env bash
# Builds the real Kubernetes control plane the integration flow runs against, from Go modules:
# kube-apiserver, kube-controller-manager, kube-scheduler and kubectl (k8s.io/kubernetes), etcd,
# kwok, metrics-server, prometheus-operator, prometheus-adapter and Prometheus v3. Each lives in its
# own Go module beside this script (they would fight over shared dependencies in one), every
# version pinned in its go.mod and go.sum.
#
# The binaries go to caches outside the repository, one per module keyed by its go.mod/go.sum and
# build flags: ${KUBEMON_CONTROLPLANE_CACHE:-$HOME/.cache/kubemon}/module-<name>-<key>/bin, linked
# together in .../controlplane-<key>/bin. A complete module cache is reused as it is; anything else
# is rebuilt. Prints the bin folder on stdout (progress on stderr). Exit 3: no usable Go
# toolchain; exit 4: a module or build failed.
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

modules=(etcd kubernetes kwok metrics-server prometheus-operator prometheus-adapter prometheus)
root=${KUBEMON_CONTROLPLANE_CACHE:-$HOME/.cache/kubemon}

kube_version=v1.36.3
version_flags="-X k8s.io/component-base/version.gitVersion=$kube_version"
version_flags+=" -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=36"
version_flags+=" -X k8s.io/component-base/version.gitTreeState=clean"
version_flags+=" -X k8s.io/client-go/pkg/version.gitVersion=$kube_version"

# How each module is built: its linker flags and build tags. Prometheus keeps only the
# Kubernetes service discovery (its plugins/ files honour remove_all_sd/enable_kubernetes_sd) and
# no embedded UI (assets need the builtinassets tag), which keeps its cold build short.
ldflags_of() {
  case "$1" in
    kubernetes) echo "-s -w $version_flags" ;;
    *) echo "-s -w" ;;
  esac
}
tags_of() {
  case "$1" in
    prometheus) echo "remove_all_sd,enable_kubernetes_sd" ;;
    *) echo "" ;;
  esac
}
# go names a program after its package folder: operator, adapter, server (etcd).
rename_of() {
  case "$1" in
    prometheus-operator) echo "operator prometheus-operator" ;;
    prometheus-adapter) echo "adapter prometheus-adapter" ;;
    etcd) echo "server etcd" ;;
  esac
}

# One cache per module, keyed by its go.mod/go.sum and how it is built: a new or changed module
# rebuilds only itself (kubernetes alone takes ~10 CPU-minutes).
module_key() {
  { cat "$here/$1/go.mod" "$here/$1/go.sum"; echo "v1 $(ldflags_of "$1") tags=$(tags_of "$1")"
    go env GOVERSION; } | sha256sum | cut -c1-16
}

export CGO_ENABLED=0 GOFLAGS=-mod=readonly GOTOOLCHAIN=local
dirs=()
for module in "${modules[@]}"; do
  dir=$root/module-$module-$(module_key "$module")
  dirs+=("$dir")
  [ -f "$dir/complete" ] && continue
  rm -rf "$dir"
  mkdir -p "$dir/bin"
  if ! tools=$(cd "$here/$module" && go list tool 2>"$dir/list.log"); then
    say "the Go module proxy did not serve what $module needs; last lines of $dir/list.log:"
    tail -n 20 "$dir/list.log" >&2
    exit 4
  fi
  say "building $module ($(echo $tools | wc -w) programs)"
  start=$(date +%s)
  if ! (cd "$here/$module" && go build -trimpath -tags "$(tags_of "$module")" \
      -ldflags "$(ldflags_of "$module")" -o "$dir/bin/" $tools) >"$dir/build.log" 2>&1; then
    say "building $module failed; last lines of $dir/build.log:"
    tail -n 20 "$dir/build.log" >&2
    exit 4
  fi
  read -r from to <<<"$(rename_of "$module")" || true
  [ -n "${from:-}" ] && [ -x "$dir/bin/$from" ] && mv "$dir/bin/$from" "$dir/bin/$to"
  unset from to
  say "built $module in $(( $(date +%s) - start )) s: $(ls "$dir/bin" | tr '\n' ' ')"
  touch "$dir/complete"
done

# One folder of links to every module's programs, the bin folder the tests use.
key=$(printf '%s\n' "${dirs[@]}" | sha256sum | cut -c1-16)
cache=$root/controlplane-$key
if [ ! -f "$cache/complete" ]; then
  rm -rf "$cache"
  mkdir -p "$cache/bin"
  for dir in "${dirs[@]}"; do
    for program in "$dir"/bin/*; do
      ln -s "$program" "$cache/bin/$(basename "$program")"
    done
  done
  touch "$cache/complete"
fi
echo "$cache/bin"
