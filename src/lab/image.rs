//! The node image `cwh-lab-node:<cwh version>`, built with no registry: a base image from
//! debootstrap + `docker import` (`cwh-lab-base:bookworm`, packages installed in a chroot),
//! or a local `debian:bookworm` when present, then a tiny `docker build` on top that adds the
//! entrypoint and the VCP-like rc.d scripts. The pipeline is system tools (debootstrap, chroot,
//! tar, the docker CLI) run once; everything at node run time goes through the Engine API.
use crate::lab::apt::{self, Consent};
use crate::lab::docker::Engine;
use crate::lab::error::{LabError, Result};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// The base image debootstrap produces (packages included).
pub const BASE_TAG: &str = "cwh-lab-base:bookworm";
/// Local Debian images accepted as a base (packages installed by the Dockerfile).
const DEBIAN_TAGS: &[&str] = &["debian:bookworm", "debian:12"];
const PACKAGES: &str =
    "openssh-server docker.io sudo python3 iproute2 procps iptables ca-certificates";

const BUILD_BASE: &str = include_str!("files/build-base.sh");
const ENTRY: &str = include_str!("files/cwh-entry");
const RC_USER: &str = include_str!("files/10-user.sh");

/// The node image's tag for this cwh version.
pub fn tag() -> String {
    format!("cwh-lab-node:{}", env!("CARGO_PKG_VERSION"))
}

/// What `ensure` did.
#[derive(Debug, Clone)]
pub struct Built {
    /// The node image tag.
    pub tag: String,
    /// Whether anything was built (false: reused by tag).
    pub built: bool,
    /// Time spent building the base (debootstrap), if it was built.
    pub base: Option<Duration>,
    /// Total time.
    pub took: Duration,
}

/// The Debian mirror: CWH_LAB_MIRROR, else the first Debian URI of the host's apt sources.
pub fn mirror() -> String {
    if let Ok(m) = std::env::var("CWH_LAB_MIRROR")
        && !m.trim().is_empty()
    {
        return m.trim().to_string();
    }
    let mut texts = Vec::new();
    if let Ok(t) = std::fs::read_to_string("/etc/apt/sources.list") {
        texts.push(t);
    }
    if let Ok(rd) = std::fs::read_dir("/etc/apt/sources.list.d") {
        for e in rd.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "sources" || x == "list")
                && let Ok(t) = std::fs::read_to_string(&p)
            {
                texts.push(t);
            }
        }
    }
    texts
        .iter()
        .flat_map(|t| t.lines())
        .filter_map(|l| {
            let l = l.trim();
            let uri = l
                .strip_prefix("URIs:")
                .map(str::trim)
                .or_else(|| l.strip_prefix("deb ").map(str::trim))?;
            uri.split_whitespace()
                .find(|w| w.starts_with("http"))
                .map(str::to_string)
        })
        .find(|u| u.trim_end_matches('/').ends_with("/debian"))
        .unwrap_or_else(|| "http://deb.debian.org/debian".into())
}

fn run(cmd: &mut Command, what: &str) -> Result<()> {
    let out = cmd
        .output()
        .map_err(|e| LabError::Image(format!("{what}: {e}")))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(LabError::Image(format!("{what} failed: {}", err.trim())));
    }
    Ok(())
}

fn build_base(scratch: &Path, consent: Consent) -> Result<()> {
    apt::ensure(
        &[apt::DEBOOTSTRAP],
        "building the lab's node image",
        consent,
    )?;
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return Err(LabError::Image(
            "debootstrap and chroot need root; run `cwh lab image` as root once".into(),
        ));
    }
    let script = scratch.join("build-base.sh");
    std::fs::write(&script, BUILD_BASE).map_err(|e| LabError::Image(e.to_string()))?;
    let status = Command::new("bash")
        .arg(&script)
        .args([BASE_TAG, "bookworm", &mirror()])
        .arg(scratch)
        .status()
        .map_err(|e| LabError::Image(format!("bash: {e}")))?;
    if !status.success() {
        return Err(LabError::Image(format!(
            "the base image build stopped ({status}); logs in {}",
            scratch.display()
        )));
    }
    Ok(())
}

