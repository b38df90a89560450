# Sourced: apt_private NAME 'deb ...' ARGS...: run apt-get with a private
# sources list and private state under the cache, leaving the system's apt
# configuration alone.  Used for the base kernel (trixie-backports) and for
# foreign-architecture guest userland (G_DEB_ARCH of guests/), from the
# mirror the system's own apt configuration names (debian_mirror below).
apt_private() {
	local name=$1 src=$2
	shift 2
	local d=${CACHE:?}/apt/$name a archs=(-o APT::Architectures::=amd64)
	# the host's and every guest's userland (G_DEB_ARCH in guests/*.sh)
	while read -r a; do
		[ -z "$a" ] || archs+=(-o "APT::Architectures::=$a")
	done < <(sed -n 's/^G_DEB_ARCH=//p' "$(dirname "${BASH_SOURCE[0]}")"/../guests/*.sh | sort -u)
	mkdir -p "$d/lists/partial" "$d/archives/partial"
	echo "$src" >"$d/sources.list"
	apt-get -q -o Dir::Etc::sourcelist="$d/sources.list" \
		-o Dir::Etc::sourceparts=/nonexistent \
		-o Dir::State::Lists="$d/lists" \
		-o Dir::Cache::Archives="$d/archives" \
		-o Dir::Cache::pkgcache="" -o Dir::Cache::srcpkgcache="" \
		"${archs[@]}" -o APT::Sandbox::User=root \
		"$@"
}

# debian_mirror: the URI of the system's Debian archive, from its own apt
# configuration (deb822 .sources or one-line sources.list), so that a
# machine behind a local mirror or proxy fetches from it; VFIO_WC_MIRROR
# overrides it.  Security and updates suites are passed over.
debian_mirror() {
	if [ -n "${VFIO_WC_MIRROR:-}" ]; then
		echo "$VFIO_WC_MIRROR"
		return
	fi
	local uri
	uri=$({
		awk 'BEGIN { RS = ""; FS = "\n" }
		     {
			u = ""; s = ""
			for (i = 1; i <= NF; i++) {
				if ($i ~ /^URIs:/) { u = $i; sub(/^URIs:[ \t]*/, "", u); sub(/[ \t].*/, "", u) }
				if ($i ~ /^Suites:/) s = $i
			}
			if (u != "" && s !~ /security/ && u !~ /security/) print u
		     }' /etc/apt/sources.list.d/*.sources 2>/dev/null || true
		awk '$1 == "deb" {
			for (i = 2; i <= NF; i++) if ($i !~ /^\[/ && $i !~ /\]$/) break
			if ($(i + 1) !~ /security|updates/ && $i !~ /security/) print $i
		     }' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null || true
	} | awk '/\/debian\/*$/ && !n++')
	[ -n "$uri" ] || { echo "no Debian archive in the system's apt sources; set VFIO_WC_MIRROR" >&2; return 1; }
	echo "${uri%/}"
}
