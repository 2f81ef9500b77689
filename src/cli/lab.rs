//! `cwh lab …`: the local lab's Docker engine, node image, status and teardown. (Starting a
//! lab simulator for `--lab` and `cwh vcc serve --lab` is the host's: `script::host`.)
use crate::cli::error::Result;
use crate::exit::Failure;
use crate::lab::engine::{self, Own, Stopped};
use crate::lab::owner::Ownership;
use crate::lab::{LabError, LabOptions, admin, docker::Engine, image};
use crate::script::host::{consent, lab_failure};
use std::path::PathBuf;

/// Examples shown by `cwh lab --help`.
pub const EXAMPLES: &str = "\
Examples:
  cwh lab engine start --yes                         a Docker engine of cwh's own (root; installs
                                                     docker.io + debootstrap with apt if missing)
  cwh lab image                                      build the node image once (~1 min)
  cwh run examples/lab-swarm.rhai --lab --set ssh_pubkey=~/.ssh/id_ed25519.pub
  cwh lab status                                     nodes, units, IPs, states
  cwh repl --lab --lab-name demo                     the same unit groups at a prompt
  cwh lab down                                       remove the lab's containers, volumes, network
  cwh lab engine stop                                stop the engine cwh started (never another)

`cwh run … --lab` and `cwh lab image` start cwh's engine themselves when none answers.
See docs/lab.md.";

/// `cwh lab` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum LabCommand {
    /// Build the lab node image `cwh-lab-node:<version>-<content hash>` (debootstrap + docker
    /// import, then a small build on top; about two minutes, once per image content; needs root
    /// and debootstrap).
    ///
    /// Examples:
    ///   cwh lab image              build it unless it exists
    ///   cwh lab image --rebuild    build the base and the node image again
    #[command(verbatim_doc_comment)]
    Image(ImageArgs),
    /// Show the lab's nodes: unit group, unit, node number, IP, VCC state, container state.
    /// Only the workdir that made the lab sees it; an orphan (its workdir gone) is shown to
    /// every workdir, with its former owner.
    ///
    /// Examples:
    ///   cwh lab status
    ///   cwh lab status --lab-name test1 --output json
    #[command(verbatim_doc_comment)]
    Status(StatusArgs),
    /// Remove every container, volume and the network of one lab, and the workdir's lab
    /// state. Idempotent. Only the workdir that made the lab removes it; an orphan (its
    /// workdir gone) is removed from any workdir.
    ///
    /// Examples:
    ///   cwh lab down
    ///   CWH_LAB=test1 cwh lab down --workdir /tmp/site
    #[command(verbatim_doc_comment)]
    Down(WhichLab),
    /// The Docker engine the lab runs on: start cwh's own, or stop it.
    #[command(subcommand)]
    Engine(EngineCommand),
}

/// `cwh lab engine` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum EngineCommand {
    /// Make sure a Docker engine answers: use the one that does, else start cwh's own dockerd
    /// (root; data, pidfile and log in /var/lib/cwh/docker, or CWH_DOCKER_ROOT), installing
    /// docker.io and debootstrap with apt-get first when they are missing (asks on a terminal;
    /// --yes without one). The engine keeps running for later runs.
    ///
    /// Examples:
    ///   cwh lab engine start
    ///   cwh lab engine start --yes        unattended, also installs Docker
    #[command(verbatim_doc_comment)]
    Start(YesArg),
    /// Stop the Docker engine cwh started (its containers stop with it). An engine cwh did not
    /// start is never stopped. `cwh lab down` does not stop the engine.
    ///
    /// Examples:
    ///   cwh lab engine stop
    #[command(verbatim_doc_comment)]
    Stop,
}

/// `--yes` for commands that may install packages.
#[derive(Debug, clap::Args)]
pub struct YesArg {
    /// Install missing packages (docker.io, debootstrap) with apt-get without asking.
    #[arg(short = 'y', long)]
    pub yes: bool,
}

/// `cwh lab image` arguments.
#[derive(Debug, clap::Args)]
pub struct ImageArgs {
    /// Build again even when the image exists (also rebuilds the debootstrap base).
    #[arg(long)]
    pub rebuild: bool,
    #[command(flatten)]
    pub yes: YesArg,
}

/// Which lab.
#[derive(Debug, clap::Args)]
pub struct WhichLab {
    /// The lab, e.g. `--lab-name test1`.
    #[arg(long, env = "CWH_LAB", default_value = crate::lab::DEFAULT_NAME, value_name = "NAME")]
    pub lab_name: String,
    /// The workdir the lab belongs to, holding its state (.cwh/lab-<name>.json); default:
    /// the current directory.
    #[arg(long, value_name = "DIR")]
    pub workdir: Option<PathBuf>,
}

/// `cwh lab status` arguments.
#[derive(Debug, clap::Args)]
pub struct StatusArgs {
    #[command(flatten)]
    pub lab: WhichLab,
    /// `table` (default) or `json`.
    #[arg(long, default_value = "table", value_parser = ["table", "json"])]
    pub output: String,
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| {
            Failure::script(crate::t!("lab-runtime-failed", problem = e.to_string())).into()
        })
}

