//! Unit specs: a provider's attribute table (aws, aws_disk, azure, azure_disk and onpremises
//! exactly as the SDK plugins; other providers generically from their flavor keys), values
//! checked when set, validation before any call, and the unit CCI text (vcc-rest.md §3.2).
use crate::vcc::cci::{plain, py_dict, py_repr};
use crate::vcc::config::Config;
use crate::vcc::model::{UgroupKind, VcNode};
use crate::vcc::{Result, VccError};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::net::Ipv4Addr;

/// Base-spec CCI version.
pub const UNIT_CCI_VERSION: &str = "1.1";
/// Default base-container image.
pub const DEFAULT_IMAGE: &str = "vcp/base:1.6.2";

/// Value type of an attribute.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Ty {
    /// Any scalar, rendered bare.
    Str,
    /// A positive integer.
    Size,
    /// A list of strings.
    List,
    /// A list of IPv4 addresses.
    Ips,
    /// A string or list of strings.
    StrOrList,
}

/// One attribute: script name, CCI key, type.
#[derive(Debug, Clone, PartialEq)]
struct Attr {
    name: String,
    key: String,
    ty: Ty,
}

fn a(name: &str, key: &str, ty: Ty) -> Attr {
    Attr {
        name: name.into(),
        key: key.into(),
        ty,
    }
}

/// Attributes of the base (non-cloud) part of a compute spec, in CCI order.
fn compute_base() -> Vec<Attr> {
    vec![
        a("description", "description", Ty::Str),
        a("private_network", "private_network", Ty::Str),
        a("num_nodes", "num_nodes", Ty::Size),
        a("image", "image", Ty::Str),
        a("recovery_mode", "recovery_mode", Ty::Str),
        a("params_v", "v", Ty::List),
        a("params_e", "e", Ty::List),
        a("dns", "dns", Ty::Ips),
        a("dns_search", "dns_search", Ty::StrOrList),
        a("add_host", "add_host", Ty::List),
        a("dns_opt", "options", Ty::List),
        a("hostname", "hostname", Ty::Str),
        a("gpus", "gpus", Ty::Str),
        a("user_init_command", "user_init_command", Ty::Str),
    ]
}

/// Attributes of the base part of a storage spec.
fn storage_base() -> Vec<Attr> {
    vec![
        a("description", "description", Ty::Str),
        a("private_network", "private_network", Ty::Str),
        a("num_nodes", "num_disks", Ty::Size),
    ]
}

/// The docker options keys that go into `docker_opt`.
const DOCKER_OPT: &[&str] = &[
    "dns",
    "dns_search",
    "add_host",
    "options",
    "hostname",
    "gpus",
];

/// Provider tables: (spec name, cloud_provider, cloud cci_version, kind, tags, cloud_params).
fn known_table(
    provider: &str,
) -> Option<(&'static str, &'static str, UgroupKind, bool, Vec<Attr>)> {
    use Ty::*;
    Some(match provider {
        "aws" => (
            "aws",
            "1.2",
            UgroupKind::Compute,
            true,
            vec![
                a("instance_type", "instance_type", Str),
                a("volume_size", "volume_size", Size),
                a("volume_type", "volume_type", Str),
                a("cloud_image", "cloud_image", Str),
                a("ip_addresses", "ip_address_list", Ips),
                a("access_key", "access_key", Str),
                a("disks", "volume_id", List),
                a("secret_key", "secret_key", Str),
            ],
        ),
        "aws_disk" => (
            "aws",
            "1.0",
            UgroupKind::Storage,
            true,
            vec![
                a("size", "size", Size),
                a("type", "type", Str),
                a("cloud_image", "cloud_image", Str),
                a("access_key", "access_key", Str),
                a("secret_key", "secret_key", Str),
            ],
        ),
        "azure" => (
            "azure",
            "1.2",
            UgroupKind::Compute,
            true,
            vec![
                a("vm_size", "vm_size", Str),
                a("disk_size_gb", "disk_size_gb", Size),
                a("managed_disk_type", "managed_disk_type", Str),
                a("cloud_image", "cloud_image", Str),
                a("subscription_id", "subscription_id", Str),
                a("client_id", "client_id", Str),
                a("client_secret", "client_secret", Str),
                a("tenant_id", "tenant_id", Str),
                a("ip_addresses", "ip_address_list", Ips),
                a("disks", "ext_managed_disk", List),
            ],
        ),
        "azure_disk" => (
            "azure",
            "1.0",
            UgroupKind::Storage,
            true,
            vec![
                a("disk_size_gb", "disk_size_gb", Size),
                a("storage_account_type", "storage_account_type", Str),
                a("cloud_image", "cloud_image", Str),
                a("subscription_id", "subscription_id", Str),
                a("client_id", "client_id", Str),
                a("tenant_id", "tenant_id", Str),
                a("client_secret", "client_secret", Str),
            ],
        ),
        "onpremises" => (
            "onpremises",
            "1.0",
            UgroupKind::Compute,
            false,
            vec![
                a("user_name", "user_name", Str),
                a("ip_addresses", "ip_address_list", Ips),
                a("network_if", "network_if", Str),
            ],
        ),
        _ => return None,
    })
}

/// Credentials the SDK reads from vcp_config per cloud provider.
fn credential_keys(cloud: &str) -> &'static [&'static str] {
    match cloud {
        "aws" => &["access_key", "secret_key"],
        "azure" => &["subscription_id", "client_id", "client_secret", "tenant_id"],
        _ => &[],
    }
}

