//! Starting a `--plan` rehearsal: take the snapshot, enter plan mode (the scratch copy of the
//! workdir) and start the simulator seeded with it; after the run, the plan.
//!
//! What is planned against: the VCC the run would use (vcp_config.yml, `CWH_VCC_URL`, the
//! token), read with GET requests only. With `--sim` or `--lab` the plan is against that
//! simulator's saved state (`.cwh/sim-state.json`, `.cwh/lab-<name>.json`) read from disk: no
//! server, no container and no Docker engine is started. The plan follows its target: the
//! script sees in `vcp.target` what the snapshot was taken of ("vcc", "simulator" — also a
//! standalone `cwh vcc serve` — or "lab") and takes the path its real run takes.
use crate::exit::Failure;
use crate::sim::snapshot;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What the rehearsal is seeded with.
#[derive(Debug)]
pub enum Seed {
    /// A simulator's saved state (`--sim`, `--lab`), which of them it is, and the lab's
    /// subnet when given (its node addresses, for a lab that has no node yet).
    SavedState(PathBuf, crate::vcc::Target, Option<String>),
    /// A snapshot of the configured VCC.
    Vcc {
        token: String,
        config_dir: Option<PathBuf>,
        ca_cert: Option<PathBuf>,
    },
}

/// What the host keeps of the snapshot for the plan's header.
#[derive(Debug, Clone)]
pub struct PlanRun {
    /// What was planned against (URL or state file).
    pub source: String,
    pub requests: usize,
    pub snapshot_ms: u64,
}

/// A started rehearsal: the seeded simulator and its token.
pub struct Rehearsal {
    pub server: crate::sim::Server,
    pub token: String,
    pub run: PlanRun,
}

/// A failure before the rehearsal: nothing was changed.
fn fail(what: &str, e: impl std::fmt::Display, help: &str) -> Failure {
    Failure::script(crate::t!("plan-fail", what = what, problem = e.to_string()))
        .help(help)
        .note(crate::t!("plan-fail-note"))
}

