//! `vcp_config.yml` and `vcp_flavor.yml`, found like the SDK finds them: an explicit directory,
//! else `VCP_CONFIG_DIR`, else `~/.config/vcp`, else `/notebooks/notebook/vcp_config`; with no
//! file found, built-in defaults (the flavors of vcp-and-notebooks.md §1.6) and a log line.
use crate::vcc::{Result, VccError};
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The SDK's default configuration directory.
pub const SDK_DEFAULT_DIR: &str = "/notebooks/notebook/vcp_config";

const DEFAULT_FLAVORS: &str = include_str!("default_flavors.yml");

/// A mapping that keeps file order (flavors and their keys are listed in file order).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ordered<V>(pub Vec<(String, V)>);

impl<V> Ordered<V> {
    /// Value by key.
    pub fn get(&self, key: &str) -> Option<&V> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
    /// Keys in order.
    pub fn keys(&self) -> Vec<&str> {
        self.0.iter().map(|(k, _)| k.as_str()).collect()
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for Ordered<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V2<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for V2<V> {
            type Value = Ordered<V>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_unit<E>(self) -> std::result::Result<Self::Value, E> {
                Ok(Ordered(Vec::new()))
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut m: A,
            ) -> std::result::Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = m.next_entry::<String, V>()? {
                    out.push((k, v));
                }
                Ok(Ordered(out))
            }
        }
        d.deserialize_any(V2(std::marker::PhantomData))
    }
}

/// Flavors: provider → flavor → params, all in file order.
pub type Flavors = Ordered<Ordered<Ordered<Value>>>;

/// The `vcc:` block of vcp_config.yml.
#[derive(Debug, Clone, serde::Deserialize, PartialEq)]
pub struct VccSection {
    /// VCC host (URL host).
    #[serde(default)]
    pub host: Option<String>,
    /// Display name.
    #[serde(default)]
    pub name: Option<String>,
    /// Port appended to the host.
    #[serde(default)]
    pub vcc_port: Option<u16>,
    /// True (default) = verify TLS; false = skip verification.
    #[serde(default = "yes")]
    pub insecure_request_warning: bool,
    /// Vault port (vcc_info).
    #[serde(default)]
    pub vault_port: Option<u16>,
    /// VCC address seen from nodes.
    #[serde(default)]
    pub private_ip: Option<String>,
    /// How long to wait for a unit, seconds.
    #[serde(default = "thousand")]
    pub wait_timeout_sec: u64,
}

fn yes() -> bool {
    true
}
fn thousand() -> u64 {
    1000
}

impl Default for VccSection {
    fn default() -> Self {
        VccSection {
            host: None,
            name: None,
            vcc_port: None,
            insecure_request_warning: true,
            vault_port: None,
            private_ip: None,
            wait_timeout_sec: 1000,
        }
    }
}

/// Where the configuration came from.
#[derive(Debug, Clone, PartialEq)]
pub enum ConfigSource {
    /// Files in this directory.
    Dir(PathBuf),
    /// Nothing found: built-in defaults.
    BuiltIn,
}

/// The loaded configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where it came from.
    pub source: ConfigSource,
    /// The `vcc:` block.
    pub vcc: VccSection,
    /// `spec_options` defaults for every spec (dns, dns_search, add_host, options, hostname, gpus).
    pub spec_options: serde_json::Map<String, Value>,
    /// Per-provider blocks (credentials, private_network), by provider name.
    pub providers: serde_json::Map<String, Value>,
    /// vcp_flavor.yml.
    pub flavors: Flavors,
}

impl Default for Config {
    fn default() -> Self {
        Config::built_in()
    }
}

impl Config {
    /// Built-in defaults: no VCC host, default flavors, `vault://cubbyhole/…` credentials.
    pub fn built_in() -> Self {
        Config {
            source: ConfigSource::BuiltIn,
            vcc: VccSection::default(),
            spec_options: Default::default(),
            providers: Default::default(),
            flavors: default_flavors(),
        }
    }

    /// Find and load the configuration (see module docs). `explicit` must exist when given.
    pub fn discover(explicit: Option<&Path>) -> Result<Config> {
        if let Some(dir) = explicit {
            if !dir.is_dir() {
                return Err(VccError::Config {
                    path: dir.display().to_string(),
                    message: "not a directory".into(),
                });
            }
            return Config::load_dir(dir);
        }
        for dir in candidate_dirs() {
            if dir.join("vcp_config.yml").is_file() || dir.join("vcp_flavor.yml").is_file() {
                return Config::load_dir(&dir);
            }
        }
        tracing::info!(
            "no vcp_config.yml found (VCP_CONFIG_DIR, ~/.config/vcp, {SDK_DEFAULT_DIR}): using built-in defaults and flavors"
        );
        Ok(Config::built_in())
    }

