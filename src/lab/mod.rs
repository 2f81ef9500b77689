//! The local lab: the VCC simulator's compute nodes as real containers on the local Docker
//! engine (sshd + dockerd inside, like VCP base containers) on a private network, so SSH,
//! Ansible and a real multi-node swarm run as on VCP. One lab = one name (`--lab-name` /
//! `CWH_LAB`, default `cwh`): its network `cwh-lab-<name>`, a /24 subnet, and the label
//! `cwh.lab=<name>` on every container and volume, so `status` and `down` act on one lab only.
//! A lab belongs to the workdir that made it (`owner`): no command from another workdir reads
//! or removes it. See docs/lab.md.
pub mod admin;
pub mod apt;
pub mod docker;
pub mod driver;
pub mod engine;
pub mod error;
pub mod image;
pub mod network;
pub mod node;
pub mod owner;
pub mod reconcile;

pub use error::{LabError, Result};

use crate::sim::{Server, SimOptions, SimState};
use std::net::Ipv4Addr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The default lab name.
pub const DEFAULT_NAME: &str = "cwh";

/// Which lab, and where its simulator state lives.
#[derive(Debug, Clone)]
pub struct LabOptions {
    /// Lab name.
    pub name: String,
    /// Subnet for a new lab network (None: 172.30.2.0/24 for the default lab, else the first
    /// free 172.30.N.0/24). An existing network keeps its subnet.
    pub subnet: Option<Ipv4Addr>,
    /// Workdir holding `.cwh/lab-<name>.json`.
    pub workdir: PathBuf,
    /// The workdir's canonical path: the owner a new lab is recorded with, and the only one
    /// that may use, show or remove it.
    pub owner: PathBuf,
    /// Where lab owners are recorded machine-wide.
    pub registry: owner::Registry,
}

impl LabOptions {
    /// Options for lab `name` in `workdir`, the name checked.
    pub fn new(name: &str, workdir: &Path) -> Result<LabOptions> {
        let ok = !name.is_empty()
            && name.len() <= 32
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !ok {
            return Err(LabError::Usage(crate::t!("lab-name-invalid", name = name)));
        }
        // a workdir that does not exist (a deleted one, named to remove its orphan) keeps its
        // absolute path
        let owner = std::fs::canonicalize(workdir)
            .or_else(|_| std::path::absolute(workdir))
            .unwrap_or_else(|_| workdir.to_path_buf());
        Ok(LabOptions {
            name: name.to_string(),
            subnet: None,
            workdir: workdir.to_path_buf(),
            owner,
            registry: owner::Registry::default(),
        })
    }
    /// The owner as the `cwh.lab.owner` label holds it.
    pub fn owner_text(&self) -> String {
        self.owner.display().to_string()
    }
    /// Set the subnet from `A.B.C.0/24` text.
    pub fn with_subnet(mut self, s: Option<&str>) -> Result<LabOptions> {
        self.subnet = s.map(network::parse_subnet).transpose()?;
        Ok(self)
    }
    /// The Docker network's name.
    pub fn network(&self) -> String {
        format!("cwh-lab-{}", self.name)
    }
    /// The simulator state file of this lab in the workdir.
    pub fn state_file(&self) -> PathBuf {
        self.workdir
            .join(".cwh")
            .join(format!("lab-{}.json", self.name))
    }
}

/// A lab simulator ready to start: options for [`Server::start_on`] with the lab's driver,
/// address pool and state file.
pub struct Prepared {
    /// Simulator options.
    pub sim: SimOptions,
    /// The lab network's subnet (`A.B.C.0/24`).
    pub subnet: String,
    /// Work to resume once the server runs.
    pub resume: Vec<crate::sim::driver::Effect>,
    driver: driver::LabDriver,
}

/// A spinner on stderr when it is a terminal (plain lines otherwise are the caller's).
pub fn progress_spinner() -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    std::io::stderr().is_terminal().then(|| {
        let b = indicatif::ProgressBar::new_spinner();
        b.enable_steady_tick(std::time::Duration::from_millis(120));
        b
    })
}

/// Make sure an engine answers (starting or installing cwh's own, see [`engine::ensure`]),
/// claim the lab for the workdir (refused, before anything is created, when it is another
/// workdir's or an orphan: [`owner::claim`]), build the image on first use, make the network
/// and reconcile the saved state with the containers. Call from sync code (it blocks on `rt`).
pub fn prepare(
    rt: &tokio::runtime::Handle,
    opts: &LabOptions,
    token: String,
    consent: apt::Consent,
) -> Result<Prepared> {
    rt.block_on(async {
        let engine = engine::ensure(consent).await?;
        let fresh = owner::claim(&engine, &opts.registry, opts).await?;
        let made = async {
            let built = image::ensure(&engine, false, consent).await?;
            let subnet = network::ensure(&engine, opts).await?;
            Ok::<_, LabError>((built, subnet))
        }
        .await;
        let (built, subnet) = match made {
            Ok(m) => m,
            Err(e) => {
                // a name claimed by this run and nothing made: leave no record behind
                if fresh {
                    let _ = owner::release(&opts.registry, &opts.name, &opts.owner);
                }
                return Err(e);
            }
        };
        let file = opts.state_file();
        let shown = file.display().to_string();
        let mut st = SimState::load(&file).map_err(|e| {
            LabError::Io(crate::t!(
                "lab-state-unreadable",
                file = shown.as_str(),
                problem = e.to_string()
            ))
        })?;
        let resume = reconcile::reconcile(&engine, &opts.name, &mut st).await?;
        st.save(&file).map_err(|e| {
            LabError::Io(crate::t!(
                "lab-state-unwritable",
                file = shown.as_str(),
                problem = e.to_string()
            ))
        })?;
        let base = u32::from(subnet);
        let driver = driver::LabDriver::new(
            engine,
            driver::LabTarget {
                lab: opts.name.clone(),
                owner: opts.owner_text(),
                network: opts.network(),
                image: built.tag,
            },
            rt.clone(),
        );
        let mut sim = SimOptions::new(token);
        sim.state_file = Some(file);
        sim.node_addresses = (Ipv4Addr::from(base + 100), Ipv4Addr::from(base + 200));
        sim.driver = Some(Arc::new(driver.clone()));
        Ok(Prepared {
            sim,
            subnet: format!("{subnet}/24"),
            resume,
            driver,
        })
    })
}

impl Prepared {
    /// Start the simulator on `rt` and resume interrupted work.
    pub fn start(self, rt: &tokio::runtime::Handle) -> std::io::Result<Server> {
        let server = Server::start_on(rt, self.sim)?;
        for e in self.resume {
            crate::sim::NodeDriver::submit(&self.driver, e);
        }
        Ok(server)
    }
}
