//! One lab node: the container made from a simulator node (name, hostname, labels, env from
//! the unit's `params_e`, attached disks as volumes, DNS from the spec's `dns`) and the
//! readiness check (sshd answers and the inner dockerd answers `docker info`).
use crate::lab::docker::{Engine, LAB_LABEL, NodeContainer, OWNER_LABEL};
use crate::lab::error::{LabError, Result};
use crate::sim::driver::NodeInfo;
use std::collections::HashMap;
use std::time::{Duration, Instant};
use tokio::io::AsyncReadExt;

/// The lab a driver works in.
#[derive(Debug, Clone)]
pub struct LabTarget {
    /// Lab name (`cwh.lab` label).
    pub lab: String,
    /// The owning workdir (`cwh.lab.owner` label).
    pub owner: String,
    /// Docker network.
    pub network: String,
    /// Node image tag.
    pub image: String,
}

/// How long a node may take to answer on sshd and dockerd after its container started.
pub const BOOT_TIMEOUT: Duration = Duration::from_secs(120);

/// Labels of every lab object of `info` (its lab and the lab's owner, its group, unit, id).
pub fn labels(t: &LabTarget, info: &NodeInfo, image: Option<&str>) -> HashMap<String, String> {
    let mut l = HashMap::from([
        (LAB_LABEL.to_string(), t.lab.clone()),
        (OWNER_LABEL.to_string(), t.owner.clone()),
        ("cwh.ugroup".to_string(), info.ugroup.clone()),
        ("cwh.unit".to_string(), info.unit.clone()),
        ("cwh.node".to_string(), info.id.clone()),
        ("cwh.node_no".to_string(), info.no.to_string()),
    ]);
    if let Some(i) = image {
        l.insert("cwh.image".into(), i.into());
    }
    l
}

fn clean(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

/// Container name: `cwh-<lab>-<ugroup>-<unit>-<no>-<id prefix>`.
pub fn container_name(lab: &str, info: &NodeInfo) -> String {
    format!(
        "cwh-{lab}-{}-{}-{}-{}",
        clean(&info.ugroup),
        clean(&info.unit),
        info.no,
        &info.id[..info.id.len().min(4)]
    )
}

/// Hostname: `<unit>-<node number>`.
pub fn hostname(info: &NodeInfo) -> String {
    format!("{}-{}", clean(&info.unit), info.no)
}

/// Volume name of a storage disk.
pub fn volume_name(lab: &str, disk_id: &str) -> String {
    format!("cwh-{lab}-disk-{disk_id}")
}

/// What a node's unit asks for in its CCI.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Requested {
    /// The spec's image (recorded, not pulled; it chooses the stand-in, see `cwh-entry`).
    pub image: Option<String>,
    /// `params_e`.
    pub env: Vec<String>,
    /// `params_v` host mounts.
    pub mounts: Vec<String>,
    /// `dns` (docker_opt).
    pub dns: Vec<String>,
}

/// The spec's image, env (`params_e`), host mounts (`params_v`) and DNS servers from the CCI.
pub fn from_cci(cci: &str) -> Requested {
    let Ok(d) = crate::vcc::cci::decode(cci) else {
        return Requested::default();
    };
    let strings = |v: Option<&serde_json::Value>| -> Vec<String> {
        match v {
            Some(serde_json::Value::String(s)) => vec![s.clone()],
            Some(serde_json::Value::Array(a)) => a
                .iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect(),
            _ => Vec::new(),
        }
    };
    let params = |k: &str| strings(d.fields.get("params").and_then(|p| p.get(k)));
    Requested {
        image: d.str("image").map(str::to_string),
        env: params("e"),
        mounts: params("v"),
        dns: strings(d.fields.get("docker_opt").and_then(|o| o.get("dns"))),
    }
}

/// Where a node's lookups go when its spec names no DNS server in the lab: its own loopback,
/// where nothing answers. Docker's resolver in the container still answers the lab's container
/// names and fails every other name at once; never the host's resolver.
pub const NO_DNS: &str = "127.0.0.1";

