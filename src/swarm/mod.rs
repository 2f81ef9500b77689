//! Docker Swarm over any command runner (SSH sessions in scripts, a local shell in tests):
//! read the state, init (idempotent), join tokens, join (parallel, skipping members) and wait
//! until the joined nodes are Ready, list the nodes (typed, with their addresses), wait for a
//! number of Ready nodes, remove Down or stale nodes, leave. The docker CLI is driven with `--format '{{json …}}'` so
//! parsing never depends on column layouts. Join tokens are secrets: registered for redaction
//! as soon as they are read and never logged.
pub mod ssh;

use futures::future::BoxFuture;
use serde::Deserialize;
use std::time::{Duration, Instant};

/// What one command printed.
#[derive(Debug, Clone, Default)]
pub struct Output {
    /// Exit status; `None` when the command could not run.
    pub rc: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// Runs a shell command on one host.
pub trait Runner: Send + Sync {
    /// The host's name for messages.
    fn host(&self) -> String;
    /// Run `cmd` with the privileges needed for docker (the caller's runner decides: the
    /// `vcp` user is in the docker group on VC nodes).
    fn run<'a>(&'a self, cmd: &'a str) -> BoxFuture<'a, Result<Output, String>>;
    /// Run `cmd`, a command that only reads (the swarm's state, its nodes, a join token): under
    /// `--plan` it runs for real on a node that exists, where [`Runner::run`] is recorded.
    fn query<'a>(&'a self, cmd: &'a str) -> BoxFuture<'a, Result<Output, String>> {
        self.run(cmd)
    }
}

/// Errors of the swarm primitives; each names the host and carries docker's stderr.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum SwarmError {
    #[error("{}", crate::t!("swarm-command", host = host.as_str(), command = command.as_str(), rc = rc.map(|r| r.to_string()).unwrap_or_else(|| "-".into()), problem = stderr.as_str()))]
    #[diagnostic(
        code = "cwh::swarm::command",
        help("{}", crate::t!("swarm-command-help"))
    )]
    Command {
        host: String,
        command: String,
        rc: Option<i32>,
        stderr: String,
    },
    #[error("{}", crate::t!("swarm-docker-down", host = host.as_str(), detail = detail.as_str()))]
    #[diagnostic(
        code = "cwh::swarm::docker_down",
        help("{}", crate::t!("swarm-docker-down-help"))
    )]
    DockerDown { host: String, detail: String },
    #[error("{}", crate::t!("swarm-unreachable", host = host.as_str(), problem = message.as_str()))]
    #[diagnostic(
        code = "cwh::swarm::unreachable",
        help("{}", crate::t!("swarm-unreachable-help"))
    )]
    Unreachable { host: String, message: String },
    #[error("{}", crate::t!("swarm-parse", host = host.as_str(), problem = message.as_str()))]
    #[diagnostic(code = "cwh::swarm::parse")]
    Parse { host: String, message: String },
    #[error("{}", crate::t!("swarm-other-swarm", host = host.as_str(), managers = managers.as_str()))]
    #[diagnostic(
        code = "cwh::swarm::other_swarm",
        help("{}", crate::t!("swarm-other-swarm-help"))
    )]
    OtherSwarm { host: String, managers: String },
    #[error("{}", crate::t!("swarm-not-manager", host = host.as_str()))]
    #[diagnostic(
        code = "cwh::swarm::not_manager",
        help("{}", crate::t!("swarm-not-manager-help"))
    )]
    NotManager { host: String },
    #[error("{}", crate::t!("swarm-bad-state", host = host.as_str(), state = state.as_str(), problem = error.as_str()))]
    #[diagnostic(
        code = "cwh::swarm::state",
        help("{}", crate::t!("swarm-bad-state-help"))
    )]
    BadState {
        host: String,
        state: String,
        error: String,
    },
    #[error("{}", if error.is_empty() {
        crate::t!("swarm-still-pending", host = host.as_str(), seconds = *secs)
    } else {
        crate::t!("swarm-still-pending-why", host = host.as_str(), seconds = *secs, problem = error.as_str())
    })]
    #[diagnostic(
        code = "cwh::swarm::state",
        help("{}", crate::t!("swarm-still-pending-help"))
    )]
    StillPending {
        host: String,
        secs: u64,
        error: String,
    },
    #[error("{}", crate::t!("swarm-timeout", seconds = *secs, what = what.as_str()))]
    #[diagnostic(
        code = "cwh::swarm::timeout",
        help("{}", crate::t!("swarm-timeout-help"))
    )]
    Timeout { secs: u64, what: String },
    #[error("{}", crate::t!("swarm-not-down", seconds = *secs, nodes = nodes.as_str()))]
    #[diagnostic(
        code = "cwh::swarm::not_down",
        help("{}", crate::t!("swarm-not-down-help"))
    )]
    NotDown { secs: u64, nodes: String },
    #[error("{}", crate::t!("swarm-invalid", problem = _0.as_str()))]
    #[diagnostic(code = "cwh::swarm::invalid")]
    Invalid(String),
}

pub type Result<T, E = SwarmError> = std::result::Result<T, E>;

/// A node's view of its swarm (`docker info --format '{{json .Swarm}}'`).
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct SwarmState {
    #[serde(rename = "NodeID", default)]
    pub node_id: String,
    #[serde(default)]
    pub node_addr: String,
    /// inactive, pending, active, error, locked.
    #[serde(default)]
    pub local_node_state: String,
    /// A manager.
    #[serde(default)]
    pub control_available: bool,
    #[serde(default)]
    pub error: String,
    #[serde(default)]
    pub remote_managers: Option<Vec<RemoteManager>>,
    #[serde(default)]
    pub nodes: Option<i64>,
    #[serde(default)]
    pub managers: Option<i64>,
    #[serde(default)]
    pub cluster: Option<Cluster>,
}

#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
pub struct RemoteManager {
    #[serde(rename = "NodeID", default)]
    pub node_id: String,
    #[serde(rename = "Addr", default)]
    pub addr: String,
}

#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
pub struct Cluster {
    #[serde(rename = "ID", default)]
    pub id: String,
}

impl SwarmState {
    pub fn is_active(&self) -> bool {
        self.local_node_state == "active"
    }
    /// Manager addresses this node knows (`ip:port`).
    pub fn manager_addrs(&self) -> Vec<String> {
        self.remote_managers
            .iter()
            .flatten()
            .map(|m| m.addr.clone())
            .collect()
    }
    /// The cluster id, for managers.
    pub fn cluster_id(&self) -> Option<&str> {
        self.cluster
            .as_ref()
            .map(|c| c.id.as_str())
            .filter(|s| !s.is_empty())
    }
}