/// Which attribute `root_disk_gb` sets, per provider.
fn root_disk_attr(provider: &str) -> Option<&'static str> {
    match provider {
        "aws" | "aws_spot" => Some("volume_size"),
        "azure" => Some("disk_size_gb"),
        "oracle" => Some("boot_volume_size_in_gbs"),
        _ => None,
    }
}

/// A unit spec for one provider and flavor.
#[derive(Debug, Clone, PartialEq)]
pub struct Spec {
    provider: String,
    flavor: String,
    cloud_provider: String,
    cloud_cci_version: String,
    kind: UgroupKind,
    tags_supported: bool,
    base: Vec<Attr>,
    cloud: Vec<Attr>,
    values: BTreeMap<String, Value>,
    tags: Vec<(String, String)>,
    /// The attributes the flavor set (instance type, sizes…).
    flavor_keys: Vec<String>,
    /// The VC Controller's own address as the nodes see it (vcc.private_ip, else vcc.host when
    /// it is an address): no node may have it.
    vcc_address: Option<(Ipv4Addr, &'static str)>,
}

/// `AUTHORIZED_KEYS`' base64 as the keys it holds, `type base64` each (comments dropped), or the
/// text as it is when it does not decode.
fn authorized_keys_text(b64: &str) -> String {
    use base64::Engine as _;
    match base64::engine::general_purpose::STANDARD.decode(b64.trim()) {
        Ok(bytes) => String::from_utf8_lossy(&bytes)
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
            .map(|l| l.split_whitespace().take(2).collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join(", "),
        Err(_) => b64.to_string(),
    }
}

/// One attribute where a unit on the VCC differs from the spec it would be built from now.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Drift {
    /// The spec attribute (`instance_type`, `volume_size`, `image`, `cloud_provider`…).
    pub attribute: String,
    /// What it is: `flavor`, `root_disk`, `disk_size`, `image`, `provider` or `ssh_key`.
    pub what: &'static str,
    /// The value in the unit's CCI on the VCC.
    pub on_vcc: String,
    /// The value of this spec.
    pub requested: String,
}

impl Spec {
    /// Build the spec of `provider`/`flavor` from the configuration (flavor values, credentials,
    /// private_network, spec_options).
    pub fn new(config: &Config, provider: &str, flavor: &str) -> Result<Spec> {
        let fl = config.flavor(provider, flavor)?;
        let (cloud_provider, ver, kind, tags_supported, cloud) = match known_table(provider) {
            Some((cp, v, k, t, attrs)) => (cp.to_string(), v, k, t, attrs),
            None => {
                let kind = if provider.ends_with("_disk") {
                    UgroupKind::Storage
                } else {
                    UgroupKind::Compute
                };
                let cp = provider.trim_end_matches("_disk").to_string();
                let mut attrs: Vec<Attr> =
                    fl.0.iter()
                        .map(|(k, v)| a(k, k, if v.is_number() { Ty::Size } else { Ty::Str }))
                        .collect();
                if let Some(Value::Object(block)) = config.providers.get(&cp) {
                    for k in block.keys().filter(|k| *k != "private_network") {
                        if !attrs.iter().any(|x| &x.name == k) {
                            attrs.push(a(k, k, Ty::Str));
                        }
                    }
                }
                attrs.push(a("cloud_image", "cloud_image", Ty::Str));
                if kind == UgroupKind::Compute {
                    attrs.push(a("ip_addresses", "ip_address_list", Ty::Ips));
                    if provider == "vmware" || provider == "proxmox" {
                        attrs.push(a("mac_addresses", "mac_address_list", Ty::List));
                    }
                }
                (cp, "1.0", kind, false, attrs)
            }
        };
        let base = match kind {
            UgroupKind::Compute => compute_base(),
            UgroupKind::Storage => storage_base(),
        };
        let mut s = Spec {
            provider: provider.into(),
            flavor: flavor.into(),
            cloud_provider: cloud_provider.clone(),
            cloud_cci_version: ver.into(),
            kind,
            tags_supported,
            base,
            cloud,
            values: BTreeMap::new(),
            tags: Vec::new(),
            flavor_keys: fl.0.iter().map(|(k, _)| k.clone()).collect(),
            vcc_address: vcc_address(config),
        };
        // defaults
        let pn = config
            .provider_value(&cloud_provider, "private_network")
            .cloned()
            .unwrap_or_else(|| json!("default"));
        s.values.insert("description".into(), json!(""));
        s.values.insert("private_network".into(), pn);
        s.values.insert("num_nodes".into(), json!(1));
        if kind == UgroupKind::Compute {
            s.values.insert("image".into(), json!(DEFAULT_IMAGE));
            s.values.insert("recovery_mode".into(), json!("none"));
            s.values.insert("params_v".into(), json!([]));
            s.values.insert("params_e".into(), json!([]));
            for (k, v) in &config.spec_options {
                let name = if k == "options" {
                    "dns_opt"
                } else {
                    k.as_str()
                };
                if s.base.iter().any(|x| x.name == name) {
                    s.values.insert(name.into(), v.clone());
                }
            }
        }
        for at in s.cloud.clone() {
            let v = match at.ty {
                Ty::List | Ty::Ips => json!([]),
                _ if at.name == "cloud_image" => json!("default"),
                _ => Value::Null,
            };
            s.values.insert(at.name.clone(), v);
        }
        for k in credential_keys(&cloud_provider) {
            let v = config
                .provider_value(&cloud_provider, k)
                .cloned()
                .unwrap_or_else(|| json!(format!("vault://cubbyhole/{cloud_provider}/{k}")));
            s.values.insert((*k).into(), v);
        }
        if let Some(Value::Object(block)) = config.providers.get(&cloud_provider) {
            for (k, v) in block {
                if s.cloud.iter().any(|x| &x.name == k)
                    && !credential_keys(&cloud_provider).contains(&k.as_str())
                {
                    s.values.insert(k.clone(), v.clone());
                }
            }
        }
        for (k, v) in &fl.0 {
            if s.cloud.iter().any(|x| &x.name == k) {
                s.values.insert(k.clone(), v.clone());
            }
        }
        Ok(s)
    }

