# Sourced by the scripts that run the generator on real documents: builds the generator and the runtime (with
# the flags .ci/run builds with, so that nothing is rebuilt) and sets `bin_path` and `modules`, where the
# generator and the runtime's Swift modules are.
echo "== building the generator and the runtime" >&2
# shellcheck disable=SC2086
swift build ${SWIFT_BUILD_FLAGS:-} --product discovery-generator >&2
# shellcheck disable=SC2086
swift build ${SWIFT_BUILD_FLAGS:-} --target DiscoveryRuntime >&2
bin_path="$(swift build --show-bin-path)"
modules="$bin_path/Modules"
[ -d "$modules" ] || modules="$bin_path"
