#!/usr/bin/env bash
# Builds and checks the Python package without PyPI (`npx projen package:python-check`).
#
# jsii-pacmak's normal Python path installs pinned build tools from PyPI,
# which our machines cannot reach. Instead:
#   1. jsii-pacmak --code-only generates the Python sources (they embed the
#      npm tarball of the library, handler asset included);
#   2. Debian's python3-build builds the sdist and the wheel from them, with
#      Debian's setuptools and wheel (--no-isolation; the generated
#      pyproject.toml pins newer versions of those, which only matter to PyPI);
#   3. twine check validates both for PyPI;
#   4. the wheel is installed into a fresh venv (--no-deps: its runtime
#      dependencies jsii, constructs and aws-cdk-lib exist only on PyPI) and
#      scripts/check_python_wheel.py inspects its metadata and the bundled
#      tarball.
# Needs `npx projen compile` and `npx projen bundle` first, and the Debian
# packages python3-build python3-venv twine (.ci/run installs them).
# Writes dist/python-packages/.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian's interpreter: python3-build and twine are installed for it, not
# for whichever python3 comes first on PATH (pyenv's, on our machines).
PY=/usr/bin/python3
OUT=dist/python-packages

missing=()
"$PY" -c 'import build' 2>/dev/null || missing+=(python3-build)
"$PY" -c 'import ensurepip, venv' 2>/dev/null || missing+=(python3-venv)
"$PY" -c 'import twine' 2>/dev/null || missing+=(twine)
if ((${#missing[@]})); then
  echo "check-python-package: missing Debian packages: ${missing[*]}" >&2
  echo "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
[[ -f .jsii ]] || { echo 'check-python-package: no .jsii; run `npx projen compile` first' >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# PYTHON_SOURCES: the Python sources `package:code-only` generated from this
# same .jsii (CI runs it first), copied instead of generated a second time.
if [[ -n "${PYTHON_SOURCES:-}" ]]; then
  [[ -f "$PYTHON_SOURCES/setup.py" && "$PYTHON_SOURCES/setup.py" -nt .jsii ]] \
    || { echo "check-python-package: $PYTHON_SOURCES holds no Python sources generated after .jsii" >&2; exit 1; }
  echo "--- the Python sources package:code-only generated ($PYTHON_SOURCES)"
  mkdir -p "$work/generated"
  cp -R "$PYTHON_SOURCES" "$work/generated/python"
else
  echo "--- jsii-pacmak --code-only --target python (README samples from the rosetta tablet, .jsii.tabl.json)"
  npx jsii-pacmak --code-only --rosetta-unknown-snippets fail --target python --outdir "$work/generated"
fi
# The PyPI page: the README in Python (scripts/package-readmes.ts; idempotent).
npx ts-node --project scripts/tsconfig.json scripts/package-readmes.ts "$work/generated" python

echo "--- python3 -m build --no-isolation (Debian's build $("$PY" -c 'import build; print(build.__version__)'))"
rm -rf "$OUT"
"$PY" -m build --no-isolation --skip-dependency-check --outdir "$OUT" "$work/generated/python" >"$work/build.log" 2>&1 \
  || { cat "$work/build.log" >&2; exit 1; }
ls -l "$OUT"

echo "--- twine check --strict"
"$PY" -m twine check --strict "$OUT"/*

echo "--- the wheel in a fresh venv"
"$PY" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --no-deps --no-index --no-cache-dir --disable-pip-version-check "$OUT"/*.whl
"$work/venv/bin/python" scripts/check_python_wheel.py package.json