/// The DNS servers of a node at `ip`: the spec's `dns` that are in the lab (loopback, i.e. the
/// node itself, or the lab's /24), else [`NO_DNS`], where the node runs the lab's resolver
/// (`CWH_LAB_RESOLVER`, see `cwh-entry`) that knows no name. Returns (servers, the ones left
/// out): no lookup leaves the lab.
pub fn dns_servers(requested: &[String], ip: &str) -> (Vec<String>, Vec<String>) {
    use std::net::Ipv4Addr;
    let lab = ip.parse::<Ipv4Addr>().ok().map(|a| u32::from(a) >> 8);
    let (keep, out): (Vec<String>, Vec<String>) = requested.iter().cloned().partition(|d| {
        d.parse::<Ipv4Addr>()
            .is_ok_and(|a| a.is_loopback() || Some(u32::from(a) >> 8) == lab)
    });
    if keep.is_empty() {
        (vec![NO_DNS.to_string()], out)
    } else {
        (keep, out)
    }
}

/// The DNS servers for the containers of a node's own dockerd: the node's, a loopback one (the
/// node itself, which they cannot reach there) replaced by the node's address, where the same
/// resolver listens.
pub fn inner_dns(dns: &[String], ip: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for d in dns {
        let d = match d.parse::<std::net::Ipv4Addr>() {
            Ok(a) if a.is_loopback() => ip.to_string(),
            _ => d.clone(),
        };
        if !out.contains(&d) {
            out.push(d);
        }
    }
    out
}

/// Does `image` stand for today's NFS server image (`coursewarehub:base-nfsd`)?
pub fn is_nfsd_image(image: Option<&str>) -> bool {
    image.is_some_and(|i| i.ends_with("base-nfsd"))
}

/// The paths that get a volume of their own: `/exported` of an NFS server node (the spec's
/// `params_v` `/exported:/exported`, a host directory on VCP; the NFS server needs a real file
/// system under it, not the container's overlay).
fn scratch_paths(r: &Requested) -> Vec<String> {
    let asked = r
        .mounts
        .iter()
        .any(|m| m.split(':').nth(1) == Some("/exported"));
    if asked || is_nfsd_image(r.image.as_deref()) {
        vec!["/exported".to_string()]
    } else {
        Vec::new()
    }
}

/// The container for compute node `info` in the lab `t` (its network and image).
pub fn container(t: &LabTarget, info: &NodeInfo) -> Result<NodeContainer> {
    let lab = t.lab.as_str();
    let ip = info.address.clone().ok_or_else(|| {
        LabError::Docker(crate::t!("lab-node-no-address", node = info.id.as_str()))
    })?;
    let r = from_cci(&info.cci);
    let scratch = scratch_paths(&r);
    let node = format!("{}/{}", info.unit, info.no);
    if !r.mounts.is_empty() {
        let mounts = format!("{:?}", r.mounts);
        let m = if scratch.is_empty() {
            crate::t!(
                "lab-node-mounts-ignored",
                node = node.as_str(),
                mounts = mounts
            )
        } else {
            crate::t!(
                "lab-node-mounts-ignored-scratch",
                node = node.as_str(),
                mounts = mounts,
                paths = scratch.join(", ")
            )
        };
        tracing::info!("{m}");
    }
    let (dns, outside) = dns_servers(&r.dns, &ip);
    if !outside.is_empty() {
        let m = crate::t!(
            "lab-node-dns-outside",
            node = node.as_str(),
            outside = format!("{outside:?}"),
            dns = format!("{dns:?}")
        );
        tracing::warn!("{m}");
    }
    let mut env = r.env.clone();
    env.extend([
        format!("MY_PRIVATE_IP={ip}"),
        format!("PRIVATE_IP={ip}"),
        format!("SERF_NODE_ID={}", info.id),
    ]);
    if let Some(i) = &r.image {
        env.push(format!("CWH_LAB_IMAGE={i}"));
    }
    if !r.dns.iter().any(|d| dns.contains(d)) {
        env.push(format!("CWH_LAB_RESOLVER={NO_DNS}"));
    }
    env.push(format!(
        "CWH_LAB_INNER_DNS={}",
        inner_dns(&dns, &ip).join(",")
    ));
    Ok(NodeContainer {
        name: container_name(lab, info),
        image: t.image.clone(),
        hostname: hostname(info),
        network: t.network.clone(),
        ip,
        env,
        labels: labels(t, info, r.image.as_deref()),
        volumes: info
            .disks
            .iter()
            .map(|(d, dev)| (volume_name(lab, d), format!("/mnt/{dev}")))
            .collect(),
        scratch,
        dns,
    })
}