fn dockerfile(base: &str, with_packages: bool) -> String {
    let mut d = format!("FROM {base}\n");
    if with_packages {
        d.push_str(&format!(
            "RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
             --no-install-recommends {PACKAGES} && rm -rf /var/lib/apt/lists/* /etc/ssh/ssh_host_*\n"
        ));
    }
    d.push_str(
        "COPY cwh-entry /usr/local/bin/cwh-entry\n\
         COPY 10-user.sh /etc/vcp/rc.d/10-user.sh\n\
         RUN chmod 755 /usr/local/bin/cwh-entry /etc/vcp/rc.d/10-user.sh\n\
         VOLUME /var/lib/docker\n\
         STOPSIGNAL SIGTERM\n\
         CMD [\"/usr/local/bin/cwh-entry\"]\n",
    );
    d.push_str(&format!(
        "LABEL cwh.image-version=\"{}\"\n",
        env!("CARGO_PKG_VERSION")
    ));
    d
}

/// Make sure the node image exists; build it (base first when needed) when it does not or
/// when `rebuild` is set. Progress lines go to stderr.
pub async fn ensure(engine: &Engine, rebuild: bool, consent: Consent) -> Result<Built> {
    let start = Instant::now();
    let tag = tag();
    if !rebuild && engine.image_exists(&tag).await? {
        return Ok(Built {
            tag,
            built: false,
            base: None,
            took: start.elapsed(),
        });
    }
    eprintln!("building the lab node image {tag} (about a minute, once)…");
    let scratch = tempfile::Builder::new()
        .prefix("cwh-lab-image")
        .tempdir()
        .map_err(|e| LabError::Image(format!("scratch directory: {e}")))?;
    let mut base_took = None;
    let (base, with_packages) = if !rebuild && engine.image_exists(BASE_TAG).await? {
        (BASE_TAG.to_string(), false)
    } else {
        let mut local = None;
        if !rebuild {
            for t in DEBIAN_TAGS {
                if engine.image_exists(t).await? {
                    local = Some(t.to_string());
                    break;
                }
            }
        }
        match local {
            Some(t) => (t, true),
            None => {
                let t0 = Instant::now();
                let dir = scratch.path().to_path_buf();
                tokio::task::spawn_blocking(move || build_base(&dir, consent))
                    .await
                    .map_err(|e| LabError::Image(e.to_string()))??;
                base_took = Some(t0.elapsed());
                (BASE_TAG.to_string(), false)
            }
        }
    };
    let ctx = scratch.path().join("context");
    let write = |name: &str, text: &str| {
        std::fs::write(ctx.join(name), text).map_err(|e| LabError::Image(e.to_string()))
    };
    std::fs::create_dir_all(&ctx).map_err(|e| LabError::Image(e.to_string()))?;
    write("Dockerfile", &dockerfile(&base, with_packages))?;
    write("cwh-entry", ENTRY)?;
    write("10-user.sh", RC_USER)?;
    eprintln!("[node] docker build -t {tag} (FROM {base})");
    let t = tag.clone();
    tokio::task::spawn_blocking(move || {
        run(
            Command::new("docker")
                .args(["build", "-q", "-t", &t])
                .arg(&ctx),
            "docker build",
        )
    })
    .await
    .map_err(|e| LabError::Image(e.to_string()))??;
    eprintln!("built {tag} in {:.1} s", start.elapsed().as_secs_f64());
    Ok(Built {
        tag,
        built: true,
        base: base_took,
        took: start.elapsed(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dockerfile_adds_the_entrypoint_and_packages_only_on_plain_debian() {
        let d = dockerfile(BASE_TAG, false);
        assert!(d.starts_with("FROM cwh-lab-base:bookworm\n"));
        assert!(!d.contains("apt-get"));
        assert!(d.contains("CMD [\"/usr/local/bin/cwh-entry\"]"));
        assert!(dockerfile("debian:bookworm", true).contains("openssh-server docker.io"));
        assert!(tag().starts_with("cwh-lab-node:"));
    }
}