    /// Provider (spec name, e.g. `aws_disk`).
    pub fn provider(&self) -> &str {
        &self.provider
    }
    /// Flavor name.
    pub fn flavor(&self) -> &str {
        &self.flavor
    }
    /// compute / storage.
    pub fn kind(&self) -> UgroupKind {
        self.kind
    }
    /// Every attribute a script may set, in CCI order (plus `root_disk_gb` where supported).
    pub fn attributes(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .base
            .iter()
            .chain(&self.cloud)
            .map(|x| x.name.clone())
            .collect();
        if root_disk_attr(&self.provider).is_some_and(|r| v.iter().any(|x| x == r)) {
            v.push("root_disk_gb".into());
        }
        v
    }
    fn attr(&self, name: &str) -> Result<&Attr> {
        self.base
            .iter()
            .chain(&self.cloud)
            .find(|x| x.name == name)
            .ok_or_else(|| VccError::UnknownAttribute {
                provider: self.provider.clone(),
                attr: name.into(),
                valid: self.attributes().join(", "),
            })
    }
    /// Current value of an attribute (`root_disk_gb` reads the provider's root size).
    pub fn get(&self, name: &str) -> Result<Value> {
        let name = self.resolve_alias(name);
        self.attr(&name)?;
        Ok(self.values.get(&name).cloned().unwrap_or(Value::Null))
    }

    fn resolve_alias(&self, name: &str) -> String {
        match name {
            "root_disk_gb" => root_disk_attr(&self.provider)
                .unwrap_or("root_disk_gb")
                .into(),
            "options" => "dns_opt".into(),
            n => n.into(),
        }
    }

    /// Set an attribute, checking its type. `ip_addresses` also sets `num_nodes` (except
    /// onpremises); `num_nodes` clears `ip_addresses`; `root_disk_gb` sets volume_size /
    /// disk_size_gb / boot_volume_size_in_gbs, or is ignored with a warning elsewhere.
    pub fn set(&mut self, name: &str, value: Value) -> Result<()> {
        if name == "root_disk_gb" && root_disk_attr(&self.provider).is_none() {
            tracing::warn!(
                "{}",
                crate::t!(
                    "vcc-spec-root-disk-ignored",
                    provider = self.provider.as_str()
                )
            );
            return Ok(());
        }
        let name = self.resolve_alias(name);
        let ty = self.attr(&name)?.ty;
        let value = check(&name, ty, value)?;
        self.check_limits(&name, &value)?;
        refuse_private_key(&name, &value)?;
        let onprem = self.provider == "onpremises";
        if name == "ip_addresses" && !onprem && self.kind == UgroupKind::Compute {
            let n = value.as_array().map_or(0, Vec::len);
            if n > 0 {
                self.values.insert("num_nodes".into(), json!(n));
            }
        }
        if name == "num_nodes" && !onprem && self.values.contains_key("ip_addresses") {
            self.values.insert("ip_addresses".into(), json!([]));
        }
        self.values.insert(name, value);
        Ok(())
    }

    /// `disks` from storage nodes: each becomes `vcp:{vcid}:{unit}:{disk_id}`.
    /// The sizes the cloud allows for size attribute `name` of this spec, in GB, with what the
    /// size is of: `(min, max, what)`. `None`: no known limit.
    fn size_limits(&self, name: &str) -> Option<(i64, i64, String)> {
        let text = |k: &str| {
            self.values
                .get(k)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string()
        };
        let ebs = |t: String, what: &str| {
            let (min, max) = match t.as_str() {
                "standard" => (1, 1024),
                "gp2" | "gp3" => (1, 16384),
                "io1" => (4, 16384),
                "io2" => (4, 65536),
                "st1" | "sc1" => (125, 16384),
                _ => (1, 65536),
            };
            let what = if t.is_empty() {
                crate::t!("vcc-spec-ebs", what = what)
            } else {
                crate::t!("vcc-spec-ebs-of-type", what = what, kind = t)
            };
            Some((min, max, what))
        };
        match (self.provider.as_str(), name) {
            ("aws" | "aws_spot", "volume_size") => {
                ebs(text("volume_type"), &crate::t!("vcc-spec-root-volume"))
            }
            ("aws_disk", "size") => ebs(text("type"), &crate::t!("vcc-spec-vc-disk")),
            ("azure", "disk_size_gb") => Some((1, 4095, crate::t!("vcc-spec-os-disk"))),
            ("azure_disk", "disk_size_gb") => {
                let ultra = ["UltraSSD_LRS", "PremiumV2_LRS"]
                    .contains(&text("storage_account_type").as_str());
                Some((
                    1,
                    if ultra { 65536 } else { 32767 },
                    crate::t!("vcc-spec-managed-disk"),
                ))
            }
            ("oracle", "boot_volume_size_in_gbs") => {
                Some((50, 32768, crate::t!("vcc-spec-boot-volume")))
            }
            ("oracle_disk", "size_in_gbs") => Some((50, 32768, crate::t!("vcc-spec-block-volume"))),
            _ => None,
        }
    }

