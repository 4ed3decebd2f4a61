#!/usr/bin/env bash
# Builds (once) a tiny QEMU guest whose kernel has uhid and hidraw, for the real-device scanner test
# (test/integration/hid-qemu.test.ts). The guest mounts the host's root read-only over 9p and runs the host's own node
# on a test file, so the code under test is the repository's real code. See test/hid/README.md.
#
# Output (cached outside the repo): $KAUNTER_GUEST_DIR (default ~/.cache/kaunter-guest)/vmlinuz and initrd.gz.
# A second run downloads nothing. Prints `KAUNTER-GUEST-READY <dir>` on success.
# Exit 3 with `KAUNTER-GUEST-UNAVAILABLE: <reason>` when this machine cannot build a guest (missing tools, no apt);
# any other non-zero exit is a real failure.
set -euo pipefail

GUEST_DIR="${KAUNTER_GUEST_DIR:-$HOME/.cache/kaunter-guest}"
# Order matters: each module is loaded after its dependencies (modprobe --show-depends lists them first).
MODULES=(virtio_pci 9pnet_virtio 9p uhid hid_generic)

unavailable() {
  echo "KAUNTER-GUEST-UNAVAILABLE: $*" >&2
  exit 3
}

require_tools() {
  local tool
  for tool in apt-get apt-cache dpkg-deb depmod modprobe busybox gzip flock sha256sum; do
    command -v "$tool" >/dev/null || unavailable "'$tool' is not installed (Debian: apt-get install qemu-system-x86 busybox-static kmod)"
  done
  # Not grep -q: it would exit at the match, and pipefail would count the SIGPIPE that busybox gets as a failure.
  busybox --list | grep -x cpio >/dev/null || unavailable "this busybox has no cpio applet"
  if command -v ldd >/dev/null && ldd "$(command -v busybox)" >/dev/null 2>&1; then
    unavailable "busybox is dynamically linked; install busybox-static"
  fi
}

# The Debian kernel package the linux-image-amd64 metapackage currently points at, e.g. linux-image-6.1.0-56-amd64.
kernel_package() {
  apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/ { print $2; exit }'
}

# Unpacks vmlinuz and the modules we need (with their dependencies, in load order) into $1.
fetch_kernel() {
  local package="$1" target="$2" work="$SCRATCH/kernel"
  mkdir -p "$work"
  (cd "$work" && apt-get download -o APT::Sandbox::User=root "$package" >/dev/null) || return 1
  dpkg-deb -x "$work"/"$package"_*.deb "$work/root" || return 1
  local version
  version="$(ls "$work/root/lib/modules")"
  depmod -b "$work/root" "$version" || return 1
  mkdir -p "$target.partial/modules"
  cp "$work/root/boot/vmlinuz-$version" "$target.partial/vmlinuz"
  local module path
  for module in "${MODULES[@]}"; do
    modprobe -d "$work/root" -S "$version" --show-depends "$module" | awk '$1 == "insmod" { print $2 }'
  done | awk '!seen[$0]++' | while read -r path; do
    cp "$path" "$target.partial/modules/"
    basename "$path" >>"$target.partial/modules/load-order"
  done
  echo "$version" >"$target.partial/version"
  rm -rf "$target" "$work"
  mv "$target.partial" "$target"
}

# Uses the kernel apt names today; falls back to a kernel cached earlier when apt cannot download (offline machine).
ensure_kernel() {
  local package
  package="$(kernel_package)"
  [ -n "$package" ] || unavailable "apt-cache knows no linux-image-amd64 (run apt-get update first)"
  if [ ! -f "$GUEST_DIR/kernels/$package/vmlinuz" ]; then
    mkdir -p "$GUEST_DIR/kernels"
    if ! fetch_kernel "$package" "$GUEST_DIR/kernels/$package"; then
      rm -rf "$GUEST_DIR/kernels/$package.partial"
      local cached
      cached="$(ls -d "$GUEST_DIR"/kernels/*/ 2>/dev/null | sort -V | tail -n 1)"
      [ -n "$cached" ] || unavailable "apt-get download $package failed and no kernel is cached in $GUEST_DIR"
      echo "${cached%/}"
      return
    fi
  fi
  echo "$GUEST_DIR/kernels/$package"
}

