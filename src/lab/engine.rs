//! The Docker engine the lab runs on. [`ensure`] uses an engine that answers; else starts
//! cwh's own `dockerd` (root; data, exec root, pidfile and log under `/var/lib/cwh/docker`,
//! `CWH_DOCKER_ROOT` to move it), which keeps running for later runs; else, on Debian/Ubuntu
//! as root and with the user's consent, installs Docker with apt-get first. Everything else is
//! a clear error with the exact commands. [`stop`] stops only the engine cwh started.
//!
//! The decision is a pure function of what was probed ([`decide`]), so every branch is tested
//! without touching the machine's Docker. Every wait is bounded.
use crate::lab::apt::{self, Consent, Package};
use crate::lab::docker::Engine;
use crate::lab::error::{LabError, Result};
use std::io::Write;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Where cwh keeps its own engine unless `CWH_DOCKER_ROOT` says otherwise.
pub const DEFAULT_ROOT: &str = "/var/lib/cwh/docker";
/// The socket a local engine listens on by default.
pub const DEFAULT_SOCKET: &str = "unix:///var/run/docker.sock";

/// The packages the lab needs from the system.
pub const LAB_PACKAGES: [Package; 2] = [apt::DOCKER, apt::DEBOOTSTRAP];

/// cwh's own engine: its directory and files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Own {
    /// The directory holding data/, exec/, dockerd.pid and dockerd.log.
    pub root: PathBuf,
}

impl Default for Own {
    fn default() -> Self {
        Own::new()
    }
}

impl Own {
    /// `CWH_DOCKER_ROOT`, else [`DEFAULT_ROOT`].
    pub fn new() -> Own {
        let root = std::env::var_os("CWH_DOCKER_ROOT")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(DEFAULT_ROOT));
        Own { root }
    }
    /// dockerd's data root.
    pub fn data(&self) -> PathBuf {
        self.root.join("data")
    }
    /// dockerd's exec root.
    pub fn exec(&self) -> PathBuf {
        self.root.join("exec")
    }
    /// The pidfile dockerd writes (and removes when it stops).
    pub fn pidfile(&self) -> PathBuf {
        self.root.join("dockerd.pid")
    }
    /// dockerd's log (appended to by every start).
    pub fn log(&self) -> PathBuf {
        self.root.join("dockerd.log")
    }
    /// The pid of the dockerd cwh started, when it is alive: the pidfile names a live process
    /// whose command line is dockerd with our data root (a recycled pid is not ours).
    pub fn pid(&self) -> Option<u32> {
        let pid: u32 = std::fs::read_to_string(self.pidfile())
            .ok()?
            .trim()
            .parse()
            .ok()?;
        let data = self.data().display().to_string();
        let cmd = cmdline(pid)?;
        (alive(pid) && cmd.iter().any(|a| a.ends_with("dockerd")) && cmd.contains(&data))
            .then_some(pid)
    }
    /// The last `n` lines of the log.
    pub fn log_tail(&self, n: usize) -> String {
        let text = std::fs::read_to_string(self.log()).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(n)..].join("\n")
    }
}

fn cmdline(pid: u32) -> Option<Vec<String>> {
    let raw = std::fs::read(format!("/proc/{pid}/cmdline")).ok()?;
    Some(
        raw.split(|b| *b == 0)
            .filter(|a| !a.is_empty())
            .map(|a| String::from_utf8_lossy(a).into_owned())
            .collect(),
    )
}

/// A process that exists and is not a zombie.
fn alive(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        // the state follows the command name in parentheses
        Ok(s) => s
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().next())
            .is_some_and(|st| st != "Z" && st != "X"),
        Err(_) => false,
    }
}