async fn run_ok(r: &dyn Runner, cmd: &str) -> Result<String> {
    checked(r, cmd, r.run(cmd).await)
}

/// [`run_ok`] for a command that only reads ([`Runner::query`]).
async fn read_ok(r: &dyn Runner, cmd: &str) -> Result<String> {
    checked(r, cmd, r.query(cmd).await)
}

fn checked(r: &dyn Runner, cmd: &str, out: std::result::Result<Output, String>) -> Result<String> {
    let out = out.map_err(|message| SwarmError::Unreachable {
        host: r.host(),
        message,
    })?;
    if out.rc != Some(0) {
        return Err(SwarmError::Command {
            host: r.host(),
            command: crate::redact::redact(cmd).into_owned(),
            rc: out.rc,
            stderr: crate::redact::redact(out.stderr.trim()).into_owned(),
        });
    }
    Ok(out.stdout)
}

/// Did docker say its daemon does not answer? (`docker info --format '{{json .Swarm}}'` then
/// also fails on a nil pointer in its template.)
fn daemon_down(text: &str) -> bool {
    text.contains("Cannot connect to the Docker daemon")
        || text.contains("Is the docker daemon running")
        || (text.contains("nil pointer") && text.contains(".Swarm"))
}

/// The node's swarm state. A docker daemon that does not answer is [`SwarmError::DockerDown`].
pub async fn state(r: &dyn Runner) -> Result<SwarmState> {
    let out = match read_ok(r, "docker info --format '{{json .Swarm}}'").await {
        Err(SwarmError::Command { host, stderr, .. }) if daemon_down(&stderr) => {
            let detail = stderr
                .lines()
                .find(|l| l.contains("Cannot connect") || l.contains("daemon running"))
                .map(|l| l.trim().to_string())
                .unwrap_or_else(|| crate::t!("swarm-daemon-unreachable"));
            return Err(SwarmError::DockerDown { host, detail });
        }
        r => r?,
    };
    serde_json::from_str(out.trim()).map_err(|e| SwarmError::Parse {
        host: r.host(),
        message: format!("{e}: {}", out.trim()),
    })
}

/// How a transitional swarm state is waited for: `pending` (an init or join under way — one
/// that an interrupted run started, say) is read again every `poll` for up to `limit` before
/// it is used or reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settle {
    pub limit: Duration,
    pub poll: Duration,
}

impl Default for Settle {
    fn default() -> Self {
        Settle {
            limit: Duration::from_secs(60),
            poll: Duration::from_secs(1),
        }
    }
}

/// What to do with a swarm state just read, `waited` after the first read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// Not transitional: use it.
    Use,
    /// Transitional: read it again after `poll`.
    Wait,
    /// Still transitional when the time is up.
    GiveUp,
}

fn step(st: &SwarmState, waited: Duration, s: Settle) -> Step {
    if st.local_node_state != "pending" {
        Step::Use
    } else if waited >= s.limit {
        Step::GiveUp
    } else {
        Step::Wait
    }
}

/// The node's swarm state once it is not transitional (see [`Settle`]), and whether it
/// settled: when it did not, the last state read (still `pending`).
pub async fn settled_state(r: &dyn Runner, s: Settle) -> Result<(SwarmState, bool)> {
    let start = Instant::now();
    let mut said = false;
    loop {
        let st = state(r).await?;
        match step(&st, start.elapsed(), s) {
            Step::Use => return Ok((st, true)),
            Step::GiveUp => return Ok((st, false)),
            Step::Wait => {
                if !said {
                    tracing::info!(
                        "{}",
                        crate::t!(
                            "swarm-pending-waiting",
                            host = r.host(),
                            seconds = s.limit.as_secs()
                        )
                    );
                    said = true;
                }
                tokio::time::sleep(s.poll).await;
            }
        }
    }
}

fn still_pending(r: &dyn Runner, st: &SwarmState, s: Settle) -> SwarmError {
    SwarmError::StillPending {
        host: r.host(),
        secs: s.limit.as_secs(),
        error: st.error.clone(),
    }
}

/// Options of `init` (`swarm::init(host, #{…})`: an unknown one is an error).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InitOptions {
    pub advertise_addr: Option<String>,
    pub listen_addr: Option<String>,
    pub default_addr_pool: Option<String>,
}

fn quote(s: &str) -> String {
    shell_escape::unix::escape(s.into()).into_owned()
}

/// Make `r` the manager of a new swarm; a no-op returning the state when it already manages
/// one. A `pending` state (an init under way, e.g. one an interrupted run started) is waited
/// for first ([`Settle`]); a worker of a swarm, a node in an error state or one that stays
/// pending is an error.
pub async fn init(r: &dyn Runner, o: &InitOptions) -> Result<(SwarmState, bool)> {
    init_settling(r, o, Settle::default()).await
}

async fn init_settling(r: &dyn Runner, o: &InitOptions, s: Settle) -> Result<(SwarmState, bool)> {
    let (st, settled) = settled_state(r, s).await?;
    if !settled {
        return Err(still_pending(r, &st, s));
    }
    match st.local_node_state.as_str() {
        "active" if st.control_available => return Ok((st, false)),
        "active" => return Err(SwarmError::NotManager { host: r.host() }),
        "inactive" | "" => {}
        other => {
            return Err(SwarmError::BadState {
                host: r.host(),
                state: other.to_string(),
                error: st.error.clone(),
            });
        }
    }
    let mut cmd = String::from("docker swarm init");
    if let Some(a) = &o.advertise_addr {
        cmd.push_str(&format!(" --advertise-addr {}", quote(a)));
    }
    if let Some(a) = &o.listen_addr {
        cmd.push_str(&format!(" --listen-addr {}", quote(a)));
    }
    if let Some(p) = &o.default_addr_pool {
        cmd.push_str(&format!(" --default-addr-pool {}", quote(p)));
    }
    run_ok(r, &cmd).await?;
    Ok((state(r).await?, true))
}

/// The join token for `role` ("worker" or "manager"), registered as a secret.
pub async fn join_token(r: &dyn Runner, role: &str) -> Result<String> {
    if role != "worker" && role != "manager" {
        return Err(SwarmError::Invalid(crate::t!(
            "swarm-bad-role",
            role = role
        )));
    }
    let out = read_ok(r, &format!("docker swarm join-token -q {role}")).await?;
    let token = out.trim().to_string();
    if !token.starts_with("SWMTKN-") {
        return Err(SwarmError::Parse {
            host: r.host(),
            message: crate::t!("swarm-no-token"),
        });
    }
    crate::redact::add_secret(&token);
    Ok(token)
}