    /// The limits of the cloud behind the VCC on a checked value of attribute `name`: sizes the
    /// provider allows, and no node at the VC Controller's own address.
    fn check_limits(&self, name: &str, value: &Value) -> Result<()> {
        if let (Some(n), Some((min, max, what))) = (value.as_i64(), self.size_limits(name)) {
            let root = root_disk_attr(&self.provider) == Some(name);
            let shown = if root {
                format!("{name} (root_disk_gb)")
            } else {
                name.to_string()
            };
            if n < min || n > max {
                let key = if n < min {
                    "vcc-spec-size-too-small"
                } else {
                    "vcc-spec-size-too-large"
                };
                return Err(VccError::invalid(
                    crate::t!(
                        key,
                        attr = shown,
                        size = n,
                        provider = self.provider.as_str(),
                        what = what
                    ),
                    crate::t!("vcc-spec-size-help", min = min, max = max),
                ));
            }
        }
        if let (Some((vcc, from)), Some(ips)) = (self.vcc_address, value.as_array())
            && name == "ip_addresses"
            && let Some(ip) = ips
                .iter()
                .filter_map(Value::as_str)
                .find(|ip| ip.parse::<Ipv4Addr>().ok() == Some(vcc))
        {
            return Err(VccError::invalid(
                crate::t!("vcc-spec-vcc-address", address = ip, from = from),
                crate::t!("vcc-spec-vcc-address-help"),
            ));
        }
        Ok(())
    }

    pub fn set_disks(&mut self, nodes: &[VcNode]) -> Result<()> {
        if let Some(n) = nodes.iter().find(|n| n.kind != UgroupKind::Storage) {
            return Err(VccError::invalid(
                crate::t!(
                    "vcc-spec-disks-compute",
                    no = n.no,
                    unit = n.unit_name.as_str()
                ),
                crate::t!("vcc-spec-disks-compute-help"),
            ));
        }
        let refs: Vec<Value> = nodes.iter().map(|n| json!(n.disk_ref())).collect();
        self.set("disks", Value::Array(refs))
    }

    /// Append `AUTHORIZED_KEYS=<base64 of the file>` to `params_e` (`~/` expanded). The file
    /// must hold OpenSSH public keys only: a private key is refused, never encoded.
    pub fn set_ssh_pubkey(&mut self, path: &str) -> Result<()> {
        self.attr("params_e")?;
        let p = std::path::PathBuf::from(crate::files::expand_home(path));
        let text = crate::ssh::keyfile::read_public(&p).map_err(|e| {
            use miette::Diagnostic as _;
            let help = e.help().map(|h| h.to_string()).unwrap_or_default();
            VccError::invalid(format!("set_ssh_pubkey: {e}"), help)
        })?;
        use base64::Engine as _;
        let b = base64::engine::general_purpose::STANDARD.encode(text);
        if let Some(Value::Array(e)) = self.values.get_mut("params_e") {
            e.push(json!(format!("AUTHORIZED_KEYS={b}")));
        }
        Ok(())
    }

    /// Add a cloud tag (aws, aws_disk, azure, azure_disk).
    pub fn set_tag(&mut self, key: &str, value: &str) -> Result<()> {
        if !self.tags_supported {
            return Err(VccError::invalid(
                crate::t!("vcc-spec-no-tags", provider = self.provider.as_str()),
                crate::t!("vcc-spec-no-tags-help"),
            ));
        }
        self.tags.retain(|(k, _)| k != key);
        self.tags.push((key.into(), value.into()));
        Ok(())
    }