/// A dockerd process of this machine other than `except`: in our own PID namespace only, so
/// the inner dockerd of a lab node (a container, visible in /proc too) never counts.
fn other_dockerd(except: Option<u32>) -> Option<u32> {
    let ours = std::fs::read_link("/proc/self/ns/pid").ok();
    std::fs::read_dir("/proc")
        .ok()?
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
        .filter(|p| Some(*p) != except)
        .find(|p| {
            std::fs::read_to_string(format!("/proc/{p}/comm")).is_ok_and(|c| c.trim() == "dockerd")
                && alive(*p)
                && std::fs::read_link(format!("/proc/{p}/ns/pid")).ok() == ours
        })
}

/// DOCKER_HOST when it names something other than the default local socket.
fn docker_host() -> Option<String> {
    std::env::var("DOCKER_HOST")
        .ok()
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty() && h != DEFAULT_SOCKET && h != "unix://var/run/docker.sock")
}

/// What the machine shows about Docker engines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Probe {
    /// An engine answered (ping within the bound).
    pub answers: bool,
    /// DOCKER_HOST, when set to something other than the default socket.
    pub docker_host: Option<String>,
    /// The dockerd cwh started, still alive (it may be starting or hung).
    pub own_pid: Option<u32>,
    /// Another dockerd process, alive.
    pub other_pid: Option<u32>,
    /// The lab's packages that are not installed.
    pub missing: Vec<Package>,
    /// Root, apt, OS.
    pub sys: apt::System,
}

impl Probe {
    /// Probe this machine (the ping is bounded by [`Engine::connect`]).
    pub async fn take(own: &Own) -> Probe {
        let own_pid = own.pid();
        Probe {
            answers: Engine::connect().await.is_ok(),
            docker_host: docker_host(),
            own_pid,
            other_pid: other_dockerd(own_pid),
            missing: apt::missing(&LAB_PACKAGES),
            sys: apt::System::probe(),
        }
    }
    fn dockerd_installed(&self) -> bool {
        !self.missing.contains(&apt::DOCKER)
    }
}

/// What to do about the engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// An engine answers: use it.
    Use,
    /// cwh's own dockerd runs but does not answer yet: wait for it (bounded).
    WaitOwn(u32),
    /// Start cwh's own dockerd.
    Start,
    /// Install these packages with apt-get (asking first when `ask`), then start.
    Install {
        /// The missing packages.
        packages: Vec<Package>,
        /// Ask on the terminal first.
        ask: bool,
    },
    /// Stop with this error (what to do is in its help).
    Refuse(LabError),
}

/// Decide what to do about the engine from what was probed and how the user can consent.
pub fn decide(p: &Probe, consent: Consent) -> Step {
    if p.answers {
        return Step::Use;
    }
    if let Some(h) = &p.docker_host {
        return Step::Refuse(LabError::Setup {
            message: crate::t!("engine-none-at-host", host = h.clone()),
            help: crate::t!("engine-none-at-host-help"),
        });
    }
    if let Some(pid) = p.own_pid {
        return Step::WaitOwn(pid);
    }
    if let Some(pid) = p.other_pid {
        return Step::Refuse(LabError::Setup {
            message: crate::t!("engine-other-silent", pid = pid, socket = DEFAULT_SOCKET),
            help: crate::t!("engine-other-silent-help"),
        });
    }
    if p.dockerd_installed() {
        if !p.sys.root {
            return Step::Refuse(LabError::Setup {
                message: crate::t!("engine-needs-root"),
                help: crate::t!("engine-needs-root-help"),
            });
        }
        return Step::Start;
    }
    let packages = p.missing.clone();
    match apt::decide(&packages, &crate::t!("engine-why"), &p.sys, consent) {
        apt::Decision::Install => Step::Install {
            packages,
            ask: false,
        },
        apt::Decision::Ask => Step::Install {
            packages,
            ask: true,
        },
        apt::Decision::Refuse(e) => Step::Refuse(e),
    }
}

/// How cwh starts its dockerd.
#[derive(Debug, Clone)]
pub struct Launch {
    /// The dockerd program.
    pub dockerd: PathBuf,
    /// Where it listens (`-H`); `None`: the default local socket.
    pub socket: Option<String>,
    /// How long to wait for it to answer: `CWH_DOCKERD_TIMEOUT` seconds, default 60.
    pub timeout: Duration,
}