/// What `join` did on one host.
#[derive(Debug, Clone, serde::Serialize)]
pub struct JoinResult {
    pub host: String,
    /// "joined", "member" (already in this swarm), "rejoined" (it was still in a swarm whose
    /// manager is gone — a re-created manager — so it left that one first) or "error".
    pub outcome: String,
    pub node_id: Option<String>,
    pub error: Option<String>,
}

/// Join `hosts` to the swarm at `addr` (`ip:2377`) in parallel: hosts already in that swarm are
/// skipped, a host in another swarm is an error. Returns per-host results in input order; the
/// first error is returned only after every host was tried.
pub async fn join(hosts: &[&dyn Runner], token: &str, addr: &str) -> Result<Vec<JoinResult>> {
    join_known(hosts, token, addr, None).await
}

/// [`join`], knowing the node ids the manager lists (`members`): a host that believes it is in
/// the swarm at `addr` but whose node id the manager does not know is in a dead swarm (the
/// manager VM was re-created at the same address), as is one stuck `pending`/`error`: it
/// leaves that swarm (`docker swarm leave --force`) and joins the live one.
pub async fn join_known(
    hosts: &[&dyn Runner],
    token: &str,
    addr: &str,
    members: Option<&[String]>,
) -> Result<Vec<JoinResult>> {
    join_settling(hosts, token, addr, members, Settle::default()).await
}

/// [`join_known`]; a `pending` host is waited for first ([`Settle`]); one that stays pending
/// is stuck: with `members` it leaves and joins again, without it is an error.
async fn join_settling(
    hosts: &[&dyn Runner],
    token: &str,
    addr: &str,
    members: Option<&[String]>,
    settle: Settle,
) -> Result<Vec<JoinResult>> {
    if !addr.contains(':') {
        return Err(SwarmError::Invalid(crate::t!(
            "swarm-bad-manager-addr",
            addr = addr
        )));
    }
    crate::redact::add_secret(token);
    let futs = hosts.iter().map(|h| async move {
        let res: Result<JoinResult> = async {
            let (st, settled) = settled_state(*h, settle).await?;
            if !settled && members.is_none() {
                return Err(still_pending(*h, &st, settle));
            }
            let mut outcome = "joined";
            let stuck = matches!(st.local_node_state.as_str(), "pending" | "error");
            if st.is_active() || (stuck && members.is_some()) {
                let mgrs = st.manager_addrs();
                let same_addr = mgrs.iter().any(|m| m == addr)
                    || st.node_addr == addr.split(':').next().unwrap_or_default();
                let known = members.is_none_or(|ids| ids.contains(&st.node_id));
                if st.is_active() && same_addr && known {
                    return Ok(JoinResult {
                        host: h.host(),
                        outcome: "member".into(),
                        node_id: Some(st.node_id),
                        error: None,
                    });
                }
                if !(same_addr || stuck) {
                    return Err(SwarmError::OtherSwarm {
                        host: h.host(),
                        managers: mgrs.join(", "),
                    });
                }
                // a swarm whose manager at this address no longer knows the node: a dead one
                tracing::warn!(
                    "{}",
                    crate::t!(
                        "swarm-dead-swarm",
                        host = h.host(),
                        addr = addr,
                        node = st.node_id.as_str()
                    )
                );
                run_ok(*h, "docker swarm leave --force").await?;
                outcome = "rejoined";
            }
            run_ok(
                *h,
                &format!("docker swarm join --token {} {}", quote(token), quote(addr)),
            )
            .await?;
            let (st, _) = settled_state(*h, settle).await?;
            Ok(JoinResult {
                host: h.host(),
                outcome: outcome.into(),
                node_id: Some(st.node_id),
                error: None,
            })
        }
        .await;
        res
    });
    let results = futures::future::join_all(futs).await;
    let mut out = Vec::new();
    let mut first_err = None;
    for (h, r) in hosts.iter().zip(results) {
        match r {
            Ok(j) => out.push(j),
            Err(e) => {
                out.push(JoinResult {
                    host: h.host(),
                    outcome: "error".into(),
                    node_id: None,
                    error: Some(e.to_string()),
                });
                first_err.get_or_insert(e);
            }
        }
    }
    match first_err {
        Some(e) => Err(e),
        None => Ok(out),
    }
}

/// How long [`join_and_wait`] and [`wait_count`] wait when the caller names no timeout.
pub const DEFAULT_WAIT: Duration = Duration::from_secs(120);

/// One entry of the manager's node list: docker's `docker node ls` keys, plus the node's
/// address and role from `docker node inspect`. The keys scripts see are stable and documented
/// (`swarm::nodes`); a node that left and joined again has two entries (two ids, one hostname).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, serde::Serialize)]
pub struct Node {
    /// The node id (`docker node rm ID`).
    #[serde(rename = "ID", default)]
    pub id: String,
    #[serde(rename = "Hostname", default)]
    pub hostname: String,
    /// Ready, Down, Unknown or Disconnected.
    #[serde(rename = "Status", default)]
    pub status: String,
    /// Active, Pause or Drain.
    #[serde(rename = "Availability", default)]
    pub availability: String,
    /// Leader, Reachable or Unreachable for managers; empty for workers.
    #[serde(rename = "ManagerStatus", default)]
    pub manager_status: String,
    #[serde(rename = "EngineVersion", default)]
    pub engine_version: String,
    #[serde(rename = "TLSStatus", default)]
    pub tls_status: String,
    /// The entry of the manager itself.
    #[serde(rename = "Self", default)]
    pub is_self: bool,
    /// The address the node has in the swarm (its VC node address); empty when unknown.
    #[serde(rename = "Addr", default)]
    pub addr: String,
    /// "manager" or "worker"; empty when unknown.
    #[serde(rename = "Role", default)]
    pub role: String,
}

impl Node {
    pub fn is_ready(&self) -> bool {
        self.status == "Ready"
    }
    pub fn is_down(&self) -> bool {
        self.status == "Down"
    }
}

/// `docker node ls` output (one `{{json .}}` object a line) as nodes.
fn parse_ls(host: &str, out: &str) -> Result<Vec<Node>> {
    out.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            serde_json::from_str(l).map_err(|e| SwarmError::Parse {
                host: host.to_string(),
                message: format!("{e}: {l}"),
            })
        })
        .collect()
}

