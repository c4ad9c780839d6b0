#!/usr/bin/env bash
# v2-checks.sh — run INSIDE the pure-cgroup-v2 guest (see run-in-v2-guest.sh).
# Proves the guest is pure v2, that the v2 commands from
# shared/notes/domain-facts.md §1.4 work, that bocker's v1 lines fail with the
# documented exit codes, and that everything else bocker_run needs (loop
# btrfs at /var/bocker, bridge0, veth, netns, unshare+chroot, node) works.
# Prints one "CHECK <name> ok|FAIL <detail>" line per check, then
# "CHECKS_DONE total=N failed=M"; exits 1 if any check failed.
set -u
T=ps_v2chk
fails=0 total=0
ok() { total=$((total+1)); echo "CHECK $1 ok${2:+ $2}"; }
bad() { total=$((total+1)); fails=$((fails+1)); echo "CHECK $1 FAIL $2"; }
expect_eq() { # name actual expected
  if [ "$2" = "$3" ]; then ok "$1" "$2"; else bad "$1" "got '$2' want '$3'"; fi
}
expect_rc() { # name wanted-rc cmd...
  local name=$1 want=$2 out rc; shift 2
  out=$("$@" 2>&1); rc=$?
  if [ "$rc" = "$want" ]; then ok "$name" "rc=$rc $(echo "$out" | head -1)"; else bad "$name" "rc=$rc want $want: $(echo "$out" | head -2 | tr '\n' ' ')"; fi
}
CG=/sys/fs/cgroup

# --- pure v2 ----------------------------------------------------------------
expect_eq fstype "$(stat -fc %T $CG)" cgroup2fs
ctrls=$(cat $CG/cgroup.controllers)
case " $ctrls " in *" cpu "*" memory "*|*" memory "*" cpu "*) ok controllers "$ctrls" ;; *) bad controllers "$ctrls" ;; esac
expect_eq proc-self-cgroup "$(cat /proc/self/cgroup)" "0::/"
v1=$(awk '$2!=0 && NR>1' /proc/cgroups | wc -l)
expect_eq no-v1-hierarchies "$v1" 0
expect_eq no-cgroup1-mounts "$(grep -c ' cgroup ' /proc/mounts)" 0
echo "INFO kernel $(uname -r)"

# --- v2 sysfs commands (domain-facts §1.4) -----------------------------------
mkdir $CG/$T && ok mkdir-cgroup || bad mkdir-cgroup "mkdir $CG/$T"
echo "+cpu +memory" >$CG/cgroup.subtree_control && ok subtree_control "$(cat $CG/cgroup.subtree_control)" || bad subtree_control "write failed"
[ -e $CG/$T/cpu.weight ] && [ -e $CG/$T/memory.max ] && ok v2-files || bad v2-files "$(ls $CG/$T | tr '\n' ' ')"
echo 50 >$CG/$T/cpu.weight; expect_eq cpu.weight "$(cat $CG/$T/cpu.weight)" 50
echo 512000000 >$CG/$T/memory.max; expect_eq memory.max "$(cat $CG/$T/memory.max)" 512000000  # = 125000 pages
[ ! -e $CG/$T/cpu.shares ] && ok no-cpu.shares || bad no-cpu.shares "exists"
got=$(sh -c "echo \$\$ > $CG/$T/cgroup.procs && cat /proc/self/cgroup")
expect_eq cgroup.procs "$got" "0::/$T"
got=$(cgexec -g cpu,memory:$T cat /proc/self/cgroup 2>&1)
expect_eq cgexec-cpu-memory "$got" "0::/$T"
grep -q usage_usec $CG/$T/cpu.stat && ok cpu.stat-usage_usec || bad cpu.stat-usage_usec "missing"

# --- bocker's v1 lines fail as documented -------------------------------------
expect_rc cgcreate-v1 84 cgcreate -g cpu,cpuacct,memory:/ps_v1x
expect_rc cgset-cpu.shares 95 cgset -r cpu.shares=512 $T
expect_rc cgset-memory.limit_in_bytes 95 cgset -r memory.limit_in_bytes=512000000 $T
expect_rc cgexec-v1 84 cgexec -g cpu,cpuacct,memory:$T true
# and the libcgroup v2 spellings work
expect_rc cgcreate-v2 0 cgcreate -g cpu,memory:/ps_v2y
expect_rc cgset-v2 0 cgset -r cpu.weight=50 -r memory.max=512000000 ps_v2y
expect_eq cgset-v2-readback "$(cat $CG/ps_v2y/cpu.weight)" 50
rmdir $CG/ps_v2y 2>/dev/null