impl Launch {
    /// The installed dockerd on the default socket.
    pub fn installed() -> Launch {
        let secs = std::env::var("CWH_DOCKERD_TIMEOUT")
            .ok()
            .and_then(|s| s.trim().parse::<u64>().ok())
            .filter(|s| *s > 0)
            .unwrap_or(60);
        Launch {
            dockerd: apt::find_program("dockerd").unwrap_or_else(|| PathBuf::from("dockerd")),
            socket: None,
            timeout: Duration::from_secs(secs),
        }
    }
}

/// An exclusive lock on cwh's engine directory while deciding and starting, so two cwh
/// processes never start two engines. Released on drop.
struct StartLock {
    _held: std::fs::File,
}

impl StartLock {
    fn take(own: &Own) -> Result<StartLock> {
        use std::os::fd::AsRawFd;
        std::fs::create_dir_all(&own.root).map_err(|e| {
            LabError::Io(crate::t!(
                "lab-cannot-create",
                path = own.root.display().to_string(),
                problem = e.to_string()
            ))
        })?;
        let path = own.root.join("engine.lock");
        let f = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| {
                LabError::Io(crate::t!(
                    "lab-cannot-open",
                    path = path.display().to_string(),
                    problem = e.to_string()
                ))
            })?;
        let deadline = Instant::now() + Duration::from_secs(600);
        let mut said = false;
        loop {
            // SAFETY: flock on a descriptor we own.
            if unsafe { libc::flock(f.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0 {
                return Ok(StartLock { _held: f });
            }
            if Instant::now() > deadline {
                return Err(LabError::Setup {
                    message: crate::t!("lab-engine-busy", path = path.display().to_string()),
                    help: crate::t!("lab-engine-busy-help"),
                });
            }
            if !said {
                eprintln!("{}", crate::t!("engine-wait-other-cwh"));
                said = true;
            }
            std::thread::sleep(Duration::from_millis(250));
        }
    }
}

/// Make sure a Docker engine answers, starting (or installing, then starting) cwh's own when
/// none does. Progress goes to stderr.
pub async fn ensure(consent: Consent) -> Result<Engine> {
    if let Ok(e) = Engine::connect().await {
        return Ok(e);
    }
    let own = Own::new();
    let probe = Probe::take(&own).await;
    // Only root starts or installs: take the lock then (others get their error below).
    let _lock = if probe.sys.root && probe.docker_host.is_none() {
        let o = own.clone();
        Some(
            tokio::task::spawn_blocking(move || StartLock::take(&o))
                .await
                .map_err(|e| LabError::Io(e.to_string()))??,
        )
    } else {
        None
    };
    // re-probe under the lock: another cwh may have started an engine meanwhile
    let probe = if _lock.is_some() {
        Probe::take(&own).await
    } else {
        probe
    };
    match decide(&probe, consent) {
        Step::Use => Engine::connect().await,
        Step::Refuse(e) => Err(e),
        Step::WaitOwn(pid) => {
            eprintln!("{}", crate::t!("engine-wait-own", pid = pid));
            wait_answer(&own, &Launch::installed(), None, pid).await
        }
        Step::Start => start(&own, &Launch::installed()).await,
        Step::Install { packages, .. } => {
            tokio::task::spawn_blocking(move || {
                apt::ensure(&packages, &crate::t!("engine-why"), consent)
            })
            .await
            .map_err(|e| LabError::Io(e.to_string()))??;
            // a package's install script may have started the system's engine
            if let Ok(e) = Engine::connect().await {
                eprintln!("{}", crate::t!("engine-system-started"));
                return Ok(e);
            }
            start(&own, &Launch::installed()).await
        }
    }
}

/// Start cwh's own dockerd in the background (its own process group, so Ctrl-C of cwh leaves
/// it running) and wait until it answers.
pub async fn start(own: &Own, launch: &Launch) -> Result<Engine> {
    let io = |create: bool, p: &std::path::Path, e: std::io::Error| {
        let (path, problem) = (p.display().to_string(), e.to_string());
        LabError::Io(if create {
            crate::t!("lab-cannot-create", path = path, problem = problem)
        } else {
            crate::t!("lab-cannot-open", path = path, problem = problem)
        })
    };
    for d in [own.data(), own.exec()] {
        std::fs::create_dir_all(&d).map_err(|e| io(true, &d, e))?;
    }
    // a pidfile of a dead dockerd would make the new one refuse to start
    let _ = std::fs::remove_file(own.pidfile());
    let log = own.log();
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&log)
        .map_err(|e| io(false, &log, e))?;
    let _ = writeln!(
        f,
        "--- dockerd started by cwh {} (pid {}) ---",
        env!("CARGO_PKG_VERSION"),
        std::process::id()
    );
    let err = f.try_clone().map_err(|e| io(false, &log, e))?;
    let dockerd = &launch.dockerd;
    let path = format!(
        "{}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        std::env::var("PATH").unwrap_or_default()
    );
    eprintln!(
        "{}",
        crate::t!(
            "engine-starting",
            dockerd = dockerd.display().to_string(),
            data = own.data().display().to_string(),
            log = log.display().to_string()
        )
    );
    let mut cmd = std::process::Command::new(dockerd);
    if let Some(h) = &launch.socket {
        cmd.arg("-H").arg(h);
    }
    cmd.arg("--data-root")
        .arg(own.data())
        .arg("--exec-root")
        .arg(own.exec())
        .arg("--pidfile")
        .arg(own.pidfile())
        .env("PATH", path)
        .env_remove("DOCKER_HOST")
        .stdin(std::process::Stdio::null())
        .stdout(f)
        .stderr(err);
    std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
    let child = cmd.spawn().map_err(|e| LabError::Setup {
        message: crate::t!(
            "lab-engine-cannot-start",
            program = dockerd.display().to_string(),
            problem = e.to_string()
        ),
        help: crate::t!("lab-engine-cannot-start-help"),
    })?;
    let pid = child.id();
    wait_answer(own, launch, Some(child), pid).await
}