write_init() {
  cat >"$1" <<'INIT'
#!/bin/sh
# Guest PID 1: load the modules, mount the host's root read-only over 9p, run `node <file>` chrooted in it, power off.
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
for module in $(cat /lib/modules/load-order); do
  insmod "/lib/modules/$module" || echo "KAUNTER-GUEST-ERROR insmod $module failed"
done
node=/usr/bin/node cwd=/ run=
for word in $(cat /proc/cmdline); do
  case "$word" in
    kaunter.node=*) node="${word#kaunter.node=}" ;;
    kaunter.cwd=*) cwd="${word#kaunter.cwd=}" ;;
    kaunter.run=*) run="${word#kaunter.run=}" ;;
  esac
done
mkdir -p /host
if mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=262144 hostroot /host; then
  mount -t proc proc /host/proc
  mount -t sysfs sys /host/sys
  mount -t devtmpfs dev /host/dev
  # The only writable place: HOME and TMPDIR (tsx's cache). /tmp stays the host's, in case the repository is there.
  mount -t tmpfs run /host/run
  echo "KAUNTER-GUEST-START $run"
  chroot /host /usr/bin/env -i PATH=/usr/local/bin:/usr/bin:/bin HOME=/run TMPDIR=/run KAUNTER_IN_GUEST=1 \
    /bin/sh -c 'cd "$1" && exec "$2" "$3"' sh "$cwd" "$node" "$run"
  echo "KAUNTER-GUEST-EXIT $?"
else
  echo "KAUNTER-GUEST-ERROR cannot mount the host root over 9p"
fi
poweroff -f
INIT
  chmod 755 "$1"
}

build_initrd() {
  local kernel="$1" stage="$SCRATCH/initrd"
  mkdir -p "$stage"/{bin,proc,sys,dev,host,lib/modules}
  cp "$(command -v busybox)" "$stage/bin/busybox"
  local applet
  for applet in sh mount insmod mkdir cat chroot poweroff echo; do
    ln -s busybox "$stage/bin/$applet"
  done
  cp "$kernel"/modules/* "$stage/lib/modules/"
  write_init "$stage/init"
  (cd "$stage" && find . | busybox cpio -o -H newc 2>/dev/null | gzip -1) >"$GUEST_DIR/initrd.gz.partial"
  cp "$kernel/vmlinuz" "$GUEST_DIR/vmlinuz.partial"
  mv "$GUEST_DIR/vmlinuz.partial" "$GUEST_DIR/vmlinuz"
  mv "$GUEST_DIR/initrd.gz.partial" "$GUEST_DIR/initrd.gz"
  echo "$SELF_HASH $(cat "$kernel/version")" >"$GUEST_DIR/stamp"
}

main() {
  require_tools
  # The initramfs is rebuilt whenever this script (which holds /init) changes.
  SELF_HASH="$(sha256sum "${BASH_SOURCE[0]}" | cut -c1-16)"
  SCRATCH="$(mktemp -d)"
  trap 'rm -rf "$SCRATCH"' EXIT
  mkdir -p "$GUEST_DIR"
  exec 9>"$GUEST_DIR/.lock"
  flock 9
  local kernel
  kernel="$(ensure_kernel)"
  local wanted
  wanted="$SELF_HASH $(cat "$kernel/version")"
  if [ ! -f "$GUEST_DIR/stamp" ] || [ "$(cat "$GUEST_DIR/stamp")" != "$wanted" ] || [ ! -f "$GUEST_DIR/initrd.gz" ]; then
    build_initrd "$kernel"
  fi
  echo "KAUNTER-GUEST-READY $GUEST_DIR"
}

main "$@"
