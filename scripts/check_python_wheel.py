"""Inspects the installed cdk-live-media wheel (run inside the venv it was
installed into, by scripts/check-python-package.sh).

Checks its metadata against package.json, that its README (the PyPI page)
shows Python, not TypeScript, in its code samples (jsii-rosetta translated
them), that every generated module compiles, and that the npm tarball it
bundles (which the jsii runtime loads) holds the compiled library, the
assembly and the handler asset.

    python check_python_wheel.py package.json
"""
import json
import re
import sys
import tarfile
from importlib.metadata import distribution

HANDLER = "package/assets/handler/index.js"
REQUIRED_IN_TARBALL = [
    "package/package.json", "package/.jsii", "package/lib/index.js", HANDLER, "package/assets/handler/__entrypoint__.js",
]

# What gives TypeScript away in a sample: ES imports, declarations, `new`, `;` line ends.
TYPESCRIPT = [
    re.compile(r"^\s*import\s*\{"),
    re.compile(r"\bfrom\s+'[^']+'\s*;?\s*$"),
    re.compile(r"^\s*(const|let|declare|export)\s"),
    re.compile(r"\bnew\s+[A-Z]"),
    re.compile(r";\s*$"),
]

problems = []


def code_blocks(markdown):
    """(info string, first line number, lines) of every fenced code block."""
    blocks, lines, i = [], markdown.split("\n"), 0
    while i < len(lines):
        m = re.match(r"^\s*(`{3,})\s*(\S*)", lines[i])
        if m:
            fence, info, start = m.group(1), m.group(2), i + 1
            i += 1
            while i < len(lines) and not lines[i].strip().startswith(fence):
                i += 1
            blocks.append((info, start + 1, lines[start:i]))
        i += 1
    return blocks


def typescript_in_readme(markdown):
    """Problems of a README for Python users: TypeScript samples, or none in Python at all."""
    found = []
    blocks = code_blocks(markdown)
    for info, line, body in blocks:
        if info in ("ts", "typescript"):
            found.append(f"README line {line}: a TypeScript block (```{info}) was not translated")
        if info == "python":
            for n, text in enumerate(body):
                if any(p.search(text) for p in TYPESCRIPT):
                    found.append(f"README line {line + n}: TypeScript in a ```python block: {text.strip()}")
    if not any(info == "python" for info, _, _ in blocks):
        found.append("the README has no ```python sample")
    return found



def expect(ok, message):
    if not ok:
        problems.append(message)


def requirement(requires, name):
    """The requirement on `name` in Requires-Dist, or None."""
    for req in requires:
        if re.match(rf"{re.escape(name)}\b", req):
            return req
    return None


pkg = json.load(open(sys.argv[1], encoding="utf8"))
python = pkg["jsii"]["targets"]["python"]
dist = distribution(python["distName"])
meta = dist.metadata
requires = dist.requires or []

expect(meta["Name"] == python["distName"], f"Name is {meta['Name']}, expected {python['distName']}")
expect(dist.version == pkg["version"], f"Version is {dist.version}, expected {pkg['version']}")
expect(meta["Summary"] == pkg["description"], "Summary differs from package.json's description")
expect(meta["License"] == pkg["license"], f"License is {meta['License']}, expected {pkg['license']}")
expect(meta["Requires-Python"], "no Requires-Python")
expect(meta["Description-Content-Type"] == "text/markdown", "the README is not declared as Markdown")
for name in ["aws-cdk-lib", "constructs"]:
    minimum = pkg["peerDependencies"][name].lstrip("^")
    req = requirement(requires, name)
    expect(req is not None and f">={minimum}" in req, f"Requires-Dist on {name} is {req}, expected >={minimum}")
expect(requirement(requires, "jsii") is not None, "no Requires-Dist on the jsii runtime")
readme = meta.get_payload() or meta["Description"] or ""
problems.extend(typescript_in_readme(readme))

files = [str(f) for f in dist.files or []]
module = python["module"]
tarball_name = f"{module}/_jsii/{pkg['name']}@{pkg['version']}.jsii.tgz"
expect(tarball_name in files, f"the wheel lacks {tarball_name}")

# The generated sources compile on this interpreter.
sources = [f for f in files if f.startswith(f"{module}/") and f.endswith(".py")]
expect(sources, f"no Python sources under {module}/")
for source in sources:
    path = dist.locate_file(source)
    try:
        compile(path.read_text(encoding="utf8"), str(path), "exec")
    except SyntaxError as e:
        problems.append(f"{source} does not compile: {e}")

handler_size = 0
if tarball_name in files:
    with tarfile.open(dist.locate_file(tarball_name)) as tar:
        members = {m.name: m for m in tar.getmembers()}
    for name in REQUIRED_IN_TARBALL:
        expect(name in members, f"the bundled tarball lacks {name}")
    handler_size = members[HANDLER].size if HANDLER in members else 0
    expect(HANDLER not in members or handler_size > 0, f"{HANDLER} is empty")

if problems:
    print("The wheel has problems:\n" + "\n".join(f"  - {p}" for p in problems), file=sys.stderr)
    sys.exit(1)

print(f"{meta['Name']} {dist.version}: Requires-Python {meta['Requires-Python']}; Requires-Dist: {'; '.join(requires)}")
print(f"{len(files)} files, {len(sources)} modules compile; bundled {tarball_name} "
      f"holds {HANDLER.removeprefix('package/')} ({handler_size} bytes)")
print("wheel check: OK")