/// Wait (bounded) until the engine answers. `child` is the dockerd we just spawned: its early
/// exit ends the wait at once, and on timeout it is stopped so nothing half-started is left.
async fn wait_answer(
    own: &Own,
    launch: &Launch,
    mut child: Option<std::process::Child>,
    pid: u32,
) -> Result<Engine> {
    let t0 = Instant::now();
    let limit = launch.timeout;
    let bar = crate::lab::progress_spinner();
    let mut next_line = Duration::from_secs(5);
    loop {
        if let Ok(e) = Engine::connect_to(launch.socket.as_deref()).await {
            if let Some(b) = bar {
                b.finish_and_clear();
            }
            let v = e
                .docker
                .version()
                .await
                .ok()
                .and_then(|v| v.version)
                .unwrap_or_default();
            eprintln!(
                "{}",
                crate::t!(
                    "engine-ready",
                    version = v.to_string(),
                    seconds = format!("{:.1}", t0.elapsed().as_secs_f64()),
                    pid = pid,
                    log = own.log().display().to_string()
                )
            );
            return Ok(e);
        }
        let exited = match child.as_mut() {
            Some(c) => c.try_wait().ok().flatten().map(|s| s.to_string()),
            None => (!alive(pid)).then(|| crate::t!("lab-engine-exited")),
        };
        if let Some(status) = exited {
            if let Some(b) = &bar {
                b.finish_and_clear();
            }
            let _ = std::fs::remove_file(own.pidfile());
            return Err(LabError::Setup {
                message: crate::t!("lab-engine-died", pid = pid, status = status),
                help: format!(
                    "{}\n{}\n{}",
                    crate::t!("lab-engine-log-tail", log = own.log().display().to_string()),
                    own.log_tail(15),
                    crate::t!("lab-engine-fix-then-rerun")
                ),
            });
        }
        let waited = t0.elapsed();
        if waited > limit {
            if let Some(b) = &bar {
                b.finish_and_clear();
            }
            terminate(pid, Duration::from_secs(10)).await;
            if let Some(mut c) = child {
                let _ = c.wait();
            }
            let _ = std::fs::remove_file(own.pidfile());
            return Err(LabError::Setup {
                message: crate::t!("lab-engine-timeout", pid = pid, seconds = limit.as_secs()),
                help: format!(
                    "{}\n{}\n{}",
                    crate::t!("lab-engine-log-tail", log = own.log().display().to_string()),
                    own.log_tail(15),
                    crate::t!("lab-engine-wait-longer")
                ),
            });
        }
        match &bar {
            Some(b) => b.set_message(crate::t!(
                "engine-waiting",
                pid = pid,
                seconds = waited.as_secs()
            )),
            None if waited >= next_line => {
                eprintln!(
                    "{}",
                    crate::t!("engine-waiting", pid = pid, seconds = waited.as_secs())
                );
                next_line += Duration::from_secs(5);
            }
            None => {}
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

/// SIGTERM, wait up to `grace`, then SIGKILL. Returns whether the process had to be killed.
async fn terminate(pid: u32, grace: Duration) -> bool {
    // SAFETY: plain signal delivery to a pid we checked.
    unsafe { libc::kill(pid as i32, libc::SIGTERM) };
    let t0 = Instant::now();
    while alive(pid) && t0.elapsed() < grace {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    if alive(pid) {
        // SAFETY: as above.
        unsafe { libc::kill(pid as i32, libc::SIGKILL) };
        return true;
    }
    false
}

/// What `stop` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stopped {
    /// Stopped cwh's dockerd with this pid (`killed`: it needed SIGKILL).
    Stopped {
        /// Its pid.
        pid: u32,
        /// Whether SIGTERM was not enough.
        killed: bool,
    },
    /// No engine started by cwh was running.
    NotRunning,
}

/// Stop the engine cwh started, never another one. An engine that answers but is not cwh's is
/// an error naming how it was found.
pub async fn stop(own: &Own) -> Result<Stopped> {
    let Some(pid) = own.pid() else {
        if docker_host().is_none() && Engine::connect().await.is_ok() {
            return Err(LabError::Setup {
                message: crate::t!("lab-engine-not-ours"),
                help: crate::t!(
                    "lab-engine-not-ours-help",
                    pidfile = own.pidfile().display().to_string()
                ),
            });
        }
        return Ok(Stopped::NotRunning);
    };
    eprintln!("{}", crate::t!("engine-stopping", pid = pid));
    // dockerd gives containers 15 s to stop, then itself needs a moment
    let killed = terminate(pid, Duration::from_secs(45)).await;
    if !alive(pid) {
        let _ = std::fs::remove_file(own.pidfile());
    }
    Ok(Stopped::Stopped { pid, killed })
}

/// The engine in use, as `cwh lab status` shows it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Info {
    /// Where it answers (DOCKER_HOST or the default socket).
    pub address: String,
    /// Its version.
    pub version: String,
    /// The pid of cwh's dockerd when the engine that answers is cwh's own.
    pub owned_pid: Option<u32>,
    /// cwh's engine directory.
    pub own_root: String,
}

impl Info {
    /// One line for people.
    pub fn line(&self) -> String {
        let who = match self.owned_pid {
            Some(pid) => crate::t!(
                "lab-engine-by-cwh",
                pid = pid,
                log = format!("{}/dockerd.log", self.own_root)
            ),
            None => crate::t!("lab-engine-not-by-cwh"),
        };
        crate::t!(
            "lab-engine-line",
            version = self.version.as_str(),
            address = self.address.as_str(),
            who = who
        )
    }
}

/// Describe the engine that answers: which, and whether cwh owns it (its data root is ours).
pub async fn describe(engine: &Engine, own: &Own) -> Info {
    let version = engine
        .docker
        .version()
        .await
        .ok()
        .and_then(|v| v.version)
        .unwrap_or_else(|| "?".into());
    let root = engine
        .docker
        .info()
        .await
        .ok()
        .and_then(|i| i.docker_root_dir);
    let ours = root.is_some_and(|r| std::path::Path::new(&r) == own.data());
    Info {
        address: std::env::var("DOCKER_HOST")
            .ok()
            .filter(|h| !h.is_empty())
            .unwrap_or_else(|| DEFAULT_SOCKET.into()),
        version,
        owned_pid: if ours { own.pid() } else { None },
        own_root: own.root.display().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn probe() -> Probe {
        Probe {
            answers: false,
            docker_host: None,
            own_pid: None,
            other_pid: None,
            missing: vec![],
            sys: apt::System {
                root: true,
                apt: true,
                os: "Debian GNU/Linux 12 (bookworm)".into(),
            },
        }
    }
    const ASK: Consent = Consent::Ask(|_| Ok(true));
    const CONSENTS: [Consent; 3] = [Consent::Yes, ASK, Consent::No];

    fn refusal(s: Step) -> String {
        match s {
            Step::Refuse(LabError::Setup { message, help }) => format!("{message} | {help}"),
            s => panic!("expected a refusal, got {s:?}"),
        }
    }

    #[test]
    fn an_engine_that_answers_is_used_whoever_runs_cwh() {
        for root in [true, false] {
            for c in CONSENTS {
                let mut p = probe();
                p.answers = true;
                p.sys.root = root;
                p.missing = LAB_PACKAGES.to_vec();
                assert_eq!(decide(&p, c), Step::Use);
            }
        }
    }

    #[test]
    fn installed_but_stopped_starts_cwhs_own_as_root_only() {
        for c in CONSENTS {
            assert_eq!(
                decide(&probe(), c),
                Step::Start,
                "starting needs no consent"
            );
            let mut p = probe();
            p.sys.root = false;
            let r = refusal(decide(&p, c));
            assert!(r.contains("only root"), "{r}");
            assert!(r.contains("sudo cwh lab engine start"), "{r}");
        }
        // debootstrap alone missing does not stop the engine from starting
        let mut p = probe();
        p.missing = vec![apt::DEBOOTSTRAP];
        assert_eq!(decide(&p, Consent::No), Step::Start);
    }

    #[test]
    fn missing_docker_installs_with_yes_asks_on_a_terminal_refuses_otherwise() {
        let mut p = probe();
        p.missing = LAB_PACKAGES.to_vec();
        assert_eq!(
            decide(&p, Consent::Yes),
            Step::Install {
                packages: LAB_PACKAGES.to_vec(),
                ask: false
            }
        );
        assert_eq!(
            decide(&p, ASK),
            Step::Install {
                packages: LAB_PACKAGES.to_vec(),
                ask: true
            }
        );
        let r = refusal(decide(&p, Consent::No));
        assert!(r.contains("--yes"), "{r}");
        assert!(r.contains("apt-get install -y --no-install-recommends docker.io debootstrap"));
        // not root, or no apt: never installs
        for c in CONSENTS {
            let mut q = p.clone();
            q.sys.root = false;
            assert!(refusal(decide(&q, c)).contains("sudo apt-get install"));
            let mut q = p.clone();
            q.sys.apt = false;
            assert!(refusal(decide(&q, c)).contains("docs.docker.com"));
        }
    }

    #[test]
    fn never_starts_a_second_engine_or_ignores_docker_host() {
        let mut p = probe();
        p.own_pid = Some(42);
        assert_eq!(decide(&p, Consent::Yes), Step::WaitOwn(42));
        let mut p = probe();
        p.other_pid = Some(7);
        let r = refusal(decide(&p, Consent::Yes));
        assert!(
            r.contains("pid 7") && r.contains("not started by cwh"),
            "{r}"
        );
        let mut p = probe();
        p.docker_host = Some("tcp://127.0.0.1:1".into());
        p.missing = LAB_PACKAGES.to_vec();
        let r = refusal(decide(&p, Consent::Yes));
        assert!(r.contains("DOCKER_HOST=tcp://127.0.0.1:1"), "{r}");
        assert!(r.contains("unset DOCKER_HOST"), "{r}");
    }

    fn fake_dockerd(dir: &std::path::Path, body: &str, timeout: u64) -> (Own, Launch) {
        use std::os::unix::fs::PermissionsExt;
        let prog = dir.join("dockerd");
        std::fs::write(&prog, format!("#!/bin/sh\n{body}\n")).unwrap();
        std::fs::set_permissions(&prog, std::fs::Permissions::from_mode(0o755)).unwrap();
        let own = Own {
            root: dir.join("own"),
        };
        let launch = Launch {
            dockerd: prog,
            socket: Some(format!("unix://{}/docker.sock", dir.display())),
            timeout: Duration::from_secs(timeout),
        };
        (own, launch)
    }

    #[tokio::test]
    async fn a_dockerd_that_fails_to_start_shows_its_log_and_leaves_no_pidfile() {
        let d = tempfile::tempdir().unwrap();
        let (own, launch) = fake_dockerd(
            d.path(),
            "echo \"$@\" > \"$(dirname \"$0\")/args\"\necho 'failed to start daemon: boom at line 1' >&2\nexit 1",
            30,
        );
        let e = start(&own, &launch).await.unwrap_err();
        let LabError::Setup { message, help } = e else {
            panic!("{e:?}")
        };
        assert!(message.contains("stopped before it answered"), "{message}");
        assert!(
            help.contains("failed to start daemon: boom at line 1"),
            "{help}"
        );
        assert!(help.contains("dockerd.log"), "{help}");
        assert!(!own.pidfile().exists());
        let args = std::fs::read_to_string(d.path().join("args")).unwrap();
        assert!(
            args.contains(&format!("--data-root {}", own.data().display()))
                && args.contains("--pidfile"),
            "{args}"
        );
    }

    #[tokio::test]
    async fn a_dockerd_that_never_answers_is_stopped_after_the_timeout() {
        let d = tempfile::tempdir().unwrap();
        let (own, launch) = fake_dockerd(
            d.path(),
            "echo $$ > \"$(dirname \"$0\")/pid\"\necho 'starting up' >&2\nexec sleep 60",
            1,
        );
        let e = start(&own, &launch).await.unwrap_err();
        let LabError::Setup { message, help } = e else {
            panic!("{e:?}")
        };
        assert!(
            message.contains("did not answer within 1 s; cwh stopped it"),
            "{message}"
        );
        assert!(
            help.contains("starting up") && help.contains("CWH_DOCKERD_TIMEOUT"),
            "{help}"
        );
        let pid: u32 = std::fs::read_to_string(d.path().join("pid"))
            .unwrap()
            .trim()
            .parse()
            .unwrap();
        assert!(!alive(pid), "the hung dockerd was left running");
    }

    #[test]
    fn own_engine_is_recognised_by_pidfile_and_command_line() {
        let d = tempfile::tempdir().unwrap();
        let own = Own {
            root: d.path().to_path_buf(),
        };
        assert_eq!(own.pid(), None, "no pidfile");
        // a live process that is not dockerd with our data root: not ours
        std::fs::write(own.pidfile(), std::process::id().to_string()).unwrap();
        assert_eq!(own.pid(), None);
        std::fs::write(own.pidfile(), "garbage").unwrap();
        assert_eq!(own.pid(), None);
        assert!(alive(std::process::id()));
        assert!(!alive(u32::MAX - 1));
        std::fs::write(own.log(), "a\nb\nc\n").unwrap();
        assert_eq!(own.log_tail(2), "b\nc");
    }
}