/// Does sshd answer on `ip:22` with an SSH banner?
pub async fn sshd_answers(ip: &str) -> bool {
    let fut = async {
        let mut s = tokio::net::TcpStream::connect((ip, 22)).await.ok()?;
        let mut buf = [0u8; 4];
        s.read_exact(&mut buf).await.ok()?;
        Some(&buf == b"SSH-")
    };
    matches!(
        tokio::time::timeout(Duration::from_millis(700), fut).await,
        Ok(Some(true))
    )
}

/// Wait until the node's sshd and inner dockerd answer; an error says which did not.
pub async fn wait_ready(engine: &Engine, container: &str, ip: &str) -> Result<()> {
    let start = Instant::now();
    let (mut ssh, mut docker) = (false, false);
    loop {
        match engine.running(container).await? {
            Some(true) => {}
            Some(false) => {
                let log = engine.log_tail(container, 10).await;
                return Err(LabError::Docker(format!(
                    "{}\n{log}",
                    crate::t!("lab-node-stopped-booting", container = container)
                )));
            }
            None => {
                return Err(LabError::Docker(crate::t!(
                    "lab-node-disappeared",
                    container = container
                )));
            }
        }
        ssh = ssh || sshd_answers(ip).await;
        docker = docker || engine.exec(container, &["docker", "info"]).await? == 0;
        if ssh && docker {
            return Ok(());
        }
        if start.elapsed() > BOOT_TIMEOUT {
            let answers = |yes: bool| {
                if yes {
                    crate::t!("lab-node-answers")
                } else {
                    crate::t!("lab-node-silent")
                }
            };
            return Err(LabError::Docker(crate::t!(
                "lab-node-not-ready",
                container = container,
                ip = ip,
                seconds = BOOT_TIMEOUT.as_secs(),
                sshd = answers(ssh),
                dockerd = answers(docker)
            )));
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vcc::model::UgroupKind;

    #[test]
    fn container_takes_env_labels_and_names_from_the_node() {
        let info = NodeInfo {
            vcid: "v".into(),
            ugroup: "CoursewareHub".into(),
            kind: UgroupKind::Compute,
            unit: "worker".into(),
            id: "abcdef0123".into(),
            no: 2,
            address: Some("172.30.2.101".into()),
            cci: "- unit:\n    image: vcp/base:1.6.2\n    params: {'v': ['/a:/a'], 'e': ['AUTHORIZED_KEYS=eA==', 'NFS_SERVER=1.2.3.4']}\n".into(),
            disks: vec![("d1".into(), "xvdf".into())],
        };
        let t = LabTarget {
            lab: "t1".into(),
            owner: "/srv/site".into(),
            network: "cwh-lab-t1".into(),
            image: "img".into(),
        };
        let c = container(&t, &info).unwrap();
        assert_eq!(c.name, "cwh-t1-coursewarehub-worker-2-abcd");
        assert_eq!(c.hostname, "worker-2");
        assert_eq!(c.ip, "172.30.2.101");
        assert!(c.env.contains(&"AUTHORIZED_KEYS=eA==".to_string()));
        assert!(c.env.contains(&"NFS_SERVER=1.2.3.4".to_string()));
        assert_eq!(c.labels["cwh.image"], "vcp/base:1.6.2");
        assert_eq!(c.labels["cwh.lab"], "t1");
        assert_eq!(c.labels["cwh.lab.owner"], "/srv/site");
        assert_eq!(c.labels["cwh.unit"], "worker");
        assert_eq!(
            c.volumes,
            vec![("cwh-t1-disk-d1".into(), "/mnt/xvdf".into())]
        );
        // a plain base container: no volume of its own, no DNS of the spec's: nothing outside
        assert!(c.scratch.is_empty());
        assert_eq!(c.dns, vec![NO_DNS.to_string()]);
        assert!(c.env.contains(&format!("CWH_LAB_RESOLVER={NO_DNS}")));
        assert!(c.env.contains(&"CWH_LAB_IMAGE=vcp/base:1.6.2".to_string()));
        assert!(
            c.env
                .contains(&"CWH_LAB_INNER_DNS=172.30.2.101".to_string())
        );
    }

    fn node(cci: &str) -> NodeInfo {
        NodeInfo {
            vcid: "v".into(),
            ugroup: "HubA".into(),
            kind: UgroupKind::Compute,
            unit: "nfs".into(),
            id: "0123456789".into(),
            no: 1,
            address: Some("172.30.110.100".into()),
            cci: cci.into(),
            disks: vec![],
        }
    }

    fn target() -> LabTarget {
        LabTarget {
            lab: "t1".into(),
            owner: "/srv/site".into(),
            network: "cwh-lab-t1".into(),
            image: "img".into(),
        }
    }

    #[test]
    fn an_nfs_server_node_gets_its_dns_image_and_an_exported_volume() {
        let cci = "- unit:\n    image: harbor.vcloud.nii.ac.jp/vcp/coursewarehub:base-nfsd\n    docker_opt: {'dns': ['127.10.0.53']}\n    params: {'v': ['/sys/fs/cgroup:/sys/fs/cgroup:rw'], 'e': ['UGROUP_NAME=HubA']}\n";
        let c = container(&target(), &node(cci)).unwrap();
        assert_eq!(c.dns, vec!["127.10.0.53".to_string()]);
        assert_eq!(c.scratch, vec!["/exported".to_string()]);
        assert!(c.env.contains(
            &"CWH_LAB_IMAGE=harbor.vcloud.nii.ac.jp/vcp/coursewarehub:base-nfsd".to_string()
        ));
        assert!(c.env.contains(&"UGROUP_NAME=HubA".to_string()));
        assert!(!c.env.iter().any(|e| e.starts_with("CWH_LAB_RESOLVER=")));
        assert!(
            c.env
                .contains(&"CWH_LAB_INNER_DNS=172.30.110.100".to_string())
        );
        // a client of it: the NFS node's address is in the lab
        let cci = "- unit:\n    image: harbor.vcloud.nii.ac.jp/vcp/coursewarehub:base\n    docker_opt: {'dns': ['172.30.110.100']}\n    params: {'v': [], 'e': ['NFS_SERVER=172.30.110.100']}\n";
        let r = from_cci(cci);
        assert_eq!(r.dns, vec!["172.30.110.100".to_string()]);
        let c = container(&target(), &node(cci)).unwrap();
        assert_eq!(c.dns, vec!["172.30.110.100".to_string()]);
        assert!(c.scratch.is_empty());
        assert!(
            c.env
                .contains(&"CWH_LAB_INNER_DNS=172.30.110.100".to_string())
        );
        // `/exported:/exported` asks for the volume whatever the image
        let cci = "- unit:\n    image: x\n    params: {'v': ['/exported:/exported'], 'e': []}\n";
        assert_eq!(
            from_cci(cci).mounts,
            vec!["/exported:/exported".to_string()]
        );
        assert_eq!(
            container(&target(), &node(cci)).unwrap().scratch,
            vec!["/exported".to_string()]
        );
    }

    #[test]
    fn dns_outside_the_lab_is_never_used() {
        let ip = "172.30.110.101";
        let v = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(dns_servers(&[], ip), (v(&[NO_DNS]), v(&[])));
        assert_eq!(
            dns_servers(&v(&["172.30.110.100", "8.8.8.8"]), ip),
            (v(&["172.30.110.100"]), v(&["8.8.8.8"]))
        );
        assert_eq!(
            dns_servers(&v(&["8.8.8.8", "172.30.111.5"]), ip),
            (v(&[NO_DNS]), v(&["8.8.8.8", "172.30.111.5"]))
        );
        assert_eq!(
            dns_servers(&v(&["127.10.0.53"]), ip),
            (v(&["127.10.0.53"]), v(&[]))
        );
        assert_eq!(
            dns_servers(&v(&["dns.example"]), ip),
            (v(&[NO_DNS]), v(&["dns.example"]))
        );
        assert!(is_nfsd_image(Some(
            "harbor.vcloud.nii.ac.jp/vcp/coursewarehub:base-nfsd"
        )));
        assert!(!is_nfsd_image(Some(
            "harbor.vcloud.nii.ac.jp/vcp/coursewarehub:base"
        )));
        assert!(!is_nfsd_image(None));
    }
}
