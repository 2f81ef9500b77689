#!/usr/bin/env python3
"""Run a construction notebook (today's 021) cell by cell, as a site does in Jupyter.

One IPython shell for the whole notebook (the same kernel state from cell to cell): `!cmd`,
`out = !cmd`, `%run` and `{var}` substitution are IPython's own. Parameter cells (`name = ` left
empty for the user) get the values a site types (--param NAME=PYTHON_EXPR); optional parameter
cells not given a value are skipped, as a site skips them. `getpass()` is answered with
$VCC_ACCESS_TOKEN.

A cell passes when it raises nothing, every shell command in it exits 0 (IPython itself
ignores the exit status of `!cmd`; a site reads the red FAILED lines) and, for the cells that
only show something, what the notebook's text tells the reader to see is there (`mount -t nfs4`
must list /jupyter and /exchange on every host, `exportfs -v` an export of /exported/...,
`systemctl status nfs-server` "Active: active (running)"). Prints each cell's output
between markers, then the per-cell table (also written as JSON with --json).

Neither the notebook nor the SDK is part of cwh: pass their paths (see README.md).
"""
import argparse
import ast
import getpass
import json
import os
import re
import subprocess
import sys
import time

PARAM_RE = re.compile(r"^([A-Za-z_]\w*)\s*=\s*(\[\s*\]|)\s*$", re.S)


def strip_comments(src):
    return "\n".join(l for l in src.splitlines() if not l.lstrip().startswith("#")).strip()


def param_cell(src):
    """`name = ` (or `name = [ ]`) left for the user: the variable's name, else None."""
    m = PARAM_RE.match(strip_comments(src))
    return m.group(1) if m else None


def ansible_hosts(out):
    """An ad-hoc ansible output split per host: {host: text}."""
    hosts, cur = {}, None
    for line in out.splitlines():
        m = re.match(r"^(\S+) \| (CHANGED|SUCCESS|FAILED!?|UNREACHABLE!?)", line)
        if m:
            cur = m.group(1)
            hosts[cur] = ""
        elif cur:
            hosts[cur] += line + "\n"
    return hosts


def reader_checks(outputs):
    """What the notebook's text tells the reader to see in a display-only cell's output."""
    for cmd, out in outputs:
        if "mount -t nfs4" in cmd:
            # 「/exchange, /jupyterのエントリが存在していることを確認してください」
            hosts = ansible_hosts(out)
            if not hosts:
                return f"`{cmd[:60]}`: no host answered"
            for host, text in hosts.items():
                missing = [d for d in ("/jupyter", "/exchange") if f" on {d} type nfs" not in text]
                if missing:
                    return f"{host}: `mount -t nfs4` lists no {' and no '.join(missing)} (the notebook says they must be listed)"
        if "exportfs" in cmd and "-v" in cmd:
            # 「NFSエクスポートの状態を確認します」: the hub's export is listed (at boot to `*`)
            for host, text in ansible_hosts(out).items():
                if "/exported/" not in text:
                    return f"{host}: `exportfs -v` lists no export of /exported/..."
        if "systemctl status nfs-server" in cmd:
            for host, text in ansible_hosts(out).items():
                if "Active: active (running)" not in text:
                    return f"{host}: nfs-server is not active (running)"
    return ""


def headings(cells):
    """The nearest markdown heading before each cell."""
    cur, out = "", []
    for c in cells:
        if c["cell_type"] == "markdown":
            for line in "".join(c["source"]).splitlines():
                if line.startswith("#"):
                    cur = line.lstrip("#").strip()
        out.append(cur)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("notebook")
    ap.add_argument("--sdk", required=True, help="directory holding the vcpsdk package (and common/)")
    ap.add_argument("--param", action="append", default=[], metavar="NAME=EXPR")
    ap.add_argument("--json", help="write the per-cell results here")
    ap.add_argument("--stop-after", type=int, help="stop after this cell index")
    ap.add_argument("--after", action="append", default=[], metavar="CODE",
                    help="a cell of checks run after the notebook (reported as `after`)")
    args = ap.parse_args()

    params = {}
    for p in args.param:
        k, _, v = p.partition("=")
        params[k] = ast.literal_eval(v)
    sys.path.insert(0, os.path.abspath(args.sdk))
    token = os.environ.get("VCC_ACCESS_TOKEN", "")
    getpass.getpass = lambda prompt="Password: ", stream=None: token

    from IPython.core.interactiveshell import InteractiveShell

    shell = InteractiveShell.instance(colors="nocolor")
    failures, outputs = [], []
    def system(cmd):
        # as ipykernel's system_piped: expand {var} in the caller's frame, run with sh, show
        # the output; also keep each command's exit status and output for the checks
        cmd = shell.var_expand(cmd, depth=1)
        p = subprocess.run(["/bin/sh", "-c", cmd], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        out = p.stdout.decode("utf-8", "replace")
        sys.stdout.write(out)
        sys.stdout.flush()
        shell.user_ns["_exit_code"] = p.returncode
        outputs.append((cmd, out))
        if p.returncode != 0:
            failures.append((p.returncode, " ".join(cmd.split())))

    shell.system = system

    nb = json.load(open(args.notebook, encoding="utf-8"))
    cells = nb["cells"]
    heads = headings(cells)
    results = []
    for code in args.after:
        cells.append(dict(cell_type="code", source=code, after=True))
        heads.append("after the notebook")
    t_all = time.monotonic()
    for i, c in enumerate(cells):
        if c["cell_type"] != "code":
            continue
        src = "".join(c["source"])
        name = None if c.get("after") else param_cell(src)
        if name is not None:
            if name not in params:
                results.append(dict(cell=i, heading=heads[i], result="skipped",
                                    why=f"optional parameter `{name}` not given (a site skips the cell)"))
                print(f"\n===== [{i}] {heads[i]}: skipped ({name})", flush=True)
                continue
            src = f"{name} = {params[name]!r}"
        print(f"\n===== [{i}] {heads[i]}\n{src}\n-----", flush=True)
        failures.clear()
        outputs.clear()
        t0 = time.monotonic()
        r = shell.run_cell(src, store_history=True)
        dt = time.monotonic() - t0
        sys.stdout.flush()
        why = ""
        if r.error_before_exec or r.error_in_exec:
            e = r.error_before_exec or r.error_in_exec
            why = f"{type(e).__name__}: {e}"
        elif failures:
            why = "; ".join(f"`{cmd[:90]}` exit {rc}" for rc, cmd in failures)
        else:
            why = reader_checks(outputs)
        res = "FAIL" if why else "pass"
        label = "after" if c.get("after") else i
        results.append(dict(cell=label, heading=heads[i], result=res, why=why, seconds=round(dt, 1)))
        print(f"----- [{i}] {res} in {dt:.1f} s {why}", flush=True)
        if args.stop_after is not None and i >= args.stop_after and not c.get("after"):
            break
    total = time.monotonic() - t_all
    print("\n| cell | heading | result | why |\n|---|---|---|---|")
    for r in results:
        print(f"| [{r['cell']}] | {r['heading']} | {r['result']} | {r['why']} |")
    n = lambda k: sum(1 for r in results if r["result"] == k)
    print(f"\n{n('pass')} passed, {n('FAIL')} failed, {n('skipped')} skipped; {total:.0f} s")
    if args.json:
        json.dump(dict(results=results, seconds=round(total, 1)), open(args.json, "w"), indent=1, ensure_ascii=False)
    return 1 if n("FAIL") else 0


if __name__ == "__main__":
    sys.exit(main())
