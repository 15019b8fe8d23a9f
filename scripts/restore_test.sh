#!/usr/bin/env bash
# Proves that a backup taken as docs/deploy.md describes can be restored.
#
# Builds a scratch database with the demo data and scratch media folders, backs them up
# (pg_dump --format=custom, tar of media/ and private/), restores the backup into a second,
# empty database and folder, and compares the two: every table's rows, the key tables' counts,
# `manage.py check` and `migrate --check` on the restored database, and every file byte for byte.
# Both databases and all temporary files are removed at the end, whatever happens.
#
# Usage (from anywhere; it runs in the project root):  scripts/restore_test.sh
# Connection: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres), PGPASSWORD (none); the user
# must be allowed to create databases. PYTHON defaults to the project's .venv/bin/python.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
[[ -f manage.py ]] || { echo "restore_test: cannot find manage.py" >&2; exit 2; }

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
PYTHON="${PYTHON:-.venv/bin/python}"
SRC_DB=otvoren_grad_restore_src
DST_DB=otvoren_grad_restore_dst
KEY_TABLES=(accounts_user wagtailcore_page wagtailcore_revision consultation_comment consultation_proposal
    council_meeting council_motion council_minutes council_meetingdocument)

WORK="$(mktemp -d -t otvoren-grad-restore.XXXXXX)"
SRC_FILES="$WORK/src"      # stands for /var/lib/otvoren-grad on the live server
DST_FILES="$WORK/dst"      # where the backup is unpacked
BACKUP="$WORK/backup"      # what the nightly backup leaves behind
mkdir -p "$SRC_FILES/media" "$SRC_FILES/private" "$DST_FILES" "$BACKUP"

CURRENT_STEP="start" FINISHED=""
cleanup() {
    local status=$?
    dropdb --if-exists --force "$SRC_DB" >/dev/null 2>&1 || true
    dropdb --if-exists --force "$DST_DB" >/dev/null 2>&1 || true
    rm -rf "$WORK"
    if [[ -z "$FINISHED" ]]; then
        printf '\nFAIL: stopped at "%s" (exit status %s)\n' "$CURRENT_STEP" "$status"
        exit $((status ? status : 1))
    fi
}
trap cleanup EXIT

step() {
    CURRENT_STEP="$*"
    printf '\n== %s\n' "$*"
}

# postgres://user[:password]@host:port/name, quoted for a URL.
database_url() {
    "$PYTHON" - "$1" <<'PY'
import os, sys
from urllib.parse import quote
auth = quote(os.environ["PGUSER"], safe="")
if os.environ.get("PGPASSWORD"):
    auth += ":" + quote(os.environ["PGPASSWORD"], safe="")
print(f"postgres://{auth}@{os.environ['PGHOST']}:{os.environ['PGPORT']}/{sys.argv[1]}")
PY
}
SRC_URL="$(database_url "$SRC_DB")"
DST_URL="$(database_url "$DST_DB")"

# manage.py against one scratch database and folder, with development settings (the only ones
# that allow seed_demo) and nothing inherited that could reach a real service (SMTP, Redis).
manage() {
    local url="$1" files="$2"
    shift 2
    env -i PATH="$PATH" HOME="${HOME:-$WORK}" LANG=C.UTF-8 \
        DJANGO_SETTINGS_MODULE=cms.settings.dev DEBUG=0 \
        DATABASE_URL="$url" \
        MEDIA_ROOT="$files/media" PRIVATE_MEDIA_ROOT="$files/private" \
        EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend \
        "$PYTHON" manage.py "$@"
}

sql() { psql --no-psqlrc --quiet --tuples-only --no-align --set=ON_ERROR_STOP=1 --dbname="$1" --command="$2"; }

# One line per table of the public schema: name, row count and an MD5 of all its rows.
fingerprint() {
    local db="$1" table
    for table in $(sql "$db" "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"); do
        sql "$db" "SELECT '$table', count(*), md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), ''))
                   FROM public.\"$table\" AS t" | tr '|' ' '
    done
}

FAILURES=()
check() {  # check "description" command...: prints ok or FAIL, and the command's output on failure
    local what="$1"
    shift
    if "$@" >"$WORK/check.out" 2>&1; then
        printf 'ok    %s\n' "$what"
    else
        printf 'FAIL  %s\n' "$what"
        sed 's/^/      | /' "$WORK/check.out" | head -40
        FAILURES+=("$what")
    fi
}

step "Source: database $SRC_DB with the demo data"
dropdb --if-exists --force "$SRC_DB"
createdb "$SRC_DB"
manage "$SRC_URL" "$SRC_FILES" migrate --verbosity=0
manage "$SRC_URL" "$SRC_FILES" seed_demo --verbosity=0

