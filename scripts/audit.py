"""`make audit`: the Python and npm packages checked against the advisory databases.

    python scripts/audit.py --pip-audit var/audit-venv/bin/pip-audit

Runs pip-audit over requirements.txt (every package the assistant and its tests install,
pinned) and `npm audit` over package-lock.json, and says plainly what each could check. A
package that could not be looked up (no advisory source reachable: no network, or a mirror
without the vulnerability service) is NOT reported as safe: pip-audit alone would print "No
known vulnerabilities found" even when it checked nothing.

Exit codes: 0 every package was checked and none has a known vulnerability; 1 a known
vulnerability; 2 some or all packages could not be checked (nothing is known about them).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def python_packages(pip_audit: str) -> int:
    """Runs pip-audit; prints what it found and what it could not check; returns the exit code."""
    print("Python packages (requirements.txt), with pip-audit:")
    done = subprocess.run(
        [
            *(pip_audit, "-r", str(ROOT / "requirements.txt"), "--no-deps", "--disable-pip"),
            *("--progress-spinner", "off", "--format", "json"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    try:
        report = json.loads(done.stdout)
    except ValueError:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"  NOT CHECKED: pip-audit could not reach an advisory source ({last[:200]}).")
        print("  Nothing is known about these packages: this is not a clean result.")
        return 2
    packages = report.get("dependencies", [])
    skipped = [p for p in packages if p.get("skip_reason")]
    vulnerable = [p for p in packages if p.get("vulns")]
    checked = len(packages) - len(skipped)
    for package in vulnerable:
        for vuln in package["vulns"]:
            fixed = ", ".join(vuln.get("fix_versions") or []) or "no fixed version yet"
            print(f"  VULNERABLE: {package['name']} {package.get('version', '')}: {vuln['id']} (fixed in {fixed})")
    print(f"  {checked} of {len(packages)} packages checked; {len(vulnerable)} with known vulnerabilities.")
    if skipped:
        print(
            f"  NOT CHECKED: {len(skipped)} packages could not be looked up "
            f"(e.g. {skipped[0]['name']}: {skipped[0]['skip_reason']})."
        )
        print(
            "  The advisory source (PyPI's vulnerability data) was not reachable from here: a mirror or "
            "no network. Nothing is known about these packages: this is not a clean result."
        )
    if vulnerable:
        return 1
    return 2 if skipped else 0


def npm_packages() -> int:
    """Runs npm audit; prints what it found or why it could not check; returns the exit code."""
    print("npm packages (package-lock.json), with npm audit:")
    npm = shutil.which("npm")
    if npm is None:
        print("  NOT CHECKED: npm is not installed (Node.js 18 or newer).")
        return 2
    done = subprocess.run([npm, "audit", "--json"], cwd=ROOT, capture_output=True, text=True, check=False)
    try:
        report = json.loads(done.stdout)
    except ValueError:
        report = {}
    counts = (report.get("metadata") or {}).get("vulnerabilities")
    if not isinstance(counts, dict):
        reason = report.get("message") or report.get("error", {}).get("summary") or done.stderr.strip()[-200:]
        print(f"  NOT CHECKED: the npm registry's audit service did not answer ({reason}).")
        print("  Nothing is known about these packages: this is not a clean result.")
        return 2
    total = sum(v for k, v in counts.items() if k != "total" and isinstance(v, int))
    print("  " + ", ".join(f"{k} {v}" for k, v in counts.items()) + ".")
    return 1 if total else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pip-audit", required=True, help="the pip-audit program")
    args = parser.parse_args(argv)
    codes = [python_packages(args.pip_audit), npm_packages()]
    if 1 in codes:
        print("Result: known vulnerabilities (above).")
        return 1
    if 2 in codes:
        print("Result: NOT fully checked: some packages could not be looked up (above). No advisory source answered.")
        return 2
    print("Result: every package checked; no known vulnerabilities.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
