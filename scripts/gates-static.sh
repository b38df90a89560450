#!/usr/bin/env bash
# gates-static.sh RESULTS: the patch gates that build nothing, one result
# row each: checkpatch --strict on every patch, a MAINTAINERS entry for
# every file the series adds, kernel-doc -none -Wall on the kernel files
# the series touches (new files clean, old files no new warnings).  Reads
# $LINUX (base..HEAD), changes nothing there.  A row that passed for the
# same inputs (the patch or file, the base tree's scripts, this script)
# passed before: memo_key in scripts/lib.sh.
set -uo pipefail
. "$(dirname "$0")/lib.sh"

RESULTS=$1
git_l() { git -C "$LINUX" "$@"; }
memo_common=$(cat "$0" "$top/scripts/lib.sh" | sha1sum; git_l rev-parse "base^{tree}")
# gate ROW KEY: ROW passed before with KEY (a pass row); else false
gate() { memo_hit "$2" && record gates "$1" pass "passed before (same inputs)"; }

np=0
for p in "$top"/patches/[0-9]*.patch; do
	[ -e "$p" ] || continue
	case "$p" in */0000-cover-letter.patch) continue ;; esac
	np=$((np + 1))
	key=$(memo_key "$memo_common" checkpatch "$(sha1sum <"$p")")
	gate "checkpatch ${p##*/}" "$key" && continue
	# spdxcheck.py needs ply: Debian's python3-ply, for /usr/bin/python3
	# FILE_PATH_CHANGES: MAINTAINERS coverage is its own gate below
	out=$(PATH=/usr/bin:$PATH "$LINUX/scripts/checkpatch.pl" --strict \
		--no-signoff --terse --show-types --ignore FILE_PATH_CHANGES \
		"$p" 2>&1)
	bad=$(grep -E ': (ERROR|WARNING|CHECK):' <<<"$out")
	if [ -z "$bad" ] && ! grep -q Traceback <<<"$out"; then
		record gates "checkpatch ${p##*/}" pass
		memo_pass "$key"
	else
		echo "$out" | sed 's/^/      /'
		record gates "checkpatch ${p##*/}" fail "$(grep -c . <<<"$bad") reports"
	fi
done
[ "$np" = 0 ] && record gates "checkpatch (empty series)" pass

# every file the series adds has a maintainer in MAINTAINERS
for f in $(git_l diff --name-only --diff-filter=A base HEAD); do
	key=$(memo_key "$memo_common" maintainers "$f" "$(git_l rev-parse HEAD:MAINTAINERS)")
	gate "MAINTAINERS covers $f" "$key" && continue
	# capture first: grep -q would make get_maintainer.pl die of SIGPIPE
	m=$(cd "$LINUX" && scripts/get_maintainer.pl --no-git --no-git-fallback \
		-f "$f" 2>/dev/null)
	if grep -q '(maintainer:' <<<"$m"; then
		record gates "MAINTAINERS covers $f" pass
		memo_pass "$key"
	else
		record gates "MAINTAINERS covers $f" fail "no maintainer entry"
	fi
done

for f in $(touched "$LINUX" HEAD '*.c' '*.h'); do
	# the file as the work tree has it (make lint runs on linux/)
	key=$(memo_key "$memo_common" kernel-doc "$f" "$(sha1sum <"$LINUX/$f")" \
		"$(git_l rev-parse "base:$f" 2>/dev/null)")
	gate "kernel-doc $f" "$key" && continue
	new=$("$LINUX/scripts/kernel-doc" -none -Wall "$LINUX/$f" 2>&1 |
		sed -E 's/:[0-9]+([: ])/\1/' | sort -u)
	old=""
	if git_l cat-file -e "base:$f" 2>/dev/null; then
		old=$(git_l show "base:$f" >"$OUT/kdoc-base.tmp" &&
			"$LINUX/scripts/kernel-doc" -none -Wall "$OUT/kdoc-base.tmp" 2>&1 |
			sed -E "s|$OUT/kdoc-base.tmp|$LINUX/$f|; s/:[0-9]+([: ])/\\1/" | sort -u)
	fi
	gate_no_new "kernel-doc $f" "$key" "$new" "$old"
done
