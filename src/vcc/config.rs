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
        let c = Config::discover_quietly(explicit)?;
        if c.source == ConfigSource::BuiltIn {
            tracing::info!(
                "{}",
                crate::t!("vcc-config-none", sdk_dir = SDK_DEFAULT_DIR)
            );
        }
        Ok(c)
    }

    /// [`discover`](Self::discover) without the line saying that none was found (`cwh vcc
    /// check` says it in its own report).
    pub fn discover_quietly(explicit: Option<&Path>) -> Result<Config> {
        if let Some(dir) = explicit {
            if !dir.is_dir() {
                return Err(VccError::Config {
                    path: dir.display().to_string(),
                    message: crate::t!("vcc-config-not-dir"),
                });
            }
            return Config::load_dir(dir);
        }
        for dir in candidate_dirs() {
            if dir.join("vcp_config.yml").is_file() || dir.join("vcp_flavor.yml").is_file() {
                return Config::load_dir(&dir);
            }
        }
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
                "{}",
                crate::t!("vcc-config-no-config", dir = dir.display().to_string())
            );
        }
        let fpath = dir.join("vcp_flavor.yml");
        if fpath.is_file() {
            cfg.flavors = serde_saphyr::from_str(&read(&fpath)?).map_err(|e| VccError::Config {
                path: fpath.display().to_string(),
                message: e.to_string(),
            })?;
        } else {
            // said once per process (a plan reads the config for its snapshot and again for
            // its rehearsal)
            static SAID: std::sync::Once = std::sync::Once::new();
            SAID.call_once(|| {
                tracing::info!(
                    "{}",
                    crate::t!("vcc-config-no-flavors", dir = dir.display().to_string())
                );
            });
        }
        Ok(cfg)
    }

    /// Apply the text of a vcp_config.yml.
    pub fn apply_config_yaml(&mut self, text: &str) -> std::result::Result<(), String> {
        let v: Value = serde_saphyr::from_str(text).map_err(|e| e.to_string())?;
        let Value::Object(mut m) = v else {
            return Err(crate::t!("vcc-config-not-mapping"));
        };
        if let Some(vcc) = m.remove("vcc") {
            self.vcc = vcc_section(vcc)?;
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

/// The `vcc:` block, each value checked so that a mistake is named with its fix before any
/// DNS lookup or request: `host` a bare host name or address (not a URL, no path, no port),
/// ports 1 to 65535, `private_ip` an IPv4 address, `wait_timeout_sec` at least 1,
/// `insecure_request_warning` true or false.
fn vcc_section(vcc: Value) -> std::result::Result<VccSection, String> {
    let mut o = match vcc {
        Value::Object(o) => o,
        Value::Null => return Ok(VccSection::default()),
        other => {
            return Err(crate::t!(
                "vcc-config-vcc-not-mapping",
                got = other.to_string()
            ));
        }
    };
    for key in ["vcc_port", "vault_port"] {
        match o.get(key).cloned() {
            None | Some(Value::Null) => {
                o.remove(key);
            }
            Some(v) => {
                o.insert(key.into(), Value::from(port(key, &v)?));
            }
        }
    }
    if let Some(v) = o.get("wait_timeout_sec").cloned() {
        match v
            .as_i64()
            .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
        {
            Some(n) if n >= 1 => {
                o.insert("wait_timeout_sec".into(), Value::from(n));
            }
            _ => {
                return Err(crate::t!("vcc-config-wait-timeout", value = v.to_string()));
            }
        }
    }
    if let Some(v) = o.get("insecure_request_warning")
        && !v.is_boolean()
    {
        return Err(crate::t!("vcc-config-insecure", value = v.to_string()));
    }
    let section: VccSection =
        serde_json::from_value(Value::Object(o)).map_err(|e| format!("vcc: {e}"))?;
    if let Some(h) = &section.host {
        host_problem(h, section.vcc_port)?;
    }
    if let Some(ip) = &section.private_ip
        && ip.trim().parse::<std::net::Ipv4Addr>().is_err()
    {
        return Err(crate::t!(
            "vcc-config-private-ip",
            value = format!("{ip:?}")
        ));
    }
    Ok(section)
}

/// A port number 1..=65535 (an integer, or one in quotes as the SDK also takes it).
fn port(key: &str, v: &Value) -> std::result::Result<u16, String> {
    let n = v
        .as_i64()
        .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()));
    match n {
        Some(n) if (1..=65535).contains(&n) => Ok(n as u16),
        _ if key == "vcc_port" => Err(crate::t!(
            "vcc-config-port-vcc",
            key = key,
            value = v.to_string()
        )),
        _ => Err(crate::t!(
            "vcc-config-port",
            key = key,
            value = v.to_string()
        )),
    }
}