# --- btrfs on a loop file at /var/bocker (domain-facts §2) --------------------
img=/var/lib/bocker.img
if fallocate -l 2G $img && mkfs.btrfs -q $img >/dev/null && mkdir -p /var/bocker && mount -o loop $img /var/bocker; then
  expect_eq btrfs-mount "$(stat -fc %T /var/bocker)" btrfs
else bad btrfs-mount "fallocate/mkfs/mount failed"; fi
b=/var/bocker
if btrfs subvolume create $b/img_1 >/dev/null && btrfs subvolume snapshot $b/img_1 $b/ps_1 >/dev/null; then
  ok btrfs-snapshot "$(btrfs subvolume list $b | awk '{print $NF}' | tr '\n' ' ')"
else bad btrfs-snapshot "subvolume create/snapshot failed"; fi

# --- bridge0, veth pair, netns (bocker's network setup) ------------------------
ip link add bridge0 type bridge && ip addr add 10.0.0.1/24 dev bridge0 && ip link set bridge0 up &&
  ok bridge0 "$(ip -br addr show bridge0 | awk '{print $3}')" || bad bridge0 "ip link/addr failed"
ip link add dev veth0_1 type veth peer name veth1_1 && ip link set dev veth0_1 up &&
  ip link set veth0_1 master bridge0 && ok veth || bad veth "ip link add veth failed"
ip netns add netns_1 && ip link set veth1_1 netns netns_1 &&
  ip netns exec netns_1 ip link set dev lo up &&
  ip netns exec netns_1 ip addr add 10.0.0.2/24 dev veth1_1 &&
  ip netns exec netns_1 ip link set dev veth1_1 up &&
  ip netns exec netns_1 ip route add default via 10.0.0.1 && ok netns || bad netns "netns setup failed"
# traffic stays inside the guest: netns -> bridge0 on the same kernel
if ip netns exec netns_1 /bin/busybox ping -c 1 -W 5 10.0.0.1 >/dev/null 2>&1; then ok ping-bridge
else bad ping-bridge "netns_1 cannot reach 10.0.0.1"; fi

# --- the whole bocker_run pipeline, v2 flavour (bocker: ip netns exec ... unshare
#     -fmuip --mount-proc chroot DIR /bin/sh -c "/bin/mount -t proc proc /proc && CMD")
r=$b/img_1
mkdir -p $r/bin $r/proc $r/etc $r/dev && cp /bin/busybox $r/bin/busybox && ln -sf busybox $r/bin/sh
btrfs subvolume delete $b/ps_1 >/dev/null && btrfs subvolume snapshot $r $b/ps_1 >/dev/null
out=$(cgexec -g cpu,memory:$T ip netns exec netns_1 unshare -fmuip --mount-proc \
  chroot $b/ps_1 /bin/sh -c '/bin/busybox mount -t proc proc /proc && echo pid=$$ && /bin/busybox cat /proc/1/cgroup; /bin/busybox ip -4 -o addr show veth1_1' 2>&1)
case $out in *"pid=1"*"0::/"*"10.0.0.2/24"*) ok container "$(echo "$out" | tr '\n' ' ')" ;; *) bad container "$out" ;; esac

# --- node from the shared host root -----------------------------------------
expect_eq node "$(node -e 'console.log(process.version)' 2>&1 | head -1)" "$(node --version 2>&1)"
[ -n "$(node --version 2>/dev/null)" ] || bad node-present "no node in PATH ($PATH)"

# --- cleanup (v2 way) ---------------------------------------------------------
ip netns del netns_1; ip link del bridge0 2>/dev/null
umount $b && rm -f $img
echo 1 >$CG/$T/cgroup.kill 2>/dev/null; sleep 0.2
rmdir $CG/$T && ok cgroup-rmdir || bad cgroup-rmdir "rmdir $CG/$T"

echo "CHECKS_DONE total=$total failed=$fails"
[ $fails = 0 ]
