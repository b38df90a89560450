# guests/x86_64-nopat.sh: the x86_64 kernel and initramfs booted again
# with nopat, running only the KUnit suite x86_pat_memtype_strict: its
# memtype_strict_no_pat case checks that without PAT the strict
# reservation is refused.  No build of its own.
. "$top/guests/x86_64.sh"
G_BASE=x86_64
G_WHAT="the x86_64 kernel with nopat, strict memtype KUnit"
G_APPEND="$G_APPEND nopat kunit.filter_glob=x86_pat_memtype_strict"
G_RUN=none
G_KUNIT="x86_pat_memtype_strict"
G_PROFILES=check
