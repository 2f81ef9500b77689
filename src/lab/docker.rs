//! The Docker engine through its API (bollard): connect with version negotiation (Debian's
//! Docker 20.10 speaks API 1.41), and the few calls the lab makes — networks, node containers,
//! volumes and exec — as small functions over label filters.
use crate::lab::error::{LabError, Result};
use bollard::Docker;
use bollard::models::{
    ContainerCreateBody, ContainerSummary, EndpointIpamConfig, EndpointSettings, HostConfig, Ipam,
    IpamConfig, Mount, MountType, NetworkCreateRequest, NetworkingConfig, Volume,
    VolumeCreateRequest,
};
use bollard::query_parameters::{
    CreateContainerOptionsBuilder, ListContainersOptionsBuilder, ListNetworksOptionsBuilder,
    ListVolumesOptionsBuilder, RemoveContainerOptionsBuilder, RemoveVolumeOptionsBuilder,
    StopContainerOptionsBuilder,
};
use futures::StreamExt;
use std::collections::HashMap;

/// The label every lab object carries: `cwh.lab=<lab name>`.
pub const LAB_LABEL: &str = "cwh.lab";
/// The label naming the workdir that owns the lab: `cwh.lab.owner=<canonical workdir path>`.
pub const OWNER_LABEL: &str = "cwh.lab.owner";

/// A network of the engine: name, first subnet, labels.
#[derive(Debug, Clone, Default)]
pub struct NetInfo {
    /// Its name.
    pub name: String,
    /// Its first IPv4 subnet (`A.B.C.D/N`), if any.
    pub subnet: Option<String>,
    /// Its labels.
    pub labels: HashMap<String, String>,
}

/// A container attached to a network with an address.
#[derive(Debug, Clone)]
pub struct Holder {
    /// Container name.
    pub name: String,
    /// Its labels.
    pub labels: HashMap<String, String>,
}

/// A connected engine (cheap to clone).
#[derive(Clone, Debug)]
pub struct Engine {
    /// The bollard client, negotiated down to the engine's API version.
    pub docker: Docker,
}

fn is_not_found(e: &bollard::errors::Error) -> bool {
    matches!(
        e,
        bollard::errors::Error::DockerResponseServerError {
            status_code: 404,
            ..
        }
    )
}

fn label_filter(labels: &[(&str, &str)]) -> HashMap<String, Vec<String>> {
    let v = labels.iter().map(|(k, v)| format!("{k}={v}")).collect();
    HashMap::from([("label".to_string(), v)])
}

/// A container that will run a lab node.
#[derive(Debug, Clone)]
pub struct NodeContainer {
    /// Container name.
    pub name: String,
    /// Image tag.
    pub image: String,
    /// Hostname inside.
    pub hostname: String,
    /// The lab network and the node's address on it.
    pub network: String,
    /// Fixed IPv4 address.
    pub ip: String,
    /// Environment (`K=V`).
    pub env: Vec<String>,
    /// Labels.
    pub labels: HashMap<String, String>,
    /// Named volumes to mount: (volume, target path).
    pub volumes: Vec<(String, String)>,
    /// Paths that get an anonymous volume each (a real file system, not the container's
    /// overlay; kept across power cycles, removed with the container).
    pub scratch: Vec<String>,
    /// DNS servers Docker's resolver in the container forwards to (HostConfig.Dns).
    pub dns: Vec<String>,
}

impl Engine {
    /// Connect to the local engine (DOCKER_HOST or /var/run/docker.sock) and negotiate the API
    /// version. No engine → [`LabError::NoEngine`] with how to start one.
    pub async fn connect() -> Result<Engine> {
        Engine::connect_to(None).await
    }

    /// Connect to the engine at `socket` (a `unix://` address), or the local default when
    /// `None`. The whole attempt is bounded (10 s).
    pub async fn connect_to(socket: Option<&str>) -> Result<Engine> {
        let no = |detail: String| LabError::NoEngine { detail };
        let docker = match socket {
            None => Docker::connect_with_local_defaults(),
            Some(s) => Docker::connect_with_unix(s, 10, bollard::API_DEFAULT_VERSION),
        }
        .map_err(|e| no(e.to_string()))?;
        tokio::time::timeout(std::time::Duration::from_secs(10), async {
            let docker = docker
                .negotiate_version()
                .await
                .map_err(|e| no(e.to_string()))?;
            docker.ping().await.map_err(|e| no(e.to_string()))?;
            Ok(Engine { docker })
        })
        .await
        .map_err(|_| no(crate::t!("lab-docker-no-answer")))?
    }

