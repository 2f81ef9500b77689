//! One lab node: the container made from a simulator node (name, hostname, labels, env from
//! the unit's `params_e`, attached disks as volumes) and the readiness check (sshd answers and
//! the inner dockerd answers `docker info`).
use crate::lab::docker::{Engine, LAB_LABEL, NodeContainer, OWNER_LABEL};
use crate::lab::driver::LabTarget;
use crate::lab::error::{LabError, Result};
use crate::sim::driver::NodeInfo;
use std::collections::HashMap;
use std::time::{Duration, Instant};
use tokio::io::AsyncReadExt;

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

/// The spec's requested image, env (`params_e`) and host mounts (`params_v`) from the CCI.
pub fn from_cci(cci: &str) -> (Option<String>, Vec<String>, Vec<String>) {
    let Ok(d) = crate::vcc::cci::decode(cci) else {
        return (None, Vec::new(), Vec::new());
    };
    let list = |k: &str| -> Vec<String> {
        d.fields
            .get("params")
            .and_then(|p| p.get(k))
            .and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    (d.str("image").map(str::to_string), list("e"), list("v"))
}

/// The container for compute node `info` in the lab `t` (its network and image).
pub fn container(t: &LabTarget, info: &NodeInfo) -> Result<NodeContainer> {
    let lab = t.lab.as_str();
    let ip = info
        .address
        .clone()
        .ok_or_else(|| LabError::Docker(format!("node {} has no address", info.id)))?;
    let (requested, mut env, mounts) = from_cci(&info.cci);
    if !mounts.is_empty() {
        tracing::info!(
            "lab: {}/{}: params_v host mounts {:?} are ignored (the lab mounts what dockerd needs)",
            info.unit,
            info.no,
            mounts
        );
    }
    env.extend([
        format!("MY_PRIVATE_IP={ip}"),
        format!("PRIVATE_IP={ip}"),
        format!("SERF_NODE_ID={}", info.id),
    ]);
    Ok(NodeContainer {
        name: container_name(lab, info),
        image: t.image.clone(),
        hostname: hostname(info),
        network: t.network.clone(),
        ip,
        env,
        labels: labels(t, info, requested.as_deref()),
        volumes: info
            .disks
            .iter()
            .map(|(d, dev)| (volume_name(lab, d), format!("/mnt/{dev}")))
            .collect(),
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
                    "container {container} stopped while booting; its log:\n{log}"
                )));
            }
            None => {
                return Err(LabError::Docker(format!(
                    "container {container} disappeared while booting"
                )));
            }
        }
        ssh = ssh || sshd_answers(ip).await;
        docker = docker || engine.exec(container, &["docker", "info"]).await? == 0;
        if ssh && docker {
            return Ok(());
        }
        if start.elapsed() > BOOT_TIMEOUT {
            return Err(LabError::Docker(format!(
                "node {container} ({ip}) not ready after {} s: sshd {}, dockerd {} \
                 (see `docker exec {container} cat /var/log/dockerd.log /var/log/sshd.log`)",
                BOOT_TIMEOUT.as_secs(),
                if ssh { "answers" } else { "does not answer" },
                if docker { "answers" } else { "does not answer" },
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
    }
}
