#!/usr/bin/env bash
# Refreshes the specs in spec/ from Google: for each spec with a `discoveryURL`, fetches the current Discovery
# document, imports it (keeping the spec's module name and URL), and when the revision changed, writes the new
# spec, regenerates Generated/, and writes `discovery-generator diff`'s Markdown report (for the pull request's
# body) to REPORTS/<spec>.md. REPORTS/summary.tsv lists the changed specs: name, old revision, new revision, and
# whether a change breaks callers.
#
# A script rather than `discovery-generator update`: fetching needs an HTTP client (Foundation's networking), and
# the generator, which every user of the build plugin compiles, depends on swift-argument-parser and libyaml only.
#
# Usage: scripts/refresh-apis.sh [--root DIR] [--reports DIR] [--discovery-root URL] [--only NAME...]
#   --root DIR            the folder with spec/ and Generated/ (default: the package; tests: a copy)
#   --reports DIR         where the reports go (default: .build/refresh)
#   --discovery-root URL  fetch https://HOST/PATH from URL/HOST/PATH instead (tests: a local Discovery server)
#   --only NAME...        only spec/NAME.yaml
# Exit status: 0 nothing changed, 2 something changed and nothing breaks callers, 3 a change breaks callers,
# 1 a failure (a fetch, an import, the generator).
set -euo pipefail
cd "$(dirname "$0")/.."

reports=".build/refresh"
root=""
discovery_root=""
only=()
while [ "$#" -gt 0 ]; do
    case "$1" in
        --reports) reports="$2"; shift 2 ;;
        --discovery-root) discovery_root="${2%/}"; shift 2 ;;
        --only) shift; while [ "$#" -gt 0 ] && [[ "$1" != --* ]]; do only+=("$1"); shift; done ;;
        --root) root="$(cd "$2" && pwd)"; shift 2 ;;
        *) sed -n '12,18s/^# \{0,1\}//p' "$0" >&2; exit 1 ;;
    esac
done

# shellcheck source=scripts/lib/build-generator.sh
source scripts/lib/build-generator.sh
generator="$bin_path/discovery-generator"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$reports"
reports="$(cd "$reports" && pwd)"
[ -z "$root" ] || cd "$root"
: >"$reports/summary.tsv"

# The value of a top-level key of a spec, unquoted.
top_level() { sed -n "s/^$1: *//p" "$2" | head -1 | sed 's/^"\(.*\)"$/\1/'; }

changed=0
breaking=0
for spec in spec/*.yaml; do
    name="$(basename "$spec" .yaml)"
    if [ "${#only[@]}" -gt 0 ] && ! printf '%s\n' "${only[@]}" | grep -qxF "$name"; then continue; fi
    url="$(top_level discoveryURL "$spec")"
    if [ -z "$url" ]; then
        echo "$name: no discoveryURL, skipped" >&2
        continue
    fi
    fetch_url="$url"
    [ -z "$discovery_root" ] || fetch_url="$discovery_root/${url#https://}"
    if ! curl -fsS --max-time 120 --retry 2 -o "$work/$name.json" "$fetch_url"; then
        echo "$name: cannot fetch $fetch_url" >&2
        exit 1
    fi
    "$generator" import "$work/$name.json" -o "$work/$name.yaml" --module "$(top_level module "$spec")" \
        --discovery-url "$url" 2>"$work/$name.import.log" || {
        echo "$name: the new document does not import:" >&2
        cat "$work/$name.import.log" >&2
        exit 1
    }
    old_revision="$(top_level revision "$spec")"
    new_revision="$(top_level revision "$work/$name.yaml")"
    if cmp -s "$spec" "$work/$name.yaml"; then
        echo "$name: revision $old_revision, unchanged" >&2
        continue
    fi
    # What changes for code that uses the generated Swift: the report, and whether anything breaks it.
    "$generator" diff "$spec" "$work/$name.yaml" --format markdown --output "$reports/$name.md" >/dev/null
    breaking_count="$("$generator" diff "$spec" "$work/$name.yaml" --format json | jq '.breakingCount')"
    is_breaking=$([ "$breaking_count" -gt 0 ] && echo yes || echo no)
    cp "$work/$name.yaml" "$spec"
    printf '%s\t%s\t%s\t%s\n' "$name" "$old_revision" "$new_revision" "$is_breaking" >>"$reports/summary.tsv"
    echo "$name: revision $old_revision → $new_revision$([ "$is_breaking" = yes ] && echo ', breaking')" >&2
    changed=1
    [ "$is_breaking" = no ] || breaking=1
done

if [ "$changed" -eq 0 ]; then
    exit 0
fi
"$generator" generate
[ "$breaking" -eq 0 ] && exit 2
exit 3