    /// What differs between a unit's CCI on the VCC (`existing`: the unit's `info`) and this spec,
    /// for the attributes that cannot change in place: provider, image, the flavor's attributes
    /// (instance type…), the root disk size, a storage unit's disk size and the public key the
    /// nodes accept (`AUTHORIZED_KEYS`, compared by key, comments aside). Attributes in
    /// `ignore` and those the existing CCI does not state are skipped.
    pub fn drift(
        &self,
        existing: &str,
        ignore: &[String],
    ) -> std::result::Result<Vec<Drift>, String> {
        let d = crate::vcc::cci::decode(existing)
            .or_else(|_| crate::vcc::cci::decode_b64(existing))
            .map_err(|e| crate::t!("vcc-spec-cci-unreadable", problem = e))?;
        let norm = |v: &Value| plain(v).trim().trim_matches(['\'', '"']).to_string();
        let mut out = Vec::new();
        let mut cmp =
            |attribute: &str, what: &'static str, have: Option<&Value>, want: Option<&Value>| {
                if ignore.iter().any(|i| i == attribute) {
                    return;
                }
                let (Some(have), Some(want)) = (have, want) else {
                    return;
                };
                if have.is_null() || want.is_null() {
                    return;
                }
                let (h, w) = (norm(have), norm(want));
                if h != w {
                    out.push(Drift {
                        attribute: attribute.to_string(),
                        what,
                        on_vcc: h,
                        requested: w,
                    });
                }
            };
        cmp(
            "cloud_provider",
            "provider",
            d.fields.get("cloud_provider"),
            Some(&json!(self.cloud_provider)),
        );
        if self.kind == UgroupKind::Compute {
            cmp(
                "image",
                "image",
                d.fields.get("image"),
                self.values.get("image"),
            );
            // the key the nodes accept: AUTHORIZED_KEYS=<base64 of the public key file>
            let keys = |e: Option<&Value>| -> Option<Value> {
                let v = e?.as_array()?.iter().find_map(|x| {
                    x.as_str()?
                        .strip_prefix("AUTHORIZED_KEYS=")
                        .map(str::to_string)
                })?;
                Some(json!(authorized_keys_text(&v)))
            };
            let have = keys(d.fields.get("params").and_then(|p| p.get("e")));
            let want = keys(self.values.get("params_e"));
            cmp("AUTHORIZED_KEYS", "ssh_key", have.as_ref(), want.as_ref());
        }
        let root = root_disk_attr(&self.provider);
        for at in &self.cloud {
            let what = if Some(at.name.as_str()) == root {
                "root_disk"
            } else if self.kind == UgroupKind::Storage && at.ty == Ty::Size {
                "disk_size"
            } else if self.flavor_keys.contains(&at.name) {
                "flavor"
            } else {
                continue;
            };
            cmp(
                &at.name,
                what,
                d.cloud_param(&at.key),
                self.values.get(&at.name),
            );
        }
        Ok(out)
    }

    /// Checks the SDK (or the VCC) would make, before any request. A spec whose CCI would
    /// carry private key material is refused, whatever put it there.
    pub fn validate(&self) -> Result<()> {
        if crate::ssh::keyfile::holds_private_key(&self.cci("unit")) {
            return Err(private_key_error(&crate::t!("vcc-spec-the-spec")));
        }
        let n = self
            .values
            .get("num_nodes")
            .and_then(Value::as_i64)
            .unwrap_or(0);
        if n < 1 {
            return Err(VccError::invalid(
                crate::t!("vcc-spec-num-nodes", count = n),
                crate::t!("vcc-spec-num-nodes-help"),
            ));
        }
        for at in self.base.iter().chain(&self.cloud) {
            if let Some(v) = self.values.get(&at.name).filter(|v| !v.is_null()) {
                check(&at.name, at.ty, v.clone())?;
                self.check_limits(&at.name, v)?;
            }
        }
        if self.provider == "onpremises"
            && self
                .values
                .get("ip_addresses")
                .and_then(Value::as_array)
                .is_none_or(|a| a.is_empty())
        {
            return Err(VccError::invalid(
                crate::t!("vcc-spec-onpremises"),
                crate::t!("vcc-spec-onpremises-help"),
            ));
        }
        Ok(())
    }

    /// The unit CCI text for `unit_name`.
    pub fn cci(&self, unit_name: &str) -> String {
        let v = |k: &str| self.values.get(k).cloned().unwrap_or(Value::Null);
        let mut out = String::from("- unit:\n");
        let mut line = |indent: usize, k: &str, val: String| {
            let l = format!("{}{k}: {val}", " ".repeat(indent));
            out.push_str(l.trim_end());
            out.push('\n');
        };
        line(4, "cci_version", format!("\"{UNIT_CCI_VERSION}\""));
        line(4, "name", unit_name.into());
        line(4, "description", plain(&v("description")));
        line(4, "private_network", plain(&v("private_network")));
        match self.kind {
            UgroupKind::Compute => {
                line(4, "num_nodes", plain(&v("num_nodes")));
                line(4, "image", plain(&v("image")));
                line(4, "recovery_mode", plain(&v("recovery_mode")));
                let mut opt = Vec::new();
                for k in DOCKER_OPT {
                    let name = if *k == "options" { "dns_opt" } else { k };
                    if let Some(x) = self.values.get(name).filter(|x| !x.is_null()) {
                        opt.push(((*k).to_string(), x.clone()));
                    }
                }
                line(4, "docker_opt", py_dict(&opt));
                let params = [
                    ("v".to_string(), v("params_v")),
                    ("e".to_string(), v("params_e")),
                ];
                line(4, "params", py_dict(&params));
                if let Some(u) = self
                    .values
                    .get("user_init_command")
                    .filter(|x| !x.is_null())
                {
                    line(4, "user_init_command", py_repr(u));
                }
            }
            UgroupKind::Storage => line(4, "num_disks", plain(&v("num_nodes"))),
        }
        line(4, "cloud_provider", self.cloud_provider.clone());
        out.push_str("    cloud_params:\n");
        let mut line8 = |k: &str, val: String| {
            let l = format!("        {k}: {val}");
            out.push_str(l.trim_end());
            out.push('\n');
        };
        line8("cci_version", format!("\"{}\"", self.cloud_cci_version));
        for at in &self.cloud {
            line8(&at.key, plain(&v(&at.name)));
        }
        if self.tags_supported && !self.tags.is_empty() {
            let m: serde_json::Map<String, Value> = self
                .tags
                .iter()
                .map(|(k, v)| (k.clone(), json!(v)))
                .collect();
            line8("tags", py_repr(&Value::Object(m)));
        }
        out
    }
}