    /// Load `vcp_config.yml` and `vcp_flavor.yml` from `dir` (either may be missing).
    pub fn load_dir(dir: &Path) -> Result<Config> {
        let mut cfg = Config::built_in();
        cfg.source = ConfigSource::Dir(dir.to_path_buf());
        let cpath = dir.join("vcp_config.yml");
        if cpath.is_file() {
            let text = read(&cpath)?;
            cfg.apply_config_yaml(&text)
                .map_err(|message| VccError::Config {
                    path: cpath.display().to_string(),
                    message,
                })?;
        } else {
            tracing::info!(
                "{}: no vcp_config.yml, using built-in VCC settings",
                dir.display()
            );
        }
        let fpath = dir.join("vcp_flavor.yml");
        if fpath.is_file() {
            cfg.flavors = serde_saphyr::from_str(&read(&fpath)?).map_err(|e| VccError::Config {
                path: fpath.display().to_string(),
                message: e.to_string(),
            })?;
        } else {
            tracing::info!(
                "{}: no vcp_flavor.yml, using the built-in flavors",
                dir.display()
            );
        }
        Ok(cfg)
    }

    /// Apply the text of a vcp_config.yml.
    pub fn apply_config_yaml(&mut self, text: &str) -> std::result::Result<(), String> {
        let v: Value = serde_saphyr::from_str(text).map_err(|e| e.to_string())?;
        let Value::Object(mut m) = v else {
            return Err("expected a mapping at the top".into());
        };
        if let Some(vcc) = m.remove("vcc") {
            self.vcc = serde_json::from_value(vcc).map_err(|e| format!("vcc: {e}"))?;
        }
        if let Some(Value::Object(o)) = m.remove("spec_options") {
            self.spec_options = o;
        }
        self.providers = m;
        Ok(())
    }

    /// Known providers (flavor file order).
    pub fn providers_with_flavors(&self) -> Vec<&str> {
        self.flavors.keys()
    }

    /// The flavors of `provider`, or an error listing the known providers.
    pub fn provider_flavors(&self, provider: &str) -> Result<&Ordered<Ordered<Value>>> {
        self.flavors
            .get(provider)
            .ok_or_else(|| VccError::UnknownProvider {
                provider: provider.into(),
                known: self.flavors.keys().join(", "),
            })
    }

    /// One flavor's params, or an error listing the known ones.
    pub fn flavor(&self, provider: &str, flavor: &str) -> Result<&Ordered<Value>> {
        let fl = self.provider_flavors(provider)?;
        fl.get(flavor).ok_or_else(|| VccError::UnknownFlavor {
            provider: provider.into(),
            flavor: flavor.into(),
            known: fl.keys().join(", "),
        })
    }

    /// A setting of a provider block (`aws.access_key`…).
    pub fn provider_value(&self, provider: &str, key: &str) -> Option<&Value> {
        self.providers.get(provider)?.get(key)
    }

    /// Base URL from vcp_config: `https://host[:port]/vcp/v1/occtr`.
    pub fn base_url(&self) -> Option<String> {
        let host = self.vcc.host.as_deref()?;
        Some(match self.vcc.vcc_port {
            Some(p) => format!("https://{host}:{p}/vcp/v1/occtr"),
            None => format!("https://{host}/vcp/v1/occtr"),
        })
    }
}

fn read(p: &Path) -> Result<String> {
    std::fs::read_to_string(p).map_err(|e| VccError::Config {
        path: p.display().to_string(),
        message: e.to_string(),
    })
}

fn candidate_dirs() -> Vec<PathBuf> {
    let mut v = Vec::new();
    if let Some(d) = std::env::var_os("VCP_CONFIG_DIR").filter(|d| !d.is_empty()) {
        v.push(PathBuf::from(d));
    }
    if let Some(h) = dirs::home_dir() {
        v.push(h.join(".config").join("vcp"));
    }
    v.push(PathBuf::from(SDK_DEFAULT_DIR));
    v
}

/// The built-in flavors.
pub fn default_flavors() -> Flavors {
    serde_saphyr::from_str(DEFAULT_FLAVORS).expect("built-in flavors parse")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_flavors_keep_file_order() {
        let f = default_flavors();
        assert_eq!(&f.keys()[..3], &["aws", "aws_disk", "aws_spot"]);
        let small = f.get("aws").unwrap().get("small").unwrap();
        assert_eq!(
            small.keys(),
            vec!["instance_type", "volume_type", "volume_size"]
        );
        assert_eq!(small.get("volume_size"), Some(&Value::from(16)));
    }

    #[test]
    fn loads_a_directory_and_reports_unknowns() {
        let dir = std::env::temp_dir().join(format!("cwh-cfg-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("vcp_config.yml"),
            "vcc:\n  host: 10.0.0.1\n  vcc_port: 8443\n  name: lab\n  wait_timeout_sec: 30\naws:\n  access_key: AK\n  private_network: net1\n",
        )
        .unwrap();
        std::fs::write(
            dir.join("vcp_flavor.yml"),
            "aws:\n  tiny: {instance_type: t3.nano, volume_type: gp2, volume_size: 8}\n",
        )
        .unwrap();
        let c = Config::discover(Some(&dir)).unwrap();
        assert_eq!(c.base_url().unwrap(), "https://10.0.0.1:8443/vcp/v1/occtr");
        assert_eq!(c.vcc.wait_timeout_sec, 30);
        assert_eq!(
            c.provider_value("aws", "private_network"),
            Some(&Value::from("net1"))
        );
        let e = c.flavor("aws", "small").unwrap_err();
        assert!(matches!(&e, VccError::UnknownFlavor { known, .. } if known == "tiny"));
        let e = c.flavor("nope", "x").unwrap_err();
        assert!(matches!(&e, VccError::UnknownProvider { known, .. } if known == "aws"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
