#!/usr/bin/env bash
# run-in-v2-guest.sh — run a command as root inside a throw-away qemu guest
# whose ONLY cgroup hierarchy is cgroup v2 (cgroup2 at /sys/fs/cgroup).
#
# Why: the dev/CI host is a cgroup v1/hybrid machine (cpu, memory bound to v1),
# but learners' machines are pure v2. The when=cgroup-v2 steps of the
# bocker_run lesson must be exercised on a real pure-v2 kernel.
#
# How (everything comes from Debian packages; the guest has NO network device):
#   * apt-get install qemu-system-x86 busybox-static kmod (if missing);
#     `apt-get download` Debian's linux-image-<ver>-amd64, extract it with
#     dpkg-deb -x under /var/cache/bocker-learn-vm/ (never installed on the host).
#   * The host root (/) is shared read-only over 9p (virtio). A tiny busybox
#     initramfs mounts it, lays an overlay on it whose upper layer is a sparse
#     scratch disk (deleted afterwards), so the guest can write anywhere.
#     Fresh proc/sys/devtmpfs/tmpfs(/run) and cgroup2 at /sys/fs/cgroup;
#     the kernel gets cgroup_no_v1=all. btrfs/loop/veth/bridge/overlay are
#     preloaded and `modprobe` works in the guest (module tree bind-mounted).
#   * Host-only state is hidden in the guest (whiteouts): /var/bocker,
#     /var/lib/bocker.img, /var/lib/bocker-learn, /etc/bocker-learn
#     (override: BOCKER_VM_HIDE).
#   * The command runs via `bash -c` with cwd = the caller's cwd, stdin
#     /dev/null, stdout+stderr merged (not a tty) and streamed here through a
#     second serial port; then the guest prints a sentinel with the exit code
#     and powers off. KVM is used when it works, else TCG.
#
# Usage: test/vm/run-in-v2-guest.sh '<shell command>'     (one arg: bash -c it)
#        test/vm/run-in-v2-guest.sh prog arg...             (several: argv)
# Exit:  the command's exit code; 124 timeout; 125 harness/guest setup error.
# Env:   BOCKER_VM_TIMEOUT (s, default 900)  BOCKER_VM_MEM (MiB, 2048)
#        BOCKER_VM_CPUS (1)  BOCKER_VM_DISK (scratch size, 16G)
#        BOCKER_VM_ACCEL (auto|kvm|tcg)  BOCKER_VM_DEBUG=1 (kernel+init log
#        to stderr)  BOCKER_VM_HIDE (space-separated absolute paths)
#        BOCKER_VM_KERNEL_PKG (e.g. linux-image-6.1.0-56-amd64)
set -euo pipefail

CACHE=/var/cache/bocker-learn-vm
TIMEOUT=${BOCKER_VM_TIMEOUT:-900}
MEM=${BOCKER_VM_MEM:-2048}
# one vCPU: with two, threaded TCG now and then catches the kernel rewriting its own code (int3 panic)
CPUS=${BOCKER_VM_CPUS:-1}
DISK=${BOCKER_VM_DISK:-16G}
ACCEL=${BOCKER_VM_ACCEL:-auto}
DEBUG=${BOCKER_VM_DEBUG:-0}
HIDE=${BOCKER_VM_HIDE:-/var/bocker /var/lib/bocker.img /var/lib/bocker-learn /etc/bocker-learn}
SENTINEL=@@BOCKER_VM_EXIT=

die() { echo "run-in-v2-guest: error: $*" >&2; exit 125; }
log() { [ "$DEBUG" = 1 ] && echo "run-in-v2-guest: $*" >&2 || true; }

