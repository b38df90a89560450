# Sourced: apt_private NAME 'deb ...' ARGS...: run apt-get with a private
# sources list and private state under the cache, leaving the system's apt
# configuration alone.  Used for the base kernel (trixie-backports) and for
# foreign-architecture guest userland (bookworm arm64 and i386).
apt_private() {
	local name=$1 src=$2
	shift 2
	local d=${CACHE:?}/apt/$name
	mkdir -p "$d/lists/partial" "$d/archives/partial"
	echo "$src" >"$d/sources.list"
	apt-get -q -o Dir::Etc::sourcelist="$d/sources.list" \
		-o Dir::Etc::sourceparts=/nonexistent \
		-o Dir::State::Lists="$d/lists" \
		-o Dir::Cache::Archives="$d/archives" \
		-o Dir::Cache::pkgcache="" -o Dir::Cache::srcpkgcache="" \
		-o APT::Architectures::=amd64 -o APT::Architectures::=arm64 \
		-o APT::Architectures::=i386 \
		-o APT::Sandbox::User=root \
		"$@"
}