/// Take the snapshot, enter plan mode (scratch copy of `workdir`) and start the seeded
/// simulator.
pub fn start(
    seed: Seed,
    rt: &tokio::runtime::Runtime,
    workdir: &Path,
) -> Result<Rehearsal, Failure> {
    let t0 = Instant::now();
    let mut subnet_pool = None;
    let (seed, source, requests, target) = match seed {
        Seed::SavedState(file, target, subnet) => {
            subnet_pool = subnet.as_deref().and_then(pool_of_subnet);
            let mut state = crate::sim::SimState::load(&file).map_err(|e| {
                fail(
                    &crate::t!("plan-state-unreadable", file = file.display().to_string()),
                    e,
                    &crate::t!("plan-state-unreadable-help"),
                )
            })?;
            if let crate::vcc::Target::Lab { name: Some(lab) } = &target {
                // as the real run's lab sees it: node states follow their containers (a
                // container gone is a node in ERROR), read from the running engine, never
                // starting one
                let read = rt.block_on(async {
                    let engine = crate::lab::docker::Engine::connect().await?;
                    crate::lab::reconcile::reconcile(&engine, lab, &mut state).await
                });
                if let Err(e) = read {
                    tracing::info!(
                        "{}",
                        crate::t!("plan-lab-unreadable", problem = e.to_string())
                    );
                }
            }
            let seed = crate::sim::Seed {
                state,
                vpn_catalog: serde_json::Value::Null,
                version: serde_json::Value::Null,
            };
            (seed, file.display().to_string(), 0, target)
        }
        Seed::Vcc {
            token,
            config_dir,
            ca_cert,
        } => {
            let config = crate::vcc::Config::discover(config_dir.as_deref()).map_err(|e| {
                fail(
                    &crate::t!("plan-config"),
                    &e,
                    &crate::t!("plan-config-help"),
                )
            })?;
            let mut co = crate::vcc::ConnectOptions::new(config, token);
            co.ca_cert = ca_cert;
            let (url, s, target) = rt
                .block_on(async {
                    let c0 = Instant::now();
                    let client = tokio::time::timeout(
                        Duration::from_secs(120),
                        crate::vcc::Client::connect(co),
                    )
                    .await
                    .map_err(|_| crate::t!("plan-timed-out", seconds = 120))?
                    .map_err(|e| e.to_string())?;
                    let took = c0.elapsed();
                    let s = tokio::time::timeout(
                        Duration::from_secs(120),
                        snapshot::take(&client, took),
                    )
                    .await
                    .map_err(|_| crate::t!("plan-timed-out", seconds = 120))?
                    .map_err(|e| e.to_string())?;
                    // what the server said it is (a standalone `cwh vcc serve` is a simulator)
                    let target = client.target().clone();
                    Ok::<_, String>((client.base_url().to_string(), s, target))
                })
                .map_err(|e| {
                    fail(
                        &crate::t!("plan-vcc-unreadable"),
                        e,
                        &crate::t!("plan-vcc-unreadable-help"),
                    )
                })?;
            let seed = crate::sim::Seed {
                state: snapshot::state_from(&s.ugroups),
                vpn_catalog: s.vpn_catalog,
                version: s.version,
            };
            (seed, url, s.requests, target)
        }
    };
    let snapshot_ms = t0.elapsed().as_millis() as u64;
    let plan = crate::plan::activate(workdir).map_err(|e| {
        Failure::usage(crate::t!(
            "plan-copy-failed",
            dir = crate::plan::scratch_dir(workdir).display().to_string(),
            problem = e.to_string()
        ))
        .help(crate::t!("plan-copy-failed-help"))
    })?;
    plan.set_target(target);
    let token = crate::sim::random_token();
    let mut so = crate::sim::SimOptions::new(token.clone());
    so.boot_delay = Duration::ZERO;
    if let Some(pool) = snapshot::pool_from(&seed.vpn_catalog)
        .or_else(|| pool_of(&seed.state))
        .or(subnet_pool)
    {
        so.node_addresses = pool;
    }
    // a saved simulator state (null catalog) keeps the simulator's own catalog and version
    so.seed = Some(seed);
    let server = crate::sim::Server::start_on(rt.handle(), so)
        .map_err(|e| Failure::usage(crate::t!("plan-sim-failed", problem = e.to_string())))?;
    let read = server.state_reader();
    let read_lost = server.state_reader();
    plan.remote.set_lost_nodes(Box::new(move || {
        read_lost()
            .vcs
            .iter()
            .filter(|v| v.kind == crate::vcc::UgroupKind::Compute)
            .flat_map(|v| &v.units)
            .flat_map(|u| &u.members)
            .filter(|m| m.state == crate::vcc::State::Error)
            .filter_map(|m| m.address.clone())
            .collect()
    }));
    plan.remote.set_vcc_nodes(Box::new(move || {
        let st = read();
        st.vcs
            .iter()
            .filter(|v| v.kind == crate::vcc::UgroupKind::Compute)
            .flat_map(|v| &v.units)
            .flat_map(|u| &u.members)
            .filter_map(|m| {
                Some((
                    m.address.clone()?,
                    m.state == crate::vcc::State::Running,
                    m.id.clone(),
                ))
            })
            .collect()
    }));
    tracing::info!(
        "{}",
        crate::t!(
            "plan-snapshot",
            source = source.as_str(),
            requests = requests,
            ms = snapshot_ms,
            scratch = plan.scratch.display().to_string()
        )
    );
    plan.set_rehearsal_url(&server.url());
    Ok(Rehearsal {
        server,
        token,
        run: PlanRun {
            source,
            requests,
            snapshot_ms,
        },
    })
}

/// The pool of a lab subnet (`172.30.9.0/24`): `.100`–`.200`, as the lab gives its nodes.
fn pool_of_subnet(subnet: &str) -> Option<(std::net::Ipv4Addr, std::net::Ipv4Addr)> {
    let a: std::net::Ipv4Addr = subnet.split('/').next()?.parse().ok()?;
    let base = u32::from(a) & 0xffff_ff00;
    Some((base.wrapping_add(100).into(), base.wrapping_add(200).into()))
}

/// The pool of a saved simulator state: `.100`–`.200` of its first node's /24.
fn pool_of(st: &crate::sim::SimState) -> Option<(std::net::Ipv4Addr, std::net::Ipv4Addr)> {
    let a: std::net::Ipv4Addr = st
        .vcs
        .iter()
        .flat_map(|v| &v.units)
        .flat_map(|u| &u.members)
        .find_map(|m| m.address.as_deref()?.parse().ok())?;
    let base = u32::from(a) & 0xffff_ff00;
    Some((base.wrapping_add(100).into(), base.wrapping_add(200).into()))
}

impl PlanRun {
    /// After the rehearsal: the plan, from the recap's VCC change, the scratch copy and the
    /// recorded remote steps.
    pub fn plan(
        &self,
        vcc: crate::plan::diff::VccDiff,
        rehearsal: Duration,
        error: Option<String>,
    ) -> crate::plan::render::Plan {
        let mode = crate::plan::active().expect("plan mode");
        crate::plan::render::Plan {
            vcc_url: self.source.clone(),
            vcc,
            files: crate::plan::files::diff_dirs(&mode.workdir, &mode.scratch),
            known_hosts: mode.remote.known_hosts(),
            remote: mode.remote.grouped(),
            snapshot_requests: self.requests,
            snapshot_ms: self.snapshot_ms,
            rehearsal_ms: rehearsal.as_millis() as u64,
            error,
        }
    }
}