[ $# -ge 1 ] || die "usage: $0 '<command>' | prog args..."
[ "$(id -u)" = 0 ] || die "must run as root"
[ "$(uname -m)" = x86_64 ] || die "only x86_64 hosts are supported"
if [ $# -eq 1 ]; then CMD=$1; else CMD=$(printf '%q ' "$@"); fi
CWD=$(pwd -P)

export DEBIAN_FRONTEND=noninteractive
mkdir -p "$CACHE"
exec 9>"$CACHE/.lock"
flock -w 600 9 || die "timed out waiting for $CACHE/.lock"

# ---- 1. host packages ------------------------------------------------------
need=()
command -v qemu-system-x86_64 >/dev/null || need+=(qemu-system-x86)
dpkg -s busybox-static >/dev/null 2>&1 || need+=(busybox-static)
command -v depmod >/dev/null || need+=(kmod)
command -v mkfs.ext4 >/dev/null || need+=(e2fsprogs)
if [ ${#need[@]} -gt 0 ]; then
  log "apt-get install ${need[*]}"
  apt-get install -y -qq "${need[@]}" >"$CACHE/apt.log" 2>&1 || {
    apt-get update -qq >>"$CACHE/apt.log" 2>&1 || true
    apt-get install -y -qq "${need[@]}" >>"$CACHE/apt.log" 2>&1 ||
      die "apt-get install ${need[*]} failed (see $CACHE/apt.log)"
  }
fi
BUSYBOX=/bin/busybox   # from busybox-static (conflicts with the dynamic busybox)

# ---- 2. kernel package (downloaded + extracted once, cached) ---------------
pick_kernel_pkg() {
  if [ -n "${BOCKER_VM_KERNEL_PKG:-}" ]; then echo "$BOCKER_VM_KERNEL_PKG"; return; fi
  # reuse whatever is cached (no apt traffic on repeat runs)
  local d; for d in "$CACHE"/linux-image-*/.ok; do
    [ -e "$d" ] && { basename "$(dirname "$d")"; return; }
  done
  local p
  p=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/{print $2; exit}')
  if [ -z "$p" ]; then
    apt-get update -qq >"$CACHE/apt.log" 2>&1 || true
    p=$(apt-cache depends linux-image-amd64 2>/dev/null | awk '/Depends: linux-image-[0-9]/{print $2; exit}')
  fi
  [ -n "$p" ] || die "cannot resolve linux-image-amd64 to a versioned kernel package (apt-get update?)"
  echo "$p"
}
KPKG=$(pick_kernel_pkg)
KDIR=$CACHE/$KPKG
KVER=${KPKG#linux-image-}
if [ ! -e "$KDIR/.ok" ]; then
  log "downloading $KPKG"
  rm -rf "$KDIR" "$CACHE/dl"; mkdir -p "$CACHE/dl" "$KDIR"
  (cd "$CACHE/dl" && apt-get download "$KPKG" >"$CACHE/apt.log" 2>&1) ||
    die "apt-get download $KPKG failed (see $CACHE/apt.log)"
  dpkg-deb -x "$CACHE"/dl/"$KPKG"_*.deb "$KDIR" || die "dpkg-deb -x failed"
  rm -rf "$CACHE/dl"
  depmod -b "$KDIR" "$KVER" || die "depmod failed"
  touch "$KDIR/.ok"
fi
VMLINUZ=$KDIR/boot/vmlinuz-$KVER
MODDIR=$KDIR/lib/modules/$KVER
[ -r "$VMLINUZ" ] && [ -d "$MODDIR" ] || die "kernel cache $KDIR is incomplete; rm -rf it"

# ---- 3. base initramfs (busybox + modules to reach the root), cached -------
INIT_SRC=$(dirname "$(readlink -f "$0")")/guest-init.sh
[ -r "$INIT_SRC" ] || die "missing $INIT_SRC"
BOOT_MODS="virtio_pci virtio_blk 9pnet_virtio 9p ext4 overlay"
IRD_KEY=$(cat "$INIT_SRC" "$BUSYBOX" <(echo "$BOOT_MODS $KVER") | sha256sum | cut -c1-16)
BASE_IRD=$CACHE/initramfs-$KVER-$IRD_KEY.cpio
if [ ! -e "$BASE_IRD" ]; then
  log "building $BASE_IRD"
  rm -f "$CACHE"/initramfs-*.cpio
  t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
  mkdir -p "$t/bin" "$t/modules" "$t/proc" "$t/sys" "$t/dev" "$t/host" "$t/scratch" "$t/newroot"
  mknod "$t/dev/console" c 5 1
  cp "$BUSYBOX" "$t/bin/busybox"
  cp "$INIT_SRC" "$t/init"; chmod 755 "$t/init"
  for m in $BOOT_MODS; do modprobe -d "$KDIR" -S "$KVER" --show-depends "$m"; done |
    awk '$1=="insmod" && !seen[$2]++ {print $2}' | while read -r ko; do
      cp "$ko" "$t/modules/"; basename "$ko" >>"$t/modules/order"
    done
  [ -s "$t/modules/order" ] || die "could not resolve boot modules"
  (cd "$t" && find . | "$BUSYBOX" cpio -o -H newc 2>/dev/null) >"$BASE_IRD.tmp"
  mv "$BASE_IRD.tmp" "$BASE_IRD"
  rm -rf "$t"; trap - EXIT
fi
flock -u 9

# ---- 4. per-run files: command cpio + scratch disk -------------------------
RUN=$(mktemp -d /tmp/bocker-vm.XXXXXX)
QPID= WPID=
cleanup() {
  [ -n "$WPID" ] && kill "$WPID" 2>/dev/null || true
  if [ -n "$QPID" ] && kill -0 "$QPID" 2>/dev/null; then kill "$QPID" 2>/dev/null || true; sleep 0.5; kill -9 "$QPID" 2>/dev/null || true; fi
  rm -rf "$RUN"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$RUN/c/bocker-vm"
printf '%s' "$CMD" >"$RUN/c/bocker-vm/cmd"
printf '%s' "$CWD" >"$RUN/c/bocker-vm/cwd"
printf '%s %s' "$HIDE" "$RUN" >"$RUN/c/bocker-vm/hide"
printf '%s' "$MODDIR" >"$RUN/c/bocker-vm/moddir"
printf '%s' "$DEBUG" >"$RUN/c/bocker-vm/debug"
(cd "$RUN/c" && find . | "$BUSYBOX" cpio -o -H newc 2>/dev/null) >"$RUN/run.cpio"
cat "$BASE_IRD" "$RUN/run.cpio" >"$RUN/initrd.cpio"
truncate -s "$DISK" "$RUN/scratch.img"
mkfs.ext4 -q -F -E lazy_itable_init=1,lazy_journal_init=1 -O ^has_journal "$RUN/scratch.img" ||
  die "mkfs.ext4 of scratch disk failed"

# ---- 5. accelerator --------------------------------------------------------
# /dev/kvm can exist yet not work (e.g. no nested virtualisation: the vCPU
# hangs or qemu aborts). Probe once by booting the kernel without a root fs
# (it panics and reboots at once) and cache the verdict per host kernel+qemu.
kvm_works() {
  [ -w /dev/kvm ] || return 1
  local key f
  key=$(printf '%s %s %s' "$(uname -r)" "$(qemu-system-x86_64 --version | head -1)" "$KVER" | sha256sum | cut -c1-12)
  f=$CACHE/kvm-probe-$key
  if [ ! -e "$f" ]; then
    log "probing KVM (cached in $f)"
    if timeout -k 2 20 qemu-system-x86_64 -accel kvm -cpu host -m 256 -nodefaults -no-user-config \
        -display none -monitor none -nic none -no-reboot -kernel "$VMLINUZ" \
        -append "console=ttyS0 panic=-1 loglevel=4" -serial stdio </dev/null 2>/dev/null |
        grep -q 'Kernel panic'; then echo yes >"$f"; else echo no >"$f"; fi
  fi
  [ "$(cat "$f")" = yes ]
}
case $ACCEL in
  kvm) ACC=(-accel kvm -cpu host) ;;
  tcg) ACC=(-accel tcg,thread=multi -cpu max) ;;
  auto) if kvm_works; then ACC=(-accel kvm -cpu host); else ACC=(-accel tcg,thread=multi -cpu max); fi ;;
  *) die "BOCKER_VM_ACCEL must be auto, kvm or tcg" ;;
esac
log "accelerator: ${ACC[*]}"

# ---- 6. boot ---------------------------------------------------------------
KAPPEND="console=ttyS0 panic=-1 mitigations=off cgroup_no_v1=all systemd.unified_cgroup_hierarchy=1 rdinit=/init"
[ "$DEBUG" = 1 ] && KAPPEND+=" loglevel=7" || KAPPEND+=" quiet loglevel=3"
[ "${ACC[1]}" = tcg,thread=multi ] && KAPPEND+=" tsc=unstable"
# ttyS0: kernel + init log -> console.log (stderr with DEBUG=1)
# ttyS1: the command's output + exit sentinel -> fifo -> our stdout
mkfifo "$RUN/out.in" "$RUN/out.out"
CONSOLE=(-chardev "file,id=con,path=$RUN/console.log")
T0=$(date +%s.%N)
timeout -k 5 "$TIMEOUT" qemu-system-x86_64 \
  "${ACC[@]}" -machine pc -m "$MEM" -smp "$CPUS" \
  -nodefaults -no-user-config -display none -monitor none -nic none -no-reboot \
  -kernel "$VMLINUZ" -initrd "$RUN/initrd.cpio" -append "$KAPPEND" \
  "${CONSOLE[@]}" -serial chardev:con \
  -chardev "pipe,id=out,path=$RUN/out" -serial chardev:out \
  -virtfs "local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap" \
  -drive "file=$RUN/scratch.img,format=raw,if=virtio,cache=unsafe,discard=unmap" \
  </dev/null >"$RUN/qemu.log" 2>&1 &
QPID=$!
# if qemu dies before opening the pipe, our open() of the fifo would block for
# ever: once qemu is gone, open it read-write once (a writer) and close it.
( while kill -0 "$QPID" 2>/dev/null; do sleep 0.5; done; exec 3<>"$RUN/out.out" ) &
WPID=$!
if [ "$DEBUG" = 1 ]; then
  ( tail -n +1 -F --pid=$QPID "$RUN/console.log" 2>/dev/null | sed -u 's/^/[guest] /' >&2 ) &
fi

RC=
held=0   # the guest prints "\n<sentinel>": hold back one empty line
while IFS= read -r line || [ -n "$line" ]; do
  line=${line%$'\r'}
  case $line in
    *"$SENTINEL"*)
      RC=${line#*"$SENTINEL"}; RC=${RC%%@@*}
      pre=${line%%"$SENTINEL"*}
      [ -n "$pre" ] && { [ $held = 1 ] && echo; printf '%s\n' "$pre"; }
      held=0
      ;;
    '') [ $held = 1 ] && echo; held=1 ;;
    *) [ $held = 1 ] && echo; held=0; printf '%s\n' "$line" ;;
  esac
done <"$RUN/out.out"
[ $held = 1 ] && echo
set +e
wait "$QPID"; QRC=$?
set -e
QPID=
T1=$(date +%s.%N)
log "guest ran $(awk -v a="$T0" -v b="$T1" 'BEGIN{printf "%.1f", b-a}')s, qemu exit $QRC"
if [ -z "$RC" ]; then
  if [ "$QRC" = 124 ] || [ "$QRC" = 137 ]; then
    echo "run-in-v2-guest: error: guest timed out after ${TIMEOUT}s (BOCKER_VM_TIMEOUT)" >&2; RC=124
  else
    echo "run-in-v2-guest: error: guest stopped without reporting an exit code (qemu exit $QRC)" >&2; RC=125
  fi
  { echo "--- qemu:"; tail -n 20 "$RUN/qemu.log"; echo "--- guest console (last 40 lines):"; tail -n 40 "$RUN/console.log" 2>/dev/null | tr -d '\r'; } >&2 || true
fi
case $RC in ''|*[!0-9]*) echo "run-in-v2-guest: error: bad exit code '$RC' from guest" >&2; RC=125 ;; esac
exit "$RC"