/// The addresses and roles of every node, in the field layout the plan's swarm model answers
/// (`src/plan/remote.rs`): id, address, hostname, state, availability, role, and the manager
/// address of managers (docker reports some managers' own address as 0.0.0.0).
const INSPECT: &str = "docker node inspect --format '{{.ID}} {{.Status.Addr}} {{.Description.Hostname}} {{.Status.State}} {{.Spec.Availability}} {{.Spec.Role}} {{with .ManagerStatus}}{{.Addr}}{{end}}' $(docker node ls -q)";

/// Fill in each node's address and role from [`INSPECT`]'s output (ids, addresses, roles and
/// hostnames never hold spaces).
fn add_inspect(nodes: &mut [Node], out: &str) {
    for line in out.lines() {
        let f: Vec<&str> = line.split_whitespace().collect();
        if f.len() < 6 {
            continue;
        }
        let Some(n) = nodes.iter_mut().find(|n| n.id == f[0]) else {
            continue;
        };
        n.addr = match (f[1], f.get(6)) {
            ("" | "0.0.0.0", Some(m)) => m.rsplit_once(':').map_or(*m, |(ip, _)| ip).to_string(),
            (a, _) => a.to_string(),
        };
        n.role = f[5].to_string();
    }
}

/// The manager's node list with docker's `docker node ls` keys only (no address, no role).
async fn list(r: &dyn Runner) -> Result<Vec<Node>> {
    let out = read_ok(r, "docker node ls --format '{{json .}}'").await?;
    parse_ls(&r.host(), &out)
}

/// `docker node ls` on a manager, each node with its address and role (`docker node inspect`).
pub async fn nodes(r: &dyn Runner) -> Result<Vec<Node>> {
    let mut ns = list(r).await?;
    let out = read_ok(r, INSPECT).await?;
    add_inspect(&mut ns, &out);
    Ok(ns)
}

/// The nodes by address. An address with several entries (a node that left and joined
/// again) maps to the entry that is not Down, if it has one; nodes without an address are
/// left out.
pub fn by_address(nodes: &[Node]) -> std::collections::BTreeMap<String, Node> {
    let mut out = std::collections::BTreeMap::<String, Node>::new();
    for n in nodes.iter().filter(|n| !n.addr.is_empty()) {
        match out.get(&n.addr) {
            Some(have) if !have.is_down() => {}
            _ => {
                out.insert(n.addr.clone(), n.clone());
            }
        }
    }
    out
}