impl std::fmt::Display for Spec {
    /// Like the SDK's `print(spec)`: provider, then every attribute.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "=====\n{}\n-----", self.provider)?;
        for at in self.base.iter().chain(&self.cloud) {
            let v = self.values.get(&at.name).cloned().unwrap_or(Value::Null);
            writeln!(f, "{}: {}", at.name, crate::redact::redact(&plain(&v)))?;
        }
        if !self.tags.is_empty() {
            writeln!(f, "tags: {:?}", self.tags)?;
        }
        Ok(())
    }
}

fn private_key_error(what: &str) -> VccError {
    VccError::invalid(
        crate::t!("vcc-spec-private-key", what = what),
        crate::t!("vcc-spec-private-key-help"),
    )
}

/// Refuse a value that holds private key material (raw or base64-encoded), in any string.
fn refuse_private_key(name: &str, v: &Value) -> Result<()> {
    let bad = match v {
        Value::String(s) => crate::ssh::keyfile::holds_private_key(s),
        Value::Array(a) => a.iter().any(|x| refuse_private_key(name, x).is_err()),
        Value::Object(m) => m.values().any(|x| refuse_private_key(name, x).is_err()),
        _ => false,
    };
    if bad {
        return Err(private_key_error(&format!("spec.{name}")));
    }
    Ok(())
}

/// Check (and normalise) a value for an attribute of type `ty`.
fn check(name: &str, ty: Ty, v: Value) -> Result<Value> {
    let bad = |key: &str| {
        let what = crate::t!(key);
        VccError::invalid(
            crate::t!(
                "vcc-spec-expected",
                attr = name,
                what = what.as_str(),
                got = v.to_string()
            ),
            crate::t!("vcc-spec-expected-help", attr = name, what = what),
        )
    };
    match ty {
        Ty::Str => match &v {
            Value::String(_) | Value::Null | Value::Number(_) | Value::Bool(_) => Ok(v),
            _ => Err(bad("vcc-spec-a-string")),
        },
        Ty::Size => {
            let n = match &v {
                Value::Number(n) => n.as_i64(),
                Value::String(s) => s.trim().parse().ok(),
                _ => None,
            };
            match n {
                Some(n) if n >= 1 => Ok(json!(n)),
                _ => Err(bad("vcc-spec-a-positive-integer")),
            }
        }
        Ty::List | Ty::Ips => {
            let Value::Array(items) = &v else {
                return Err(bad("vcc-spec-a-list-of-strings"));
            };
            for it in items {
                let Some(s) = it.as_str() else {
                    return Err(bad("vcc-spec-a-list-of-strings"));
                };
                if ty == Ty::Ips && s.parse::<Ipv4Addr>().is_err() {
                    return Err(VccError::invalid(
                        crate::t!("vcc-spec-not-ipv4", attr = name, address = s),
                        crate::t!("vcc-spec-not-ipv4-help"),
                    ));
                }
            }
            Ok(v)
        }
        Ty::StrOrList => match &v {
            Value::String(_) | Value::Null => Ok(v),
            Value::Array(a) if a.iter().all(Value::is_string) => Ok(v),
            _ => Err(bad("vcc-spec-a-string-or-list")),
        },
    }
}

/// The VC Controller's address as its nodes see it: `vcc.private_ip`, else `vcc.host` when it
/// is an IPv4 address (the SDK's default for private_ip), with the key it came from.
fn vcc_address(config: &Config) -> Option<(Ipv4Addr, &'static str)> {
    let parse = |v: &Option<String>| v.as_deref().and_then(|s| s.trim().parse::<Ipv4Addr>().ok());
    match config.vcc.private_ip {
        Some(_) => parse(&config.vcc.private_ip).map(|a| (a, "vcc.private_ip")),
        None => parse(&config.vcc.host).map(|a| (a, "vcc.host")),
    }
}

