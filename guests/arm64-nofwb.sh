# guests/arm64-nofwb.sh: the arm64 kernel and initramfs booted again on a
# CPU without FEAT_S2FWB (neoverse-n1: ARMv8.2, VHE; QEMU's "max" has
# FWB), running only the KVM tests, so that the stage-2 memory types are
# checked in both MemAttr encodings.  No build of its own.
. "$top/guests/arm64.sh"
G_BASE=arm64
G_WHAT="the arm64 kernel on neoverse-n1 (no FEAT_S2FWB), KVM tests"
G_CPU=neoverse-n1
G_RUN=kvm
G_PROFILES=check
