//! The node image `cwh-lab-node:<cwh version>-<contents>`, built with no registry: a base
//! image from debootstrap + `docker import` (`cwh-lab-base:bookworm-<packages>`, packages
//! installed in a chroot), or a local `debian:bookworm` when present, then a tiny `docker build`
//! on top that adds the entrypoint, the VCP-like rc.d scripts and the stand-ins of today's
//! CoursewareHub images (NFS server and client, exportfs, systemctl, dnsmasq; docs/lab.md).
//! Both tags end in a hash of what goes into the image, so a changed script or package list
//! gives a new tag and every machine builds it again. The pipeline is system tools
//! (debootstrap, chroot, tar, the docker CLI) run once; everything at node run time goes
//! through the Engine API.
use crate::lab::apt::{self, Consent};
use crate::lab::docker::Engine;
use crate::lab::error::{LabError, Result};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// Local Debian images accepted as a base (packages installed by the Dockerfile).
const DEBIAN_TAGS: &[&str] = &["debian:bookworm", "debian:12"];
/// What every node runs: sshd, dockerd, sudo, python3 (Ansible).
const PACKAGES: &str =
    "openssh-server docker.io sudo python3 iproute2 procps iptables ca-certificates";
/// What the stand-ins of `coursewarehub:base-nfsd` and `:base` need: a userspace NFS server
/// (nfs-ganesha, VFS backend; rpcbind and showmount come with it), NFS reads without a mount
/// (libnfs-utils: nfs-ls, nfs-cat) and through a FUSE mount (python3-fusepy over libnfs,
/// fuse3), and dnsmasq. The kernel has no NFS (docs/lab.md, "Today's CoursewareHub images").
const NFS_PACKAGES: &str =
    "nfs-ganesha nfs-ganesha-vfs libnfs-utils dnsmasq-base python3-fusepy fuse3";

const BUILD_BASE: &str = include_str!("files/build-base.sh");

/// The files the node image adds on top of its base: (path in the image, mode, text).
const FILES: &[(&str, u32, &str)] = &[
    (
        "usr/local/bin/cwh-entry",
        0o755,
        include_str!("files/cwh-entry"),
    ),
    (
        "etc/vcp/rc.d/10-user.sh",
        0o755,
        include_str!("files/10-user.sh"),
    ),
    // the stand-ins of today's images (chosen at boot from the spec's image and env)
    (
        "etc/vcp/rc.d/00-mkfs.sh",
        0o755,
        include_str!("files/00-mkfs.sh"),
    ),
    (
        "etc/vcp/rc.d/00-fstab.sh",
        0o755,
        include_str!("files/00-fstab.sh"),
    ),
    (
        "etc/vcp/rc.d/10-bind-mount.sh",
        0o755,
        include_str!("files/10-bind-mount.sh"),
    ),
    (
        "etc/vcp/rc.d/10-exports.sh",
        0o755,
        include_str!("files/10-exports.sh"),
    ),
    (
        "etc/vcp/rc.d/10-dnsmasq.sh",
        0o755,
        include_str!("files/10-dnsmasq.sh"),
    ),
    (
        "usr/local/bin/systemctl",
        0o755,
        include_str!("files/systemctl"),
    ),
    (
        "usr/local/sbin/exportfs",
        0o755,
        include_str!("files/exportfs"),
    ),
    (
        "usr/local/sbin/nfs-fuse",
        0o755,
        include_str!("files/nfs-fuse"),
    ),
    (
        "usr/local/sbin/cwh-lab-netmount",
        0o755,
        include_str!("files/cwh-lab-netmount"),
    ),
    ("usr/local/bin/mount", 0o755, include_str!("files/mount")),
    ("usr/sbin/mount.nfs", 0o755, include_str!("files/mount.nfs")),
    (
        "usr/sbin/mount.nfs4",
        0o755,
        include_str!("files/mount.nfs"),
    ),
    (
        "etc/ganesha/ganesha.conf",
        0o644,
        include_str!("files/ganesha.conf"),
    ),
];

/// Every package of the base image.
fn packages() -> String {
    format!("{PACKAGES} {NFS_PACKAGES}")
}

/// The first 12 hex digits of the SHA-1 of `parts` (each length-prefixed).
fn digest<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> String {
    use sha1::{Digest, Sha1};
    let mut h = Sha1::new();
    for p in parts {
        h.update((p.len() as u64).to_le_bytes());
        h.update(p);
    }
    h.finalize()
        .iter()
        .take(6)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The base image debootstrap produces (packages included); its tag ends in a hash of the
/// build script and the package list.
pub fn base_tag() -> String {
    let p = packages();
    format!(
        "cwh-lab-base:bookworm-{}",
        digest([BUILD_BASE.as_bytes(), p.as_bytes()])
    )
}

/// The node image's tag: this cwh version and a hash of everything the image holds (base,
/// Dockerfile, files), so any change in them gives a new tag.
pub fn tag() -> String {
    node_tag(&base_tag(), FILES)
}

fn node_tag(base: &str, files: &[(&str, u32, &str)]) -> String {
    let d = dockerfile(base, false);
    let modes: Vec<[u8; 4]> = files.iter().map(|f| f.1.to_le_bytes()).collect();
    let mut parts: Vec<&[u8]> = vec![base.as_bytes(), d.as_bytes()];
    for ((path, _, text), mode) in files.iter().zip(&modes) {
        parts.extend([path.as_bytes(), mode.as_slice(), text.as_bytes()]);
    }
    format!(
        "cwh-lab-node:{}-{}",
        env!("CARGO_PKG_VERSION"),
        digest(parts)
    )
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
        return Err(LabError::Image(crate::t!(
            "lab-image-step-failed",
            step = what,
            problem = err.trim()
        )));
    }
    Ok(())
}