step "Source: files in MEDIA_ROOT and PRIVATE_MEDIA_ROOT"
# A council document uploaded the way the app stores one (a row and a file in private storage),
# a public file and one with a non-ASCII name.
manage "$SRC_URL" "$SRC_FILES" shell --verbosity=0 --command="
import os
from django.core.files.base import ContentFile
from council.models import Meeting, MeetingDocument
document = MeetingDocument(meeting=Meeting.objects.order_by('pk').first(), title='Restore test')
document.file.save('agenda.pdf', ContentFile(b'%PDF-1.7\\n' + os.urandom(200_000)))
"
mkdir -p "$SRC_FILES/media/restore-test"
head -c 300000 /dev/urandom >"$SRC_FILES/media/restore-test/random.bin"
printf 'Отворен град — آزمون بازیابی\n' >"$SRC_FILES/media/restore-test/non-ascii name ü.txt"
(cd "$SRC_FILES" && find . -type f | sort)

step "Backup, as in docs/deploy.md"
pg_dump --format=custom "$SRC_DB" >"$BACKUP/db.dump"
tar --create --gzip --file="$BACKUP/media.tar.gz" --directory="$SRC_FILES" media private
ls -l "$BACKUP"

step "Restore into the empty database $DST_DB and an empty folder"
dropdb --if-exists --force "$DST_DB"
createdb "$DST_DB"
# As in docs/deploy.md, without --role: here the connecting user owns the restored objects.
pg_restore --exit-on-error --single-transaction --no-owner --no-privileges --dbname="$DST_DB" "$BACKUP/db.dump"
tar --extract --gzip --file="$BACKUP/media.tar.gz" --directory="$DST_FILES"

step "Compare"
fingerprint "$SRC_DB" >"$WORK/src.tables"
fingerprint "$DST_DB" >"$WORK/dst.tables"
count() { awk -v t="$2" '$1 == t {print $2}' "$WORK/$1.tables"; }
MISMATCHED=() EMPTY=()
printf '%-26s %9s %9s\n' table source restored
for table in "${KEY_TABLES[@]}"; do
    src_count="$(count src "$table")" dst_count="$(count dst "$table")"
    printf '%-26s %9s %9s\n' "$table" "${src_count:-missing}" "${dst_count:-missing}"
    [[ -n "$src_count" && "$src_count" == "$dst_count" ]] || MISMATCHED+=("$table")
    [[ "${src_count:-0}" -gt 0 ]] || EMPTY+=("$table")
done
echo
check "key tables: same row counts${MISMATCHED[*]:+ (differ: ${MISMATCHED[*]})}" test ${#MISMATCHED[@]} -eq 0
check "key tables: none empty in the source${EMPTY[*]:+ (empty: ${EMPTY[*]})}" test ${#EMPTY[@]} -eq 0
check "all $(wc -l <"$WORK/src.tables") tables: same rows (MD5 of every row of each table)" \
    diff "$WORK/src.tables" "$WORK/dst.tables"
check "manage.py check --database default" manage "$DST_URL" "$DST_FILES" check --database default
check "manage.py migrate --check (no migration left to apply)" \
    manage "$DST_URL" "$DST_FILES" migrate --check --plan
check "files: same tree, byte for byte ($(find "$SRC_FILES" -type f | wc -l) files)" \
    diff --recursive --no-dereference "$SRC_FILES" "$DST_FILES"
# Every file the restored database refers to (any FileField of any model) is in restored storage.
check "files: every file the restored database refers to exists" \
    manage "$DST_URL" "$DST_FILES" shell --verbosity=0 --command="
import sys
from django.apps import apps
from django.db.models import FileField
referenced, missing = 0, []
for model in apps.get_models():
    for field in model._meta.concrete_fields:
        if isinstance(field, FileField):
            for name in model._base_manager.exclude(**{field.name: ''}).values_list(field.name, flat=True):
                referenced += 1
                if not field.storage.exists(name):
                    missing.append(f'{model._meta.label}.{field.name}: {name}')
print(referenced, 'referenced;', len(missing), 'missing', *missing, sep='\\n')
sys.exit(1 if missing or not referenced else 0)
"

echo
FINISHED=1
if ((${#FAILURES[@]})); then
    echo "FAIL: the backup did not restore identically (${#FAILURES[@]} check(s) failed):"
    printf '  - %s\n' "${FAILURES[@]}"
    exit 1
fi
echo "PASS: database ($(wc -l <"$WORK/src.tables") tables) and files ($(find "$SRC_FILES" -type f | wc -l)) restored identically"