    /// Does a local image with this tag exist?
    pub async fn image_exists(&self, tag: &str) -> Result<bool> {
        match self.docker.inspect_image(tag).await {
            Ok(_) => Ok(true),
            Err(e) if is_not_found(&e) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    /// The subnet of network `name`, if it exists.
    pub async fn network_subnet(&self, name: &str) -> Result<Option<String>> {
        match self.docker.inspect_network(name, None).await {
            Ok(n) => Ok(n
                .ipam
                .and_then(|i| i.config)
                .and_then(|c| c.into_iter().find_map(|c| c.subnet))),
            Err(e) if is_not_found(&e) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// The labels of network `name`, if it exists.
    pub async fn network_labels(&self, name: &str) -> Result<Option<HashMap<String, String>>> {
        match self.docker.inspect_network(name, None).await {
            Ok(n) => Ok(Some(n.labels.unwrap_or_default())),
            Err(e) if is_not_found(&e) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Every network on the engine, with its first subnet and labels.
    pub async fn networks(&self) -> Result<Vec<NetInfo>> {
        let nets = self
            .docker
            .list_networks(Some(ListNetworksOptionsBuilder::new().build()))
            .await?;
        Ok(nets
            .into_iter()
            .map(|n| NetInfo {
                name: n.name.unwrap_or_default(),
                subnet: n
                    .ipam
                    .and_then(|i| i.config)
                    .and_then(|c| c.into_iter().find_map(|c| c.subnet)),
                labels: n.labels.unwrap_or_default(),
            })
            .collect())
    }

    /// The container holding address `ip` on network `network`, if any.
    pub async fn address_holder(&self, network: &str, ip: &str) -> Result<Option<Holder>> {
        let n = match self.docker.inspect_network(network, None).await {
            Ok(n) => n,
            Err(e) if is_not_found(&e) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        let held = n.containers.unwrap_or_default().into_iter().find(|(_, c)| {
            c.ipv4_address
                .as_deref()
                .is_some_and(|a| a.split('/').next() == Some(ip))
        });
        let Some((id, c)) = held else {
            return Ok(None);
        };
        let labels = match self.docker.inspect_container(&id, None).await {
            Ok(i) => i.config.and_then(|c| c.labels).unwrap_or_default(),
            Err(e) if is_not_found(&e) => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        Ok(Some(Holder {
            name: c.name.unwrap_or(id),
            labels,
        }))
    }

    /// Create a bridge network with `subnet` (gateway .1) and labels.
    pub async fn create_network(
        &self,
        name: &str,
        subnet: &str,
        gateway: &str,
        labels: HashMap<String, String>,
    ) -> Result<()> {
        self.docker
            .create_network(NetworkCreateRequest {
                name: name.into(),
                driver: Some("bridge".into()),
                ipam: Some(Ipam {
                    config: Some(vec![IpamConfig {
                        subnet: Some(subnet.into()),
                        gateway: Some(gateway.into()),
                        ..Default::default()
                    }]),
                    ..Default::default()
                }),
                labels: Some(labels),
                ..Default::default()
            })
            .await?;
        Ok(())
    }

    /// Remove a network (absent is fine).
    pub async fn remove_network(&self, name: &str) -> Result<bool> {
        match self.docker.remove_network(name).await {
            Ok(()) => Ok(true),
            Err(e) if is_not_found(&e) => Ok(false),
            Err(e) => Err(e.into()),
        }
    }

    /// Containers (running or not) carrying every label given.
    pub async fn containers(&self, labels: &[(&str, &str)]) -> Result<Vec<ContainerSummary>> {
        let opts = ListContainersOptionsBuilder::new()
            .all(true)
            .filters(&label_filter(labels))
            .build();
        Ok(self.docker.list_containers(Some(opts)).await?)
    }

    /// Create (not start) a node container with the near-privileged settings that work where
    /// `--privileged` does not (lab-notes §4.2): every capability but SYS_RESOURCE, no
    /// seccomp/apparmor profile, unmasked /proc and /sys paths, all devices allowed.
    pub async fn create_node(&self, c: &NodeContainer) -> Result<String> {
        let host = HostConfig {
            cap_add: Some(vec!["ALL".into()]),
            cap_drop: Some(vec!["SYS_RESOURCE".into()]),
            security_opt: Some(vec![
                "seccomp=unconfined".into(),
                "apparmor=unconfined".into(),
            ]),
            // `--security-opt systempaths=unconfined` of the CLI
            masked_paths: Some(vec![]),
            readonly_paths: Some(vec![]),
            device_cgroup_rules: Some(vec!["a *:* rwm".into()]),
            network_mode: Some(c.network.clone()),
            mounts: Some(
                c.volumes
                    .iter()
                    .map(|(v, t)| (Some(v.clone()), t))
                    .chain(c.scratch.iter().map(|t| (None, t)))
                    .map(|(v, t)| Mount {
                        target: Some(t.clone()),
                        source: v,
                        typ: Some(MountType::VOLUME),
                        ..Default::default()
                    })
                    .collect(),
            ),
            dns: Some(c.dns.clone()),
            ..Default::default()
        };
        let net = NetworkingConfig {
            endpoints_config: Some(HashMap::from([(
                c.network.clone(),
                EndpointSettings {
                    ipam_config: Some(EndpointIpamConfig {
                        ipv4_address: Some(c.ip.clone()),
                        ..Default::default()
                    }),
                    ..Default::default()
                },
            )])),
        };
        let body = ContainerCreateBody {
            hostname: Some(c.hostname.clone()),
            env: Some(c.env.clone()),
            image: Some(c.image.clone()),
            labels: Some(c.labels.clone()),
            stop_timeout: Some(2),
            host_config: Some(host),
            networking_config: Some(net),
            ..Default::default()
        };
        let opts = CreateContainerOptionsBuilder::new().name(&c.name).build();
        match self.docker.create_container(Some(opts), body).await {
            Ok(r) => Ok(r.id),
            // The name is taken: a run killed while Docker was creating this very node's
            // container leaves it behind, sometimes before a label search lists it. Adopt it
            // when it is the same node's (same lab and node labels); anything else is an error.
            Err(
                e @ bollard::errors::Error::DockerResponseServerError {
                    status_code: 409, ..
                },
            ) => {
                let ours = |l: &HashMap<String, String>| {
                    [LAB_LABEL, "cwh.node"]
                        .iter()
                        .all(|k| l.get(*k) == c.labels.get(*k))
                };
                match self.docker.inspect_container(&c.name, None).await {
                    Ok(found)
                        if found
                            .config
                            .as_ref()
                            .and_then(|x| x.labels.as_ref())
                            .is_some_and(ours) =>
                    {
                        Ok(found.id.unwrap_or_else(|| c.name.clone()))
                    }
                    _ => Err(e.into()),
                }
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Start a container (already running is fine).
    pub async fn start(&self, id: &str) -> Result<()> {
        match self.docker.start_container(id, None).await {
            Ok(()) => Ok(()),
            Err(bollard::errors::Error::DockerResponseServerError {
                status_code: 304, ..
            }) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    /// Stop a container (SIGTERM, then SIGKILL after `secs`).
    pub async fn stop(&self, id: &str, secs: i32) -> Result<()> {
        let opts = StopContainerOptionsBuilder::new().t(secs).build();
        match self.docker.stop_container(id, Some(opts)).await {
            Ok(()) => Ok(()),
            Err(bollard::errors::Error::DockerResponseServerError {
                status_code: 304, ..
            }) => Ok(()),
            Err(e) if is_not_found(&e) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    /// Remove a container and its anonymous volumes (absent is fine).
    pub async fn remove(&self, id: &str) -> Result<()> {
        let opts = RemoveContainerOptionsBuilder::new()
            .force(true)
            .v(true)
            .build();
        match self.docker.remove_container(id, Some(opts)).await {
            Ok(()) => Ok(()),
            Err(e) if is_not_found(&e) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    /// Is the container running? None when it does not exist.
    pub async fn running(&self, id: &str) -> Result<Option<bool>> {
        match self.docker.inspect_container(id, None).await {
            Ok(c) => Ok(Some(c.state.and_then(|s| s.running).unwrap_or(false))),
            Err(e) if is_not_found(&e) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Run `cmd` in a running container; its exit code (output discarded).
    pub async fn exec(&self, id: &str, cmd: &[&str]) -> Result<i64> {
        use bollard::exec::{CreateExecOptions, StartExecResults};
        let ex = self
            .docker
            .create_exec(
                id,
                CreateExecOptions {
                    cmd: Some(cmd.iter().map(|s| s.to_string()).collect()),
                    attach_stdout: Some(true),
                    attach_stderr: Some(true),
                    ..Default::default()
                },
            )
            .await?;
        if let StartExecResults::Attached { mut output, .. } =
            self.docker.start_exec(&ex.id, None).await?
        {
            while output.next().await.is_some() {}
        }
        let info = self.docker.inspect_exec(&ex.id).await?;
        Ok(info.exit_code.unwrap_or(-1))
    }

    /// Create a named volume with labels (existing is fine).
    pub async fn create_volume(&self, name: &str, labels: HashMap<String, String>) -> Result<()> {
        self.docker
            .create_volume(VolumeCreateRequest {
                name: Some(name.into()),
                labels: Some(labels),
                ..Default::default()
            })
            .await?;
        Ok(())
    }

    /// Volumes carrying every label given.
    pub async fn volumes(&self, labels: &[(&str, &str)]) -> Result<Vec<Volume>> {
        let opts = ListVolumesOptionsBuilder::new()
            .filters(&label_filter(labels))
            .build();
        Ok(self
            .docker
            .list_volumes(Some(opts))
            .await?
            .volumes
            .unwrap_or_default())
    }

    /// Remove a volume (absent is fine; in use is an error).
    pub async fn remove_volume(&self, name: &str) -> Result<()> {
        let opts = RemoveVolumeOptionsBuilder::new().force(true).build();
        match self.docker.remove_volume(name, Some(opts)).await {
            Ok(()) => Ok(()),
            Err(e) if is_not_found(&e) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    /// The last `n` lines of a container's log (for error messages).
    pub async fn log_tail(&self, id: &str, n: usize) -> String {
        use bollard::query_parameters::LogsOptionsBuilder;
        let opts = LogsOptionsBuilder::new()
            .stdout(true)
            .stderr(true)
            .tail(&n.to_string())
            .build();
        let mut s = self.docker.logs(id, Some(opts));
        let mut out = String::new();
        while let Some(Ok(l)) = s.next().await {
            out.push_str(&l.to_string());
        }
        out.trim().to_string()
    }
}