fn fail(e: LabError) -> crate::cli::error::Error {
    lab_failure(e).into()
}

fn options(w: &WhichLab) -> Result<LabOptions> {
    let dir = w
        .workdir
        .clone()
        .unwrap_or_else(|| std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")));
    LabOptions::new(&w.lab_name, &dir).map_err(fail)
}

/// Run a `cwh lab` subcommand.
pub fn run(cmd: LabCommand) -> Result {
    let rt = runtime()?;
    rt.block_on(async {
        match cmd {
            LabCommand::Engine(EngineCommand::Start(y)) => {
                let e = engine::ensure(consent(y.yes)).await.map_err(fail)?;
                println!("{}", engine::describe(&e, &Own::new()).await.line());
                Ok(())
            }
            LabCommand::Engine(EngineCommand::Stop) => {
                match engine::stop(&Own::new()).await.map_err(fail)? {
                    Stopped::Stopped { pid, killed } => eprintln!(
                        "{}",
                        if killed {
                            crate::t!("lab-engine-stopped-killed", pid = pid)
                        } else {
                            crate::t!("lab-engine-stopped", pid = pid)
                        }
                    ),
                    Stopped::NotRunning => eprintln!("{}", crate::t!("lab-engine-none-running")),
                }
                Ok(())
            }
            LabCommand::Image(a) => {
                let c = consent(a.yes.yes);
                let engine = engine::ensure(c).await.map_err(fail)?;
                let b = image::ensure(&engine, a.rebuild, c).await.map_err(fail)?;
                if !b.built {
                    eprintln!("{}", crate::t!("lab-image-exists", tag = b.tag.as_str()));
                }
                println!("{}", b.tag);
                Ok(())
            }
            LabCommand::Status(a) => {
                let opts = options(&a.lab)?;
                let engine = Engine::connect().await.map_err(fail)?;
                let info = engine::describe(&engine, &Own::new()).await;
                let st = admin::status(&engine, &opts).await.map_err(fail)?;
                let mut head = vec![info.line()];
                head.extend(whose(&opts, &st.ownership));
                for l in head {
                    if a.output == "json" {
                        eprintln!("{l}");
                    } else {
                        println!("{l}");
                    }
                }
                print_status(&opts, &st.rows, &a.output);
                Ok(())
            }
            LabCommand::Down(w) => {
                // never pull the lab from under a run of this workdir
                let _lock = super::guard::take_if_exists(w.workdir.as_deref())?;
                let opts = options(&w)?;
                let engine = Engine::connect().await.map_err(fail)?;
                let r = admin::down(&engine, &opts).await.map_err(fail)?;
                let was = match &r.was {
                    Ownership::Orphan(o) => {
                        crate::t!("lab-down-was-orphan", owner = o.display().to_string())
                    }
                    Ownership::Unrecorded => crate::t!("lab-down-was-unrecorded"),
                    _ => String::new(),
                };
                let more = match (r.network, r.state) {
                    (true, true) => crate::t!("lab-down-network-state"),
                    (true, false) => crate::t!("lab-down-network"),
                    (false, true) => crate::t!("lab-down-state"),
                    (false, false) => String::new(),
                };
                eprintln!(
                    "{}",
                    crate::t!(
                        "lab-down-done",
                        lab = opts.name.as_str(),
                        was = was,
                        containers = r.containers,
                        volumes = r.volumes,
                        more = more
                    )
                );
                Ok(())
            }
        }
    })
}

/// The line `status` shows about an orphan or unrecorded lab (none for this workdir's own).
fn whose(opts: &LabOptions, o: &Ownership) -> Option<String> {
    match o {
        Ownership::Orphan(w) => Some(crate::t!(
            "lab-status-orphan",
            orphan = crate::lab::owner::orphan_words(&opts.name, w),
            lab = opts.name.as_str()
        )),
        Ownership::Unrecorded => Some(crate::t!("lab-status-unrecorded", lab = opts.name.as_str())),
        _ => None,
    }
}

fn print_status(opts: &LabOptions, rows: &[admin::NodeRow], output: &str) {
    if output == "json" {
        println!(
            "{}",
            serde_json::to_string_pretty(rows).unwrap_or_else(|_| "[]".into())
        );
        return;
    }
    if rows.is_empty() {
        println!(
            "{}",
            crate::t!("lab-status-no-nodes", lab = opts.name.as_str())
        );
        return;
    }
    let mut t = comfy_table::Table::new();
    t.load_style(comfy_table::presets::UTF8_FULL_CONDENSED);
    t.set_header([
        crate::t!("lab-col-ugroup"),
        crate::t!("lab-col-unit"),
        crate::t!("lab-col-node-no"),
        crate::t!("lab-col-ip"),
        crate::t!("lab-col-vcc-state"),
        crate::t!("lab-col-container"),
        crate::t!("lab-col-name"),
    ]);
    for r in rows {
        t.add_row([
            &r.ugroup,
            &r.unit,
            &r.node_no,
            &r.ip,
            &r.vcc_state,
            &r.container,
            &r.name,
        ]);
    }
    println!("{t}");
}
