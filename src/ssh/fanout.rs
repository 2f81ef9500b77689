//! Fan-out: run one operation on many hosts with bounded parallelism (`forks`), results in
//! input order. One host's failure never stops the others: it becomes `rc: None` plus an
//! `error` string, and a warning line on stderr.
use super::error::SshError;
use super::exec::{Command, ExecOptions, ExecResult};
use super::options::HostOptions;
use super::session::Host;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Counts of a group run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// rc 0.
    pub ok: usize,
    /// Ran and failed: rc ≠ 0, timeout, no exit status.
    pub failed: usize,
    /// Could not run at all: DNS, connection, host key, authentication, key file.
    pub unreachable: usize,
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // the words are the result's keys (scripts read them): the same in every language
        write!(
            f,
            "ok={} failed={} unreachable={}",
            self.ok, self.failed, self.unreachable
        )
    }
}

/// Per-host results (input order) and their summary.
#[derive(Debug, Clone, serde::Serialize)]
pub struct GroupResult {
    /// One result per host, in the group's order.
    pub results: Vec<ExecResult>,
    /// Counts.
    pub summary: Summary,
}

impl GroupResult {
    /// Hosts whose command did not succeed (rc ≠ 0 or no rc).
    pub fn failures(&self) -> Vec<&ExecResult> {
        self.results.iter().filter(|r| !r.ok()).collect()
    }

    /// `Ok(self)` when every host returned rc 0, else [`SshError::CommandFailed`] naming the
    /// failed hosts with their rc and last stderr line (for `exec_ok`).
    pub fn check(self) -> Result<GroupResult, SshError> {
        let failed = self.failures();
        if failed.is_empty() {
            return Ok(self);
        }
        Err(SshError::CommandFailed {
            count: failed.len(),
            details: failed
                .iter()
                .map(|r| r.failure_line())
                .collect::<Vec<_>>()
                .join("; "),
        })
    }
}

/// Several hosts sharing options. Cheap to clone; connections are reused per host.
#[derive(Debug, Clone)]
pub struct Group {
    hosts: Vec<Host>,
    forks: usize,
}

impl Group {
    /// A group of `names` with the same options. An empty list is an error.
    pub fn new<S: AsRef<str>>(names: &[S], opts: HostOptions) -> Result<Group, SshError> {
        let forks = opts.forks;
        Group::from_hosts(
            names
                .iter()
                .map(|n| Host::new(n.as_ref(), opts.clone()))
                .collect(),
            forks,
        )
    }

    /// A group of existing hosts (e.g. a filtered subset); `forks` ≥ 1.
    pub fn from_hosts(hosts: Vec<Host>, forks: usize) -> Result<Group, SshError> {
        if hosts.is_empty() {
            return Err(SshError::EmptyHostList);
        }
        Ok(Group {
            hosts,
            forks: forks.max(1),
        })
    }

    /// The hosts, in order.
    pub fn hosts(&self) -> &[Host] {
        &self.hosts
    }

    /// The hosts for which `keep` is true, same options; an empty result is an error.
    pub fn filter(&self, keep: impl Fn(&Host) -> bool) -> Result<Group, SshError> {
        Group::from_hosts(
            self.hosts.iter().filter(|h| keep(h)).cloned().collect(),
            self.forks,
        )
    }

    /// The host of that name, sharing its connection; a name not in the group is an error
    /// listing the group.
    pub fn get(&self, name: &str) -> Result<Host, SshError> {
        self.hosts
            .iter()
            .find(|h| h.name() == name)
            .cloned()
            .ok_or_else(|| SshError::NotInGroup {
                name: name.to_string(),
                names: self.names(),
            })
    }

    /// The host names, in order.
    pub fn names(&self) -> Vec<String> {
        self.hosts.iter().map(|h| h.name().to_string()).collect()
    }

    /// Run `cmd` on every host.
    pub async fn exec(&self, cmd: impl Into<Command>, eo: &ExecOptions) -> GroupResult {
        let cmd = cmd.into();
        let eo = eo.clone();
        self.each(move |h| {
            let (cmd, eo) = (cmd.clone(), eo.clone());
            async move { h.exec(cmd, &eo).await }
        })
        .await
    }

