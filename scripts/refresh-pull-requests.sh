#!/usr/bin/env bash
# Opens or updates one pull request per API that scripts/refresh-apis.sh changed: branch `refresh/<spec>` holds
# the new spec/<spec>.yaml and Generated/<Module>/ on top of the base branch, the body is the diff report, and
# the label `breaking-change` marks a change that breaks callers (the spec-diff workflow then fails until a
# reviewer adds `breaking-change-intended`). Run after refresh-apis.sh, in the repository it refreshed.
#
# Usage: scripts/refresh-pull-requests.sh [--dry-run] [--base BRANCH] [--root DIR] REPORTS
#   REPORTS     the folder refresh-apis.sh wrote (summary.tsv and <spec>.md)
#   --dry-run   print the git and gh commands instead of running them (CI checks it against a local server)
#   --base      the branch the pull requests go into (default: main)
#   --root      the repository refresh-apis.sh refreshed (default: this one)
set -euo pipefail
cd "$(dirname "$0")/.."

dry_run=no
base=main
reports=""
while [ "$#" -gt 0 ]; do
    case "$1" in
        --dry-run) dry_run=yes; shift ;;
        --base) base="$2"; shift 2 ;;
        --root) root="$(cd "$2" && pwd)"; shift 2 ;;
        -*) sed -n '7,11s/^# \{0,1\}//p' "$0" >&2; exit 1 ;;
        *) reports="$(cd "$1" && pwd)"; shift ;;
    esac
done
[ -z "${root:-}" ] || cd "$root"
[ -f "$reports/summary.tsv" ] || { echo "no $reports/summary.tsv: run scripts/refresh-apis.sh first" >&2; exit 1; }

# Runs a command, or prints it (quoted as a shell would read it) in a dry run.
run() {
    if [ "$dry_run" = yes ]; then
        printf '%q ' "$@"
        echo
    else
        "$@"
    fi
}

# The refreshed files, set aside: each pull request starts from the base branch and takes only its API's files.
saved="$(mktemp -d)"
trap 'rm -rf "$saved"' EXIT
while IFS=$'\t' read -r name _ _ _; do
    module="$(sed -n 's/^module: *//p' "spec/$name.yaml" | head -1)"
    mkdir -p "$saved/$name"
    cp "spec/$name.yaml" "$saved/$name/"
    cp -R "Generated/$module" "$saved/$name/"
done <"$reports/summary.tsv"

while IFS=$'\t' read -r name old_revision new_revision is_breaking; do
    module="$(sed -n 's/^module: *//p' "$saved/$name/$name.yaml" | head -1)"
    branch="refresh/$name"
    title="$module: revision $old_revision → $new_revision"
    run git switch --force-create "$branch" "origin/$base"
    run rm -rf "Generated/$module"
    run cp "$saved/$name/$name.yaml" "spec/$name.yaml"
    run cp -R "$saved/$name/$module" "Generated/$module"
    run git add "spec/$name.yaml" "Generated/$module"
    run git commit --message "$title" --message "Refreshed from Google's Discovery document by scripts/refresh-apis.sh."
    run git push --force origin "$branch"
    labels="refresh"
    [ "$is_breaking" = no ] || labels+=",breaking-change"
    if [ "$dry_run" = no ] && gh pr view "$branch" >/dev/null 2>&1; then
        run gh pr edit "$branch" --title "$title" --body-file "$reports/$name.md" --add-label "$labels"
    else
        run gh pr create --base "$base" --head "$branch" --title "$title" --body-file "$reports/$name.md" \
            --label "$labels"
    fi
done <"$reports/summary.tsv"
run git switch "$base"
