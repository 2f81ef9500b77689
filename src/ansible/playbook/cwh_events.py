# cwh's Ansible callback (shipped inside the cwh binary, written to a private temp directory
# for one ansible-playbook run). It sends one JSON object per line to the Unix socket named by
# the environment variable CWH_ANSIBLE_EVENTS: plays, tasks, per-host results, file diffs and
# the final stats. It prints nothing: Ansible's own output is left as it is.
from __future__ import annotations

DOCUMENTATION = """
    name: cwh_events
    type: aggregate
    short_description: machine-readable events for cwh
    description:
      - One JSON line per event to the Unix socket in CWH_ANSIBLE_EVENTS.
"""

import json
import os
import socket

from ansible.plugins.callback import CallbackBase

# the most text of a failed command's stdout/stderr sent (its end is kept)
TAIL = 4000


def _get(obj, public, private):
    try:
        return getattr(obj, public)
    except AttributeError:
        return getattr(obj, private)


def _tail(text):
    if not isinstance(text, str):
        return None
    return text[-TAIL:]


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "cwh_events"
    # loaded from the plugin path without being enabled in ansible.cfg
    CALLBACK_NEEDS_ENABLED = False

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._out = None
        path = os.environ.get("CWH_ANSIBLE_EVENTS")
        if path:
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.connect(path)
            self._sock = s
            self._out = s.makefile("w", encoding="utf-8")

    def _send(self, **event):
        if self._out is None:
            return
        try:
            self._out.write(json.dumps(event, default=str) + "\n")
            self._out.flush()
        except OSError:
            self._out = None

    # what one result says
    def _where(self, result):
        host = _get(result, "host", "_host")
        task = _get(result, "task", "_task")
        return host.get_name(), task.get_name(), task

    def _res(self, result):
        return _get(result, "result", "_result")

    def _failure(self, r):
        out = {
            "msg": r.get("msg") if isinstance(r.get("msg"), str) else None,
            "rc": r.get("rc") if isinstance(r.get("rc"), int) else None,
            "stderr": _tail(r.get("stderr")),
            "stdout": _tail(r.get("stdout")),
            "censored": r.get("censored"),
        }
        items = []
        for item in r.get("results") or []:
            if isinstance(item, dict) and item.get("failed"):
                items.append(
                    {
                        "item": str(item.get("item", ""))[:200] if not item.get("_ansible_no_log") else "(hidden)",
                        "msg": item.get("msg") if isinstance(item.get("msg"), str) else None,
                        "stderr": _tail(item.get("stderr")),
                        "censored": item.get("censored"),
                    }
                )
        if items:
            out["items"] = items
        return out

    def v2_playbook_on_play_start(self, play):
        self._send(event="play", name=play.get_name(), pattern=str(play.hosts))

    def v2_playbook_on_no_hosts_matched(self):
        self._send(event="no_hosts_matched")

    def v2_playbook_on_task_start(self, task, is_conditional):
        self._send(event="task", name=task.get_name(), handler=False)

    def v2_playbook_on_handler_task_start(self, task):
        self._send(event="task", name=task.get_name(), handler=True)

    def v2_runner_on_ok(self, result):
        host, name, _ = self._where(result)
        self._send(event="ok", host=host, task=name, changed=bool(self._res(result).get("changed", False)))

    def v2_runner_on_skipped(self, result):
        host, name, _ = self._where(result)
        self._send(event="skipped", host=host, task=name)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        host, name, task = self._where(result)
        self._send(
            event="failed",
            host=host,
            task=name,
            action=str(task.action),
            ignore_errors=bool(ignore_errors),
            **self._failure(self._res(result)),
        )

    def v2_runner_on_unreachable(self, result):
        host, name, _ = self._where(result)
        r = self._res(result)
        self._send(event="unreachable", host=host, task=name, msg=str(r.get("msg", "")))

    def v2_on_file_diff(self, result):
        host, name, task = self._where(result)
        r = self._res(result)
        diffs = []
        if task.loop and "results" in r:
            for res in r["results"]:
                if isinstance(res, dict) and res.get("diff") and res.get("changed", True):
                    diffs.append(res["diff"])
        elif r.get("diff") and r.get("changed", True):
            diffs.append(r["diff"])
        for d in diffs:
            try:
                text = self._get_diff(d)
            except Exception:  # a diff this version cannot render: say so, never fail the run
                text = "(a change that Ansible could not show as a diff)"
            if text:
                self._send(event="diff", host=host, task=name, text=text)

    def v2_playbook_on_stats(self, stats):
        hosts = {}
        for h in sorted(stats.processed.keys()):
            s = stats.summarize(h)
            hosts[h] = {
                "ok": s.get("ok", 0),
                "changed": s.get("changed", 0),
                "unreachable": s.get("unreachable", 0),
                "failed": s.get("failures", 0),
                "skipped": s.get("skipped", 0),
                "rescued": s.get("rescued", 0),
                "ignored": s.get("ignored", 0),
            }
        self._send(event="stats", hosts=hosts)