    /// Connect to every host and run `true` (a query: under `--plan` it runs for real).
    pub async fn ping(&self) -> GroupResult {
        self.exec("true", &ExecOptions::query()).await
    }

    /// [`Host::put`] on every host.
    pub async fn put(
        &self,
        path: &str,
        content: &[u8],
        mode: Option<u32>,
        sudo: bool,
    ) -> GroupResult {
        let (path, content): (Arc<str>, Arc<[u8]>) = (path.into(), content.into());
        self.each(move |h| {
            let (path, content) = (path.clone(), content.clone());
            async move {
                h.put(&path, &content, mode, sudo)
                    .await
                    .map(|()| ExecResult {
                        host: h.name().to_string(),
                        rc: Some(0),
                        stdout: String::new(),
                        stderr: String::new(),
                        error: None,
                        error_kind: None,
                        truncated: false,
                    })
            }
        })
        .await
    }

    /// Run `op` on every host, at most `forks` at once; tasks are aborted if this future is
    /// dropped.
    pub async fn each<F, Fut>(&self, op: F) -> GroupResult
    where
        F: Fn(Host) -> Fut,
        Fut: Future<Output = Result<ExecResult, SshError>> + Send + 'static,
    {
        let sem = Arc::new(tokio::sync::Semaphore::new(self.forks));
        let mut set = tokio::task::JoinSet::new();
        for (i, h) in self.hosts.iter().enumerate() {
            let fut = op(h.clone());
            let sem = sem.clone();
            set.spawn(async move {
                let _permit = sem.acquire_owned().await;
                (i, fut.await)
            });
        }
        let n = self.hosts.len();
        let mut slots: Vec<Option<Result<ExecResult, SshError>>> = (0..n).map(|_| None).collect();
        let start = Instant::now();
        let mut next_progress = start + Duration::from_secs(5);
        let mut done = 0;
        while done < n {
            match tokio::time::timeout_at(next_progress.into(), set.join_next()).await {
                Ok(Some(Ok((i, r)))) => {
                    slots[i] = Some(r);
                    done += 1;
                }
                Ok(Some(Err(e))) => {
                    // a panicked task: its slot stays empty and is reported below
                    tracing::error!(
                        "{}",
                        crate::t!("ssh-fanout-task-panicked", problem = e.to_string())
                    );
                    done += 1;
                }
                Ok(None) => break,
                Err(_) => {
                    eprintln!(
                        "{}",
                        crate::t!(
                            "ssh-fanout-progress",
                            done = done,
                            total = n,
                            seconds = start.elapsed().as_secs()
                        )
                    );
                    next_progress += Duration::from_secs(5);
                }
            }
        }
        let mut summary = Summary::default();
        let results = self
            .hosts
            .iter()
            .zip(slots)
            .map(|(h, r)| match r {
                Some(Ok(res)) => {
                    if res.ok() {
                        summary.ok += 1
                    } else {
                        summary.failed += 1
                    }
                    res
                }
                Some(Err(e)) => {
                    if e.is_unreachable() {
                        summary.unreachable += 1
                    } else {
                        summary.failed += 1
                    }
                    let msg = crate::redact::redact(&e.full_message()).into_owned();
                    eprintln!(
                        "{}",
                        crate::t!("ssh-host-warning", host = h.name(), problem = msg.as_str())
                    );
                    ExecResult::failed(h.name(), msg, e.kind())
                }
                None => {
                    summary.failed += 1;
                    ExecResult::failed(h.name(), crate::t!("ssh-fanout-task-failed"), "failed")
                }
            })
            .collect();
        GroupResult { results, summary }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn get_finds_a_host_by_name_or_names_the_group() {
        let g = Group::new(&["10.0.0.1", "10.0.0.2"], HostOptions::default()).unwrap();
        assert_eq!(g.get("10.0.0.2").unwrap().name(), "10.0.0.2");
        let e = g.get("10.0.0.3").unwrap_err();
        assert!(matches!(e, SshError::NotInGroup { .. }), "{e:?}");
        assert_eq!(
            e.to_string(),
            "10.0.0.3 is not in the group (10.0.0.1, 10.0.0.2)"
        );
        let e = Group::new::<&str>(&[], HostOptions::default()).unwrap_err();
        use miette::Diagnostic;
        assert_eq!(e.code().unwrap().to_string(), "cwh::ssh::no_hosts");
    }
}