fn build_base(scratch: &Path, consent: Consent) -> Result<()> {
    apt::ensure(&[apt::DEBOOTSTRAP], &crate::t!("lab-image-why"), consent)?;
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return Err(LabError::Image(crate::t!("lab-image-needs-root")));
    }
    let script = scratch.join("build-base.sh");
    std::fs::write(&script, BUILD_BASE).map_err(|e| LabError::Image(e.to_string()))?;
    let status = Command::new("bash")
        .arg(&script)
        .args([&base_tag(), "bookworm", &mirror()])
        .arg(scratch)
        .arg(packages())
        .status()
        .map_err(|e| LabError::Image(format!("bash: {e}")))?;
    if !status.success() {
        return Err(LabError::Image(crate::t!(
            "lab-image-base-stopped",
            status = status.to_string(),
            dir = scratch.display().to_string()
        )));
    }
    Ok(())
}

fn dockerfile(base: &str, with_packages: bool) -> String {
    let mut d = format!("FROM {base}\n");
    if with_packages {
        d.push_str(&format!(
            "RUN apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
             --no-install-recommends {} && rm -rf /var/lib/apt/lists/* /etc/ssh/ssh_host_*\n",
            packages()
        ));
    }
    // `root/` holds FILES with their modes; the stand-in mount.nfs replaces nfs-common's
    d.push_str(
        "COPY root/ /\n\
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

/// The build context: the Dockerfile, and FILES under `root/` with their modes.
fn write_context(ctx: &Path, dockerfile: &str) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::create_dir_all(ctx)?;
    std::fs::write(ctx.join("Dockerfile"), dockerfile)?;
    for (path, mode, text) in FILES {
        let p = ctx.join("root").join(path);
        if let Some(dir) = p.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(&p, text)?;
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(*mode))?;
    }
    Ok(())
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
    eprintln!("{}", crate::t!("lab-image-building", tag = tag.as_str()));
    let scratch = tempfile::Builder::new()
        .prefix("cwh-lab-image")
        .tempdir()
        .map_err(|e| LabError::Image(crate::t!("lab-image-scratch", problem = e.to_string())))?;
    let mut base_took = None;
    let base_tag = base_tag();
    let (base, with_packages) = if !rebuild && engine.image_exists(&base_tag).await? {
        (base_tag, false)
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
                (base_tag, false)
            }
        }
    };
    let ctx = scratch.path().join("context");
    write_context(&ctx, &dockerfile(&base, with_packages)).map_err(|e| {
        LabError::Image(crate::t!(
            "lab-image-context",
            dir = ctx.display().to_string(),
            problem = e.to_string()
        ))
    })?;
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
    eprintln!(
        "{}",
        crate::t!(
            "lab-image-built",
            tag = tag.as_str(),
            seconds = format!("{:.1}", start.elapsed().as_secs_f64())
        )
    );
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
        let d = dockerfile(&base_tag(), false);
        assert!(d.starts_with("FROM cwh-lab-base:bookworm-"));
        assert!(!d.contains("apt-get"));
        assert!(d.contains("COPY root/ /\n"));
        assert!(d.contains("CMD [\"/usr/local/bin/cwh-entry\"]"));
        let plain = dockerfile("debian:bookworm", true);
        assert!(plain.contains("openssh-server docker.io"));
        assert!(plain.contains("nfs-ganesha nfs-ganesha-vfs"));
        assert!(
            tag().starts_with(&format!("cwh-lab-node:{}-", env!("CARGO_PKG_VERSION"))),
            "{}",
            tag()
        );
    }

    #[test]
    fn the_tag_changes_with_any_file_its_mode_or_the_base() {
        let base = base_tag();
        let t = node_tag(&base, FILES);
        assert_eq!(t, tag());
        assert_eq!(t, node_tag(&base, FILES), "the same contents, the same tag");
        let mut files = FILES.to_vec();
        let entry = format!("{}\n# changed\n", files[0].2);
        files[0].2 = &entry;
        assert_ne!(node_tag(&base, &files), t, "a changed script");
        let mut files = FILES.to_vec();
        files[1].1 = 0o700;
        assert_ne!(node_tag(&base, &files), t, "a changed mode");
        assert_ne!(
            node_tag("cwh-lab-base:bookworm-0", FILES),
            t,
            "another base"
        );
        assert!(
            base.starts_with("cwh-lab-base:bookworm-") && base.len() == 34,
            "{base}"
        );
    }

    #[test]
    fn the_context_holds_every_file_with_its_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        write_context(dir.path(), "FROM x\n").unwrap();
        for (path, mode, text) in FILES {
            let p = dir.path().join("root").join(path);
            assert_eq!(std::fs::read_to_string(&p).unwrap(), *text);
            let m = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
            assert_eq!(m, *mode, "{path}");
        }
    }
}