/// Wait until the manager lists every node id in `ids` as Ready.
pub async fn wait_ready(r: &dyn Runner, ids: &[String], timeout: Duration) -> Result<Vec<Node>> {
    let start = Instant::now();
    loop {
        let ns = list(r).await?;
        let ready = ids
            .iter()
            .all(|id| ns.iter().any(|n| &n.id == id && n.is_ready()));
        if ready {
            return Ok(ns);
        }
        if start.elapsed() > timeout {
            return Err(SwarmError::Timeout {
                secs: timeout.as_secs(),
                what: crate::t!("swarm-what-ready", count = ids.len(), host = r.host()),
            });
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// [`join_known`] with the manager's view: with `manager`, its members tell a dead swarm (a
/// re-created manager) from the live one, and the call returns once the manager lists every
/// joined node as Ready (waiting up to `timeout`, [`DEFAULT_WAIT`] when `None`).
pub async fn join_and_wait(
    hosts: &[&dyn Runner],
    token: &str,
    addr: &str,
    manager: Option<&dyn Runner>,
    timeout: Option<Duration>,
) -> Result<Vec<JoinResult>> {
    let members = match manager {
        Some(m) => Some(list(m).await?.into_iter().map(|n| n.id).collect::<Vec<_>>()),
        None => None,
    };
    let rs = join_known(hosts, token, addr, members.as_deref()).await?;
    if let Some(m) = manager {
        let ids: Vec<String> = rs.iter().filter_map(|r| r.node_id.clone()).collect();
        wait_ready(m, &ids, timeout.unwrap_or(DEFAULT_WAIT)).await?;
    }
    Ok(rs)
}

/// Wait up to `timeout` until the manager lists exactly `count` Ready nodes, removing the
/// stale entries of re-joined nodes on the way (each logged). Returns the manager's last view
/// (with addresses): when time ran out its Ready count differs from `count`, and the caller
/// says what that means.
pub async fn wait_count(r: &dyn Runner, count: usize, timeout: Duration) -> Result<Vec<Node>> {
    let start = Instant::now();
    loop {
        for h in remove_stale_nodes(r, None).await? {
            tracing::info!("{}", crate::t!("swarm-removed-stale", host = h.as_str()));
        }
        let ns = nodes(r).await?;
        if ns.iter().filter(|n| n.is_ready()).count() == count || start.elapsed() >= timeout {
            return Ok(ns);
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
}

/// Remove the stale entries of the manager's node list: a node that left and joined again
/// gets a new id and its old entry stays (Ready until the manager misses its heartbeats, then
/// Down). With `live` (the node ids the hosts report now), every other entry of a hostname
/// that has a live one goes; without, the Down entries whose hostname also has a Ready one.
/// Returns their hostnames.
pub async fn remove_stale_nodes(r: &dyn Runner, live: Option<&[String]>) -> Result<Vec<String>> {
    let ns = list(r).await?;
    let mut removed = Vec::new();
    for n in stale(&ns, live) {
        run_ok(r, &format!("docker node rm --force {}", quote(&n.id))).await?;
        removed.push(name_of(n));
    }
    Ok(removed)
}

/// The stale entries of `ns` (see [`remove_stale_nodes`]).
fn stale<'a>(ns: &'a [Node], live: Option<&[String]>) -> Vec<&'a Node> {
    let ready: Vec<&str> = ns
        .iter()
        .filter(|n| n.is_ready())
        .map(|n| n.hostname.as_str())
        .collect();
    let live_hosts: Vec<&str> = match live {
        Some(ids) => ns
            .iter()
            .filter(|n| ids.contains(&n.id))
            .map(|n| n.hostname.as_str())
            .collect(),
        None => Vec::new(),
    };
    ns.iter()
        .filter(|n| {
            if live_hosts.contains(&n.hostname.as_str()) {
                return !live.is_some_and(|ids| ids.contains(&n.id));
            }
            n.is_down() && ready.contains(&n.hostname.as_str())
        })
        .collect()
}

/// A node's name for messages: its hostname, else its id.
fn name_of(n: &Node) -> String {
    if n.hostname.is_empty() {
        n.id.clone()
    } else {
        n.hostname.clone()
    }
}

/// The entries of `ns` for VC nodes that are gone (workers whose address is not in `alive`),
/// and the stale Down entries of live addresses that also have a live entry (a node that
/// joined again): `(Down ones to remove now, others to wait for)`. Managers are never listed.
fn gone<'a>(ns: &'a [Node], alive: &[String]) -> (Vec<&'a Node>, Vec<&'a Node>) {
    let live: Vec<&str> = ns
        .iter()
        .filter(|n| !n.is_down())
        .map(|n| n.addr.as_str())
        .collect();
    let (mut down, mut pending) = (Vec::new(), Vec::new());
    for n in ns.iter().filter(|n| n.role != "manager") {
        if alive.contains(&n.addr) && (!n.is_down() || !live.contains(&n.addr.as_str())) {
            continue;
        }
        if n.is_down() {
            down.push(n)
        } else {
            pending.push(n)
        }
    }
    (down, pending)
}

/// Remove from the swarm the workers whose VC node is gone (their address is not in `alive`)
/// once the manager reports them Down, waiting up to `timeout` for that; stale Down entries of
/// live addresses go too. Powered-off workers (Down, but alive) are kept, unlike
/// [`remove_down_nodes`]. Returns the hostnames removed.
pub async fn remove_gone_nodes(
    r: &dyn Runner,
    alive: &[String],
    timeout: Duration,
) -> Result<Vec<String>> {
    let start = Instant::now();
    let mut removed = Vec::new();
    let mut said = false;
    loop {
        let ns = nodes(r).await?;
        let (down, pending) = gone(&ns, alive);
        for n in down {
            run_ok(r, &format!("docker node rm {}", quote(&n.id))).await?;
            tracing::info!(
                "{}",
                crate::t!(
                    "swarm-removed",
                    hostname = n.hostname.as_str(),
                    addr = n.addr.as_str()
                )
            );
            removed.push(name_of(n));
        }
        if pending.is_empty() {
            return Ok(removed);
        }
        let pending: Vec<String> = pending
            .iter()
            .map(|n| format!("{} ({}): {}", n.hostname, n.addr, n.status))
            .collect();
        if start.elapsed() >= timeout {
            return Err(SwarmError::NotDown {
                secs: timeout.as_secs(),
                nodes: pending.join(", "),
            });
        }
        if !said {
            tracing::info!(
                "{}",
                crate::t!("swarm-waiting-down", nodes = pending.join(", "))
            );
            said = true;
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
}

/// Remove the nodes the manager reports as Down; returns their hostnames.
pub async fn remove_down_nodes(r: &dyn Runner) -> Result<Vec<String>> {
    let ns = list(r).await?;
    let mut removed = Vec::new();
    for n in ns.iter().filter(|n| n.is_down()) {
        run_ok(r, &format!("docker node rm {}", quote(&n.id))).await?;
        removed.push(name_of(n));
    }
    Ok(removed)
}

/// Make `hosts` leave their swarm (in parallel); hosts not in a swarm are skipped. Returns per
/// host "left" or "not in a swarm".
pub async fn leave(hosts: &[&dyn Runner], force: bool) -> Result<Vec<(String, String)>> {
    let futs = hosts.iter().map(|h| async move {
        let st = state(*h).await?;
        if !st.is_active() && st.local_node_state != "pending" && st.local_node_state != "error" {
            return Ok((h.host(), "not in a swarm".to_string()));
        }
        let cmd = if force {
            "docker swarm leave --force"
        } else {
            "docker swarm leave"
        };
        run_ok(*h, cmd).await?;
        Ok((h.host(), "left".to_string()))
    });
    futures::future::join_all(futs).await.into_iter().collect()
}

/// A runner for the local machine (`sh -c`), used by tests and by `--lab` tooling.
pub struct Local;

impl Runner for Local {
    fn host(&self) -> String {
        "localhost".into()
    }
    fn run<'a>(&'a self, cmd: &'a str) -> BoxFuture<'a, Result<Output, String>> {
        Box::pin(async move {
            let o = tokio::process::Command::new("sh")
                .arg("-c")
                .arg(cmd)
                .output()
                .await
                .map_err(|e| e.to_string())?;
            Ok(Output {
                rc: o.status.code(),
                stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
                stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn parses_docker_swarm_json() {
        let j = r#"{"NodeID":"abc","NodeAddr":"172.30.2.100","LocalNodeState":"active","ControlAvailable":true,"Error":"","RemoteManagers":[{"NodeID":"abc","Addr":"172.30.2.100:2377"}],"Nodes":3,"Managers":1,"Cluster":{"ID":"c1","Version":{"Index":10}}}"#;
        let s: SwarmState = serde_json::from_str(j).unwrap();
        assert!(s.is_active() && s.control_available);
        assert_eq!(s.manager_addrs(), vec!["172.30.2.100:2377"]);
        assert_eq!(s.cluster_id(), Some("c1"));
        let j = r#"{"NodeID":"","NodeAddr":"","LocalNodeState":"inactive","ControlAvailable":false,"Error":"","RemoteManagers":null}"#;
        let s: SwarmState = serde_json::from_str(j).unwrap();
        assert!(!s.is_active() && s.manager_addrs().is_empty());
    }

    /// A fake node: answers each command with the first matching (prefix, rc, stdout,
    /// stderr) rule that is left, logging every command.
    struct Fake {
        name: &'static str,
        rules: std::sync::Mutex<Vec<(&'static str, i32, String, String)>>,
        log: std::sync::Mutex<Vec<String>>,
    }

    impl Fake {
        fn new(name: &'static str, rules: Vec<(&'static str, i32, &str, &str)>) -> Fake {
            Fake {
                name,
                rules: std::sync::Mutex::new(
                    rules
                        .into_iter()
                        .map(|(p, rc, o, e)| (p, rc, o.to_string(), e.to_string()))
                        .collect(),
                ),
                log: Default::default(),
            }
        }
    }

    impl Runner for Fake {
        fn host(&self) -> String {
            self.name.into()
        }
        fn run<'a>(&'a self, cmd: &'a str) -> BoxFuture<'a, Result<Output, String>> {
            Box::pin(async move {
                self.log.lock().unwrap().push(cmd.to_string());
                let mut rules = self.rules.lock().unwrap();
                let i = rules
                    .iter()
                    .position(|r| cmd.starts_with(r.0))
                    .unwrap_or_else(|| panic!("unexpected command {cmd}"));
                let (_, rc, stdout, stderr) = rules.remove(i);
                Ok(Output {
                    rc: Some(rc),
                    stdout,
                    stderr,
                })
            })
        }
    }

    fn rt() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap()
    }

    const INFO: &str = "docker info";

    #[test]
    fn a_stopped_docker_daemon_is_named_as_such() {
        let h = Fake::new(
            "172.30.2.101",
            vec![(
                INFO,
                1,
                "",
                "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\ntemplate: :1:8: executing \"\" at <.Swarm>: nil pointer evaluating *swarm.Info.Swarm",
            )],
        );
        let e = rt().block_on(state(&h)).unwrap_err();
        assert!(matches!(e, SwarmError::DockerDown { .. }), "{e:?}");
        assert!(
            e.to_string()
                .starts_with("Docker is not running on 172.30.2.101"),
            "{e}"
        );
        assert!(!e.to_string().contains("nil pointer"), "{e}");
    }

    const PENDING: &str = r#"{"NodeID":"n1","NodeAddr":"10.0.0.1","LocalNodeState":"pending","ControlAvailable":false,"Error":""}"#;
    const MANAGER: &str = r#"{"NodeID":"n1","NodeAddr":"10.0.0.1","LocalNodeState":"active","ControlAvailable":true,"Error":"","Cluster":{"ID":"c1"}}"#;
    const INACTIVE: &str = r#"{"NodeID":"","NodeAddr":"","LocalNodeState":"inactive","ControlAvailable":false,"Error":""}"#;

    /// Read again at once, for as long as the rules last.
    const PATIENT: Settle = Settle {
        limit: Duration::from_secs(3600),
        poll: Duration::ZERO,
    };
    /// Give up at the first pending read.
    const IMPATIENT: Settle = Settle {
        limit: Duration::ZERO,
        poll: Duration::ZERO,
    };

    #[test]
    fn only_pending_is_waited_for_and_only_until_the_limit() {
        let st = |s: &str| SwarmState {
            local_node_state: s.into(),
            ..Default::default()
        };
        let s = Settle::default();
        for settled in ["active", "inactive", "error", "locked", ""] {
            assert_eq!(
                step(&st(settled), Duration::ZERO, s),
                Step::Use,
                "{settled}"
            );
        }
        assert_eq!(step(&st("pending"), Duration::ZERO, s), Step::Wait);
        assert_eq!(step(&st("pending"), s.limit / 2, s), Step::Wait);
        assert_eq!(step(&st("pending"), s.limit, s), Step::GiveUp);
    }

    #[test]
    fn an_init_left_pending_by_an_interrupted_run_is_waited_for() {
        // the interrupted init finishes while we wait: a no-op, the node manages the swarm
        let m = Fake::new(
            "m",
            vec![
                (INFO, 0, PENDING, ""),
                (INFO, 0, PENDING, ""),
                (INFO, 0, MANAGER, ""),
            ],
        );
        let (st, changed) = rt()
            .block_on(init_settling(&m, &InitOptions::default(), PATIENT))
            .unwrap();
        assert!(st.control_available && !changed);
        assert_eq!(
            m.log.lock().unwrap().len(),
            3,
            "no second `docker swarm init`"
        );

        // it fails instead: the node is inactive again and is initialised
        let m = Fake::new(
            "m",
            vec![
                (INFO, 0, PENDING, ""),
                (INFO, 0, INACTIVE, ""),
                ("docker swarm init", 0, "", ""),
                (INFO, 0, MANAGER, ""),
            ],
        );
        let (_, changed) = rt()
            .block_on(init_settling(&m, &InitOptions::default(), PATIENT))
            .unwrap();
        assert!(changed);

        // it never settles: a clear error naming the host, how long and what to do
        let m = Fake::new("10.0.0.1", vec![(INFO, 0, PENDING, "")]);
        let e = rt()
            .block_on(init_settling(&m, &InitOptions::default(), IMPATIENT))
            .unwrap_err();
        assert!(matches!(e, SwarmError::StillPending { .. }), "{e:?}");
        let text = e.to_string();
        assert!(
            text.starts_with("10.0.0.1: the swarm state is still `pending` after 0 s"),
            "{text}"
        );
        let help = miette::Diagnostic::help(&e).unwrap().to_string();
        assert!(help.contains("docker swarm leave --force"), "{help}");
    }

    #[test]
    fn a_join_left_pending_is_waited_for_then_redone_or_reported() {
        let joined = r#"{"NodeID":"w1","NodeAddr":"10.0.0.2","LocalNodeState":"active","ControlAvailable":false,"Error":"","RemoteManagers":[{"NodeID":"m1","Addr":"10.0.0.1:2377"}]}"#;
        let members = vec!["m1".to_string(), "w1".to_string()];
        // the interrupted join completes while we wait: already a member
        let w = Fake::new("w", vec![(INFO, 0, PENDING, ""), (INFO, 0, joined, "")]);
        let r = rt()
            .block_on(join_settling(
                &[&w],
                "SWMTKN-1-x",
                "10.0.0.1:2377",
                Some(&members),
                PATIENT,
            ))
            .unwrap();
        assert_eq!(r[0].outcome, "member");
        // stuck pending with the manager's view: leaves and joins the live swarm
        let w = Fake::new(
            "w",
            vec![
                (INFO, 0, PENDING, ""),
                ("docker swarm leave --force", 0, "", ""),
                ("docker swarm join", 0, "", ""),
                (INFO, 0, joined, ""),
            ],
        );
        let r = rt()
            .block_on(join_settling(
                &[&w],
                "SWMTKN-1-x",
                "10.0.0.1:2377",
                Some(&members),
                IMPATIENT,
            ))
            .unwrap();
        assert_eq!(r[0].outcome, "rejoined");
        // stuck pending without it: reported, nothing run
        let w = Fake::new("w", vec![(INFO, 0, PENDING, "")]);
        let e = rt()
            .block_on(join_settling(
                &[&w],
                "SWMTKN-1-x",
                "10.0.0.1:2377",
                None,
                IMPATIENT,
            ))
            .unwrap_err();
        assert!(matches!(e, SwarmError::StillPending { .. }), "{e:?}");
        assert_eq!(w.log.lock().unwrap().len(), 1);
    }

    #[test]
    fn a_worker_of_a_dead_swarm_at_the_same_address_leaves_and_joins() {
        let old = r#"{"NodeID":"old1","NodeAddr":"10.0.0.2","LocalNodeState":"active","ControlAvailable":false,"Error":"","RemoteManagers":[{"NodeID":"m0","Addr":"10.0.0.1:2377"}]}"#;
        let new = r#"{"NodeID":"new1","NodeAddr":"10.0.0.2","LocalNodeState":"active","ControlAvailable":false,"Error":"","RemoteManagers":[{"NodeID":"m1","Addr":"10.0.0.1:2377"}]}"#;
        let w = Fake::new(
            "w1",
            vec![
                (INFO, 0, old, ""),
                ("docker swarm leave --force", 0, "", ""),
                ("docker swarm join", 0, "", ""),
                (INFO, 0, new, ""),
            ],
        );
        let members = vec!["m1".to_string()];
        let r = rt()
            .block_on(join_known(
                &[&w],
                "SWMTKN-1-x",
                "10.0.0.1:2377",
                Some(&members),
            ))
            .unwrap();
        assert_eq!(r[0].outcome, "rejoined");
        assert_eq!(r[0].node_id.as_deref(), Some("new1"));
        // without the manager's view it is (wrongly, but as before) a member: the flow passes it
        let w = Fake::new("w1", vec![(INFO, 0, old, "")]);
        let r = rt()
            .block_on(join(&[&w], "SWMTKN-1-x", "10.0.0.1:2377"))
            .unwrap();
        assert_eq!(r[0].outcome, "member");
        // a member the manager knows stays
        let w = Fake::new("w1", vec![(INFO, 0, new, "")]);
        let members = vec!["m1".to_string(), "new1".to_string()];
        let r = rt()
            .block_on(join_known(
                &[&w],
                "SWMTKN-1-x",
                "10.0.0.1:2377",
                Some(&members),
            ))
            .unwrap();
        assert_eq!(r[0].outcome, "member");
        assert_eq!(w.log.lock().unwrap().len(), 1);
    }

    #[test]
    fn stale_down_entries_of_a_rejoined_node_are_removed() {
        let ls = [
            r#"{"ID":"a","Hostname":"mgr","Status":"Ready"}"#,
            r#"{"ID":"b-old","Hostname":"w1","Status":"Down"}"#,
            r#"{"ID":"b-new","Hostname":"w1","Status":"Ready"}"#,
            r#"{"ID":"c","Hostname":"w2","Status":"Down"}"#,
        ]
        .join("\n");
        let m = Fake::new(
            "mgr",
            vec![
                ("docker node ls", 0, &ls, ""),
                ("docker node rm --force b-old", 0, "", ""),
            ],
        );
        let r = rt().block_on(remove_stale_nodes(&m, None)).unwrap();
        assert_eq!(r, ["w1"]);
        // w2 is only Down (powered off?): kept
        assert!(!m.log.lock().unwrap().iter().any(|c| c.contains(" c")));
        // just after the re-join the old entry is still Ready: the live ids tell
        let ls = [
            r#"{"ID":"a","Hostname":"mgr","Status":"Ready"}"#,
            r#"{"ID":"b-old","Hostname":"w1","Status":"Ready"}"#,
            r#"{"ID":"b-new","Hostname":"w1","Status":"Ready"}"#,
        ]
        .join("\n");
        let m = Fake::new(
            "mgr",
            vec![
                ("docker node ls", 0, &ls, ""),
                ("docker node rm --force b-old", 0, "", ""),
            ],
        );
        let live = vec!["a".to_string(), "b-new".to_string()];
        let r = rt().block_on(remove_stale_nodes(&m, Some(&live))).unwrap();
        assert_eq!(r, ["w1"]);
    }

    const LS: &str = "docker node ls";
    const INSPECT_CMD: &str = "docker node inspect";

    #[test]
    fn nodes_have_docker_keys_an_address_and_a_role() {
        let ls = [
            r#"{"Availability":"Active","EngineVersion":"27.5.1","Hostname":"mgr","ID":"a","ManagerStatus":"Leader","Self":true,"Status":"Ready","TLSStatus":"Ready"}"#,
            r#"{"Availability":"Drain","EngineVersion":"27.5.1","Hostname":"w1","ID":"b","ManagerStatus":"","Self":false,"Status":"Down","TLSStatus":"Ready"}"#,
            r#"{"ID":"c","Hostname":"w2","Status":"Ready","Availability":"Active"}"#,
        ]
        .join("\n");
        // docker reports some managers' own address as 0.0.0.0: the manager address tells
        let inspect = "a 0.0.0.0 mgr ready active manager 10.0.0.1:2377\nb 10.0.0.2 w1 down drain worker \nc 10.0.0.3 w2 ready active worker\n";
        let m = Fake::new("mgr", vec![(LS, 0, &ls, ""), (INSPECT_CMD, 0, inspect, "")]);
        let ns = rt().block_on(nodes(&m)).unwrap();
        assert_eq!(ns.len(), 3);
        assert_eq!(
            ns[0],
            Node {
                id: "a".into(),
                hostname: "mgr".into(),
                status: "Ready".into(),
                availability: "Active".into(),
                manager_status: "Leader".into(),
                engine_version: "27.5.1".into(),
                tls_status: "Ready".into(),
                is_self: true,
                addr: "10.0.0.1".into(),
                role: "manager".into(),
            }
        );
        assert_eq!(
            (ns[1].addr.as_str(), ns[1].role.as_str()),
            ("10.0.0.2", "worker")
        );
        assert!(ns[1].is_down() && ns[2].is_ready());
        // the keys scripts read
        let v = serde_json::to_value(&ns[1]).unwrap();
        for k in [
            "ID",
            "Hostname",
            "Status",
            "Availability",
            "ManagerStatus",
            "EngineVersion",
            "Addr",
            "Role",
            "Self",
            "TLSStatus",
        ] {
            assert!(v.get(k).is_some(), "{k}: {v}");
        }
        // the plan's model answers the six fields only: still parsed
        let mut ns = parse_ls("m", &ls).unwrap();
        add_inspect(
            &mut ns,
            "planned-x 10.0.0.9 10.0.0.9 ready active worker\nc 10.0.0.3 w2 ready active worker",
        );
        assert_eq!((ns[0].addr.as_str(), ns[2].addr.as_str()), ("", "10.0.0.3"));
    }

    #[test]
    fn by_address_prefers_the_entry_that_is_not_down() {
        let n = |id: &str, addr: &str, status: &str| Node {
            id: id.into(),
            addr: addr.into(),
            status: status.into(),
            ..Default::default()
        };
        let ns = [
            n("old", "10.0.0.2", "Down"),
            n("new", "10.0.0.2", "Ready"),
            n("later", "10.0.0.2", "Down"),
            n("gone", "10.0.0.3", "Down"),
            n("noaddr", "", "Ready"),
        ];
        let m = by_address(&ns);
        assert_eq!(m.len(), 2);
        assert_eq!(m["10.0.0.2"].id, "new");
        assert_eq!(m["10.0.0.3"].id, "gone");
    }

    #[test]
    fn join_with_a_manager_waits_until_the_joined_nodes_are_ready() {
        let inactive = r#"{"NodeID":"","LocalNodeState":"inactive"}"#;
        let joined = r#"{"NodeID":"w1id","NodeAddr":"10.0.0.2","LocalNodeState":"active"}"#;
        let w = Fake::new(
            "w1",
            vec![
                (INFO, 0, inactive, ""),
                ("docker swarm join", 0, "", ""),
                (INFO, 0, joined, ""),
            ],
        );
        let m = Fake::new(
            "mgr",
            vec![
                (
                    LS,
                    0,
                    r#"{"ID":"m1","Hostname":"mgr","Status":"Ready"}"#,
                    "",
                ),
                (
                    LS,
                    0,
                    "{\"ID\":\"m1\",\"Status\":\"Ready\"}\n{\"ID\":\"w1id\",\"Status\":\"Down\"}",
                    "",
                ),
                (
                    LS,
                    0,
                    "{\"ID\":\"m1\",\"Status\":\"Ready\"}\n{\"ID\":\"w1id\",\"Status\":\"Ready\"}",
                    "",
                ),
            ],
        );
        let r = rt()
            .block_on(join_and_wait(
                &[&w],
                "SWMTKN-1-x",
                "10.0.0.1:2377",
                Some(&m),
                None,
            ))
            .unwrap();
        assert_eq!(
            (r[0].outcome.as_str(), r[0].node_id.as_deref()),
            ("joined", Some("w1id"))
        );
        assert_eq!(
            m.log.lock().unwrap().len(),
            3,
            "the members, then polled until Ready"
        );
        assert_eq!(DEFAULT_WAIT, Duration::from_secs(120));
        // a node that never becomes Ready: the timeout names what was waited for
        let w = Fake::new(
            "w1",
            vec![
                (INFO, 0, inactive, ""),
                ("docker swarm join", 0, "", ""),
                (INFO, 0, joined, ""),
            ],
        );
        let down = "{\"ID\":\"w1id\",\"Status\":\"Down\"}";
        let m = Fake::new(
            "mgr",
            vec![(LS, 0, "", ""), (LS, 0, down, ""), (LS, 0, down, "")],
        );
        let e = rt()
            .block_on(join_and_wait(
                &[&w],
                "SWMTKN-1-x",
                "10.0.0.1:2377",
                Some(&m),
                Some(Duration::ZERO),
            ))
            .unwrap_err();
        assert!(matches!(e, SwarmError::Timeout { secs: 0, .. }), "{e:?}");
    }

    #[test]
    fn wait_count_removes_stale_entries_and_returns_the_last_view() {
        let two = "{\"ID\":\"a\",\"Hostname\":\"mgr\",\"Status\":\"Ready\"}\n{\"ID\":\"b\",\"Hostname\":\"w1\",\"Status\":\"Ready\"}";
        let stale = format!("{two}\n{{\"ID\":\"b-old\",\"Hostname\":\"w1\",\"Status\":\"Down\"}}");
        let m = Fake::new(
            "mgr",
            vec![
                (LS, 0, &stale, ""),
                ("docker node rm --force b-old", 0, "", ""),
                (LS, 0, two, ""),
                (
                    INSPECT_CMD,
                    0,
                    "a 10.0.0.1 mgr ready active manager\nb 10.0.0.2 w1 ready active worker",
                    "",
                ),
            ],
        );
        let ns = rt()
            .block_on(wait_count(&m, 2, Duration::from_secs(60)))
            .unwrap();
        assert_eq!(ns.iter().filter(|n| n.is_ready()).count(), 2);
        assert_eq!(ns[1].addr, "10.0.0.2");
        // time is up: the last view, whatever its count
        let m = Fake::new(
            "mgr",
            vec![(LS, 0, two, ""), (LS, 0, two, ""), (INSPECT_CMD, 0, "", "")],
        );
        let ns = rt().block_on(wait_count(&m, 3, Duration::ZERO)).unwrap();
        assert_eq!(ns.len(), 2);
    }

    #[test]
    fn gone_workers_are_removed_once_down_and_powered_off_ones_stay() {
        let n = |id: &str, addr: &str, status: &str, role: &str| Node {
            id: id.into(),
            hostname: format!("h-{id}"),
            addr: addr.into(),
            status: status.into(),
            role: role.into(),
            ..Default::default()
        };
        let ns = [
            n("m", "10.0.0.1", "Ready", "manager"),
            n("off", "10.0.0.2", "Down", "worker"), // powered off: alive, kept
            n("old", "10.0.0.3", "Down", "worker"), // stale: 10.0.0.3 joined again
            n("new", "10.0.0.3", "Ready", "worker"),
            n("del", "10.0.0.4", "Down", "worker"), // deleted on the VCC: removed
            n("slow", "10.0.0.5", "Ready", "worker"), // deleted, not Down yet: waited for
        ];
        let alive = ["10.0.0.1", "10.0.0.2", "10.0.0.3"].map(String::from);
        let (down, pending) = gone(&ns, &alive);
        let ids = |v: Vec<&Node>| v.iter().map(|n| n.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(down), ["old", "del"]);
        assert_eq!(ids(pending), ["slow"]);
        // the manager's view over a fake: removed with `docker node rm`, then nothing pending
        let ls = r#"{"ID":"m","Hostname":"mgr","Status":"Ready"}
{"ID":"del","Hostname":"w4","Status":"Down"}"#;
        let m = Fake::new(
            "mgr",
            vec![
                (LS, 0, ls, ""),
                (
                    INSPECT_CMD,
                    0,
                    "m 10.0.0.1 mgr ready active manager\ndel 10.0.0.4 w4 down active worker",
                    "",
                ),
                ("docker node rm del", 0, "", ""),
            ],
        );
        let r = rt()
            .block_on(remove_gone_nodes(&m, &alive, Duration::ZERO))
            .unwrap();
        assert_eq!(r, ["w4"]);
        // a deleted node still Ready when time is up: an error naming it
        let ls = r#"{"ID":"slow","Hostname":"w5","Status":"Ready"}"#;
        let m = Fake::new(
            "mgr",
            vec![
                (LS, 0, ls, ""),
                (INSPECT_CMD, 0, "slow 10.0.0.5 w5 ready active worker", ""),
            ],
        );
        let e = rt()
            .block_on(remove_gone_nodes(&m, &alive, Duration::ZERO))
            .unwrap_err();
        assert!(e.to_string().contains("w5 (10.0.0.5): Ready"), "{e}");
    }
}