/// Is `name` a valid unit name (`[A-Za-z0-9_-]+`)?
pub fn valid_unit_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(p: &str, f: &str) -> Spec {
        Spec::new(&Config::built_in(), p, f).unwrap()
    }

    #[test]
    fn sizes_beyond_what_the_provider_allows_are_refused() {
        let err = |p: &str, f: &str, k: &str, v: i64| {
            spec(p, f)
                .set(k, json!(v))
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default()
        };
        assert!(
            err("aws", "small", "root_disk_gb", 100_000)
                .contains("more than aws allows for a root volume of type gp2")
        );
        assert!(err("aws", "small", "root_disk_gb", 16_384).is_empty());
        assert!(err("aws_spot", "small", "volume_size", 2000).contains("type standard"));
        assert!(err("aws_disk", "small", "size", 1025).contains("VC disk of type standard"));
        assert!(err("azure", "small", "root_disk_gb", 4096).contains("root (OS) disk"));
        assert!(err("azure_disk", "small", "disk_size_gb", 32_768).contains("managed data disk"));
        assert!(
            err("oracle", "small", "boot_volume_size_in_gbs", 20)
                .contains("less than oracle allows")
        );
        // a type changed after the size: validate() still sees it
        let mut s = spec("aws_disk", "small");
        s.set("type", json!("gp3")).unwrap();
        s.set("size", json!(2000)).unwrap();
        s.set("type", json!("standard")).unwrap();
        assert!(
            s.validate()
                .unwrap_err()
                .to_string()
                .contains("type standard")
        );
    }

    #[test]
    fn no_node_at_the_vcc_s_own_address() {
        let mut c = Config::built_in();
        c.apply_config_yaml("vcc:\n  host: vcc.example.org\n  private_ip: 172.30.2.10\n")
            .unwrap();
        let mut s = Spec::new(&c, "aws", "small").unwrap();
        let e = s
            .set("ip_addresses", json!(["172.30.2.100", "172.30.2.10"]))
            .unwrap_err();
        assert!(
            e.to_string()
                .contains("172.30.2.10 is the VC Controller's own address (vcc.private_ip"),
            "{e}"
        );
        s.set("ip_addresses", json!(["172.30.2.100"])).unwrap();
        // without private_ip, an address in vcc.host is the VCC's address (the SDK's default)
        c.apply_config_yaml("vcc:\n  host: 172.30.2.9\n").unwrap();
        let mut s = Spec::new(&c, "azure", "small").unwrap();
        assert!(
            s.set("ip_addresses", json!(["172.30.2.9"]))
                .unwrap_err()
                .to_string()
                .contains("(vcc.host")
        );
    }

    #[test]
    fn tables_per_provider_are_exact() {
        let names = |p: &str, f: &str| {
            spec(p, f)
                .cloud
                .iter()
                .map(|a| a.key.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names("aws", "small"),
            [
                "instance_type",
                "volume_size",
                "volume_type",
                "cloud_image",
                "ip_address_list",
                "access_key",
                "volume_id",
                "secret_key"
            ]
        );
        assert_eq!(
            names("aws_disk", "small"),
            ["size", "type", "cloud_image", "access_key", "secret_key"]
        );
        assert_eq!(
            names("azure", "small"),
            [
                "vm_size",
                "disk_size_gb",
                "managed_disk_type",
                "cloud_image",
                "subscription_id",
                "client_id",
                "client_secret",
                "tenant_id",
                "ip_address_list",
                "ext_managed_disk"
            ]
        );
        assert_eq!(
            names("azure_disk", "small"),
            [
                "disk_size_gb",
                "storage_account_type",
                "cloud_image",
                "subscription_id",
                "client_id",
                "tenant_id",
                "client_secret"
            ]
        );
        assert_eq!(
            names("onpremises", "default"),
            ["user_name", "ip_address_list", "network_if"]
        );
        assert_eq!(spec("aws_disk", "small").kind(), UgroupKind::Storage);
    }

    #[test]
    fn unknown_attribute_lists_valid_ones() {
        let mut s = spec("azure", "small");
        let e = s.set("volume_size", json!(10)).unwrap_err();
        assert_eq!(
            e.to_string(),
            "spec resource has no attributes!!  [volume_size]"
        );
        let VccError::UnknownAttribute { valid, .. } = e else {
            panic!()
        };
        assert!(valid.contains("disk_size_gb") && valid.contains("root_disk_gb"));
    }

    #[test]
    fn root_disk_and_ip_rules() {
        let mut s = spec("aws", "small");
        s.set("root_disk_gb", json!(32)).unwrap();
        assert_eq!(s.get("volume_size").unwrap(), json!(32));
        let mut z = spec("azure", "small");
        z.set("root_disk_gb", json!(64)).unwrap();
        assert_eq!(z.get("disk_size_gb").unwrap(), json!(64));
        s.set("ip_addresses", json!(["172.30.2.10", "172.30.2.11"]))
            .unwrap();
        assert_eq!(s.get("num_nodes").unwrap(), json!(2));
        s.set("num_nodes", json!(3)).unwrap();
        assert_eq!(s.get("ip_addresses").unwrap(), json!([]));
        assert!(s.set("ip_addresses", json!(["300.1.1.1"])).is_err());
        assert!(s.set("volume_size", json!(0)).is_err());
        let mut o = spec("onpremises", "default");
        o.set("ip_addresses", json!(["10.0.0.1", "10.0.0.2"]))
            .unwrap();
        assert_eq!(o.get("num_nodes").unwrap(), json!(1));
        o.set("root_disk_gb", json!(16)).unwrap(); // ignored with a warning
        assert!(spec("onpremises", "default").validate().is_err());
    }

    #[test]
    fn generic_provider_from_flavor_keys() {
        let mut s = spec("gcp", "small");
        assert!(s.attributes().contains(&"machine_type".to_string()));
        assert!(s.set("vm_size", json!("x")).is_err());
        s.set("disk_size_gb", json!(50)).unwrap();
        assert!(s.cci("u").contains("        disk_size_gb: 50\n"));
        assert_eq!(spec("oracle_disk", "small").kind(), UgroupKind::Storage);
    }

    #[test]
    fn aws_cci_matches_the_reference_example() {
        let mut s = spec("aws", "small");
        s.set("name_unused_check", json!(1)).unwrap_err();
        s.set("params_e", json!(["AUTHORIZED_KEYS=c3NoLXJzYSBB...Cg=="]))
            .unwrap();
        s.set_tag("key1", "value1").unwrap();
        let want = "- unit:
    cci_version: \"1.1\"
    name: web
    description:
    private_network: default
    num_nodes: 1
    image: vcp/base:1.6.2
    recovery_mode: none
    docker_opt: {}
    params: {'v': [], 'e': ['AUTHORIZED_KEYS=c3NoLXJzYSBB...Cg==']}
    cloud_provider: aws
    cloud_params:
        cci_version: \"1.2\"
        instance_type: m4.large
        volume_size: 16
        volume_type: gp2
        cloud_image: default
        ip_address_list: []
        access_key: vault://cubbyhole/aws/access_key
        volume_id: []
        secret_key: vault://cubbyhole/aws/secret_key
        tags: {'key1': 'value1'}
";
        assert_eq!(s.cci("web"), want);
    }

    #[test]
    fn disks_take_storage_nodes_only() {
        let mut s = spec("aws", "small");
        let disk = VcNode {
            vcid: "v1".into(),
            unit_name: "nfs".into(),
            kind: UgroupKind::Storage,
            id: "d1".into(),
            ..Default::default()
        };
        s.set_disks(std::slice::from_ref(&disk)).unwrap();
        assert!(s.cci("m").contains("volume_id: ['vcp:v1:nfs:d1']"));
        let comp = VcNode {
            kind: UgroupKind::Compute,
            ..disk
        };
        assert!(s.set_disks(&[comp]).is_err());
    }

    #[test]
    fn ssh_pubkey_is_base64_of_the_file() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("k.pub");
        std::fs::write(
            &p,
            "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICjIls9r17nhUxOqDTre9QRitOQvAMKzfafU1KBSXMdX me\n",
        )
        .unwrap();
        let mut s = spec("aws", "small");
        s.set_ssh_pubkey(p.to_str().unwrap()).unwrap();
        assert_eq!(
            s.get("params_e").unwrap(),
            json!([
                "AUTHORIZED_KEYS=c3NoLWVkMjU1MTkgQUFBQUMzTnphQzFsWkRJMU5URTVBQUFBSUNqSWxzOXIxN25oVXhPcURUcmU5UVJpdE9RdkFNS3pmYWZVMUtCU1hNZFggbWUK"
            ])
        );
    }

    #[test]
    fn private_key_material_is_refused_everywhere() {
        let d = tempfile::tempdir().unwrap();
        let k = d.path().join("k");
        let pem = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ==\n-----END OPENSSH PRIVATE KEY-----\n";
        std::fs::write(&k, pem).unwrap();
        let mut s = spec("aws", "small");
        let e = s
            .set_ssh_pubkey(k.to_str().unwrap())
            .unwrap_err()
            .to_string();
        assert!(e.contains("PRIVATE key"), "{e}");
        use base64::Engine as _;
        let b = base64::engine::general_purpose::STANDARD.encode(pem);
        let e = s
            .set("params_e", json!([format!("AUTHORIZED_KEYS={b}")]))
            .unwrap_err()
            .to_string();
        assert!(e.contains("private key material"), "{e}");
        assert!(s.set("user_init_command", json!(pem)).is_err());
        assert_eq!(s.get("params_e").unwrap(), json!([]));
        s.validate().unwrap();
    }

    #[test]
    fn drift_names_what_cannot_change_in_place() {
        let mut built = spec("aws", "small");
        built.set("root_disk_gb", json!(16)).unwrap();
        built.set("image", json!("img:manager")).unwrap();
        let info = built.cci("manager");
        assert_eq!(built.drift(&info, &[]).unwrap(), vec![]);
        let mut want = spec("aws", "medium");
        want.set("root_disk_gb", json!(40)).unwrap();
        want.set("image", json!("img:other")).unwrap();
        let d = want.drift(&info, &["image".to_string()]).unwrap();
        let whats: Vec<&str> = d.iter().map(|x| x.what).collect();
        assert!(
            whats.contains(&"flavor") && whats.contains(&"root_disk"),
            "{d:?}"
        );
        assert!(!whats.contains(&"image"), "{d:?}");
        let disk = d.iter().find(|x| x.what == "root_disk").unwrap();
        assert_eq!(
            (disk.on_vcc.as_str(), disk.requested.as_str()),
            ("16", "40")
        );
        assert!(
            want.drift(&info, &[])
                .unwrap()
                .iter()
                .any(|x| x.what == "image")
        );
        // another public key than the one the nodes accept
        let k = |key: &str, comment: &str| {
            use base64::Engine as _;
            json!([format!(
                "AUTHORIZED_KEYS={}",
                base64::engine::general_purpose::STANDARD
                    .encode(format!("ssh-ed25519 {key} {comment}\n"))
            )])
        };
        let mut a = spec("aws", "small");
        a.set("params_e", k("AAAAKEYONE", "me@a")).unwrap();
        let mut same = spec("aws", "small");
        same.set("params_e", k("AAAAKEYONE", "other comment"))
            .unwrap();
        assert_eq!(same.drift(&a.cci("m"), &[]).unwrap(), vec![]);
        let mut b = spec("aws", "small");
        b.set("params_e", k("AAAAKEYTWO", "me@a")).unwrap();
        let d = b.drift(&a.cci("m"), &[]).unwrap();
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            (d[0].what, d[0].on_vcc.as_str()),
            ("ssh_key", "ssh-ed25519 AAAAKEYONE")
        );
        // a storage unit's size
        let mut d16 = spec("aws_disk", "small");
        d16.set("size", json!(16)).unwrap();
        let mut d32 = d16.clone();
        d32.set("size", json!(32)).unwrap();
        let d = d32.drift(&d16.cci("nfs"), &[]).unwrap();
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].what, "disk_size");
    }

    #[test]
    fn unit_names() {
        assert!(valid_unit_name("worker-1_a"));
        assert!(!valid_unit_name("bad name"));
        assert!(!valid_unit_name(""));
    }
}