/// Why `host` cannot be `vcc.host` (with the line to write instead), if it cannot.
fn host_problem(host: &str, port: Option<u16>) -> std::result::Result<(), String> {
    let h = host.trim();
    let port_line = |p: &str| {
        if port.is_some() {
            String::new()
        } else {
            crate::t!("vcc-config-host-and-port", port = p)
        }
    };
    if h.is_empty() {
        return Err(crate::t!("vcc-config-host-empty"));
    }
    if let Some((scheme, rest)) = h.split_once("://") {
        let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
        let authority = authority.rsplit('@').next().unwrap_or(authority);
        let (name, p) = split_port(authority);
        let extra = p.map(port_line).unwrap_or_default();
        return Err(crate::t!(
            "vcc-config-host-url",
            host = format!("{h:?}"),
            scheme = if scheme.eq_ignore_ascii_case("https") {
                String::new()
            } else {
                crate::t!("vcc-config-host-scheme", scheme = scheme)
            },
            name = name,
            extra = extra
        ));
    }
    if h.contains('/') {
        let name = h.split('/').next().unwrap_or("");
        return Err(crate::t!(
            "vcc-config-host-path",
            host = format!("{h:?}"),
            name = name
        ));
    }
    if let Some(bad) = h
        .chars()
        .find(|c| c.is_whitespace() || "@?#\\\"'".contains(*c))
    {
        return Err(crate::t!(
            "vcc-config-host-contains",
            host = format!("{h:?}"),
            what = if bad.is_whitespace() {
                crate::t!("vcc-config-a-space")
            } else {
                format!("`{bad}`")
            }
        ));
    }
    if h.starts_with('[') {
        let inner = h.trim_start_matches('[').split(']').next().unwrap_or("");
        if inner.parse::<std::net::Ipv6Addr>().is_ok() && h == format!("[{inner}]") {
            return Ok(());
        }
    }
    if h.parse::<std::net::Ipv6Addr>().is_ok() {
        return Err(crate::t!(
            "vcc-config-host-ipv6",
            host = format!("{h:?}"),
            bare = h
        ));
    }
    if h.contains(':') {
        let (name, p) = split_port(h);
        let p = p.unwrap_or("");
        if !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()) {
            return Err(crate::t!(
                "vcc-config-host-port",
                host = format!("{h:?}"),
                name = name,
                extra = match port {
                    Some(already) => crate::t!("vcc-config-port-already", port = already),
                    None => crate::t!("vcc-config-host-and-port", port = p),
                }
            ));
        }
        return Err(crate::t!(
            "vcc-config-host-contains",
            host = format!("{h:?}"),
            what = "`:`"
        ));
    }
    let labels: Vec<&str> = h.trim_end_matches('.').split('.').collect();
    if labels
        .iter()
        .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_digit()))
    {
        if h.parse::<std::net::Ipv4Addr>().is_err() {
            return Err(crate::t!(
                "vcc-config-host-bad-ipv4",
                host = format!("{h:?}")
            ));
        }
        return Ok(());
    }
    if h.len() > 253
        || labels.iter().any(|l| {
            l.is_empty()
                || l.len() > 63
                || l.starts_with('-')
                || l.ends_with('-')
                || !l
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
    {
        return Err(crate::t!(
            "vcc-config-host-bad-name",
            host = format!("{h:?}")
        ));
    }
    Ok(())
}

/// `name:port` split at the last colon (`name` alone when there is none).
fn split_port(authority: &str) -> (&str, Option<&str>) {
    match authority.rsplit_once(':') {
        Some((n, p)) if !n.contains(':') => (n, Some(p)),
        _ => (authority, None),
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
    fn the_vcc_block_is_checked_with_its_fix() {
        let load = |vcc: &str| {
            let mut c = Config::built_in();
            c.apply_config_yaml(&format!("vcc:\n{vcc}")).map(|()| c)
        };
        for (vcc, want) in [
            (
                "  host: https://vcc.example.org\n",
                "write `host: vcc.example.org`",
            ),
            (
                "  host: https://vcc.example.org:8443/x\n",
                "and `vcc_port: 8443`",
            ),
            (
                "  host: http://10.0.0.1\n",
                "the scheme http:// cannot be chosen",
            ),
            ("  host: vcc.example.org/\n", "has a path"),
            (
                "  host: vcc.example.org:8443\n",
                "the port goes in its own field",
            ),
            ("  host: \"vcc example\"\n", "contains a space"),
            ("  host: \"\"\n", "vcc.host is empty"),
            ("  host: 10.0.0.256\n", "is not an IPv4 address"),
            ("  host: user@vcc\n", "contains `@`"),
            ("  host: vcc_.-x\n", "is not a host name"),
            (
                "  host: h\n  vcc_port: 70000\n",
                "vcc.vcc_port: 70000 is not a port number; ports go from 1 to 65535",
            ),
            (
                "  host: h\n  vcc_port: 0\n",
                "vcc.vcc_port: 0 is not a port number",
            ),
            (
                "  host: h\n  vcc_port: abc\n",
                "vcc.vcc_port: \"abc\" is not a port number",
            ),
            ("  host: h\n  vault_port: -1\n", "vcc.vault_port: -1"),
            (
                "  host: h\n  private_ip: vcc.local\n",
                "vcc.private_ip: \"vcc.local\" is not an IPv4 address",
            ),
            (
                "  host: h\n  wait_timeout_sec: 0\n",
                "vcc.wait_timeout_sec: 0 is not a number of seconds",
            ),
            (
                "  host: h\n  insecure_request_warning: \"false\"\n",
                "is not true or false",
            ),
        ] {
            let e = load(vcc).err().unwrap_or_default();
            assert!(e.contains(want), "{vcc:?}: {e}");
        }
        let c =
            load("  host: 10.0.0.1\n  vcc_port: \"8443\"\n  private_ip: 172.30.2.10\n").unwrap();
        assert_eq!(c.base_url().unwrap(), "https://10.0.0.1:8443/vcp/v1/occtr");
        assert_eq!(c.vcc.private_ip.as_deref(), Some("172.30.2.10"));
        for ok in [
            "vcc.example.ac.jp",
            "vcc",
            "127.0.0.1",
            "\"[::1]\"",
            "vcc.example.org.",
        ] {
            assert!(load(&format!("  host: {ok}\n")).is_ok(), "{ok}");
        }
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
