//! Bindings: the `Spec` type (core in `crate::vcc::spec`). Attributes are read and set as
//! properties: `spec.image = "…"; spec.params_e += ["NFS_SERVER=…"]; spec.root_disk_gb = 32;`.
use rhai::plugin::*;

pub fn register(engine: &mut Engine) {
    engine.register_type_with_name::<crate::vcc::Spec>("Spec");
    engine.register_global_module(exported_module!(spec_api).into());
}

#[export_module]
mod spec_api {
    use crate::api::Res;
    use crate::api::vcc::{nodes_from, vcc_err};
    use crate::api::{from_json, to_json};
    use rhai::Array;

    pub type Spec = crate::vcc::Spec;

    /// The spec as the SDK prints it.
    #[rhai_fn(global, name = "to_string", name = "to_debug", pure)]
    pub fn to_string(spec: &mut Spec) -> String {
        spec.to_string()
    }

    /// `spec.NAME` / `spec["NAME"]`: an attribute's value (see attributes()).
    #[rhai_fn(global, index_get, pure, return_raw)]
    pub fn get(spec: &mut Spec, name: &str) -> Res<Dynamic> {
        Ok(from_json(&spec.get(name).map_err(vcc_err)?))
    }

    /// `spec.NAME = value`: set an attribute; one the provider lacks is an error listing the valid
    /// ones. `root_disk_gb` sets the provider's root disk size; `ip_addresses` also sets num_nodes;
    /// `disks` takes the nodes of a storage unit (`ug_disk.find_nodes()`).
    #[rhai_fn(global, index_set, return_raw)]
    pub fn set(spec: &mut Spec, name: &str, value: Dynamic) -> Res<()> {
        if name == "disks"
            && let Some(a) = value.read_lock::<Array>()
            && a.iter().any(|v| v.is_map())
        {
            let nodes = nodes_from(&a)?;
            return spec.set_disks(&nodes).map_err(vcc_err);
        }
        spec.set(name, to_json(&value)?).map_err(vcc_err)
    }

    /// The provider (e.g. aws, aws_disk).
    #[rhai_fn(global, get = "provider", pure)]
    pub fn provider(spec: &mut Spec) -> String {
        spec.provider().to_string()
    }

    /// The flavor name.
    #[rhai_fn(global, get = "flavor", pure)]
    pub fn flavor(spec: &mut Spec) -> String {
        spec.flavor().to_string()
    }

    /// "compute" or "storage".
    #[rhai_fn(global, get = "kind", pure)]
    pub fn kind(spec: &mut Spec) -> String {
        spec.kind().as_str().to_string()
    }

    /// Every attribute this provider's spec has (what `spec.NAME = …` accepts).
    #[rhai_fn(global, pure)]
    pub fn attributes(spec: &mut Spec) -> Array {
        spec.attributes().into_iter().map(Dynamic::from).collect()
    }

    /// Add `AUTHORIZED_KEYS=<base64 of the public key file>` to params_e, so the node's `vcp` user
    /// accepts that key (`~` expanded).
    #[rhai_fn(global, return_raw)]
    pub fn set_ssh_pubkey(spec: &mut Spec, path: &str) -> Res<()> {
        spec.set_ssh_pubkey(path).map_err(vcc_err)
    }

    /// Add a cloud tag (aws, azure and their disks).
    #[rhai_fn(global, return_raw)]
    pub fn set_tag(spec: &mut Spec, key: &str, value: &str) -> Res<()> {
        spec.set_tag(key, value).map_err(vcc_err)
    }

    /// The checks made before any request (sizes, addresses, node counts); an error says what to fix.
    #[rhai_fn(global, pure, return_raw)]
    pub fn validate(spec: &mut Spec) -> Res<()> {
        spec.validate().map_err(vcc_err)
    }

    /// The unit CCI document this spec sends for a unit of that name (for review).
    #[rhai_fn(global, pure)]
    pub fn cci(spec: &mut Spec, unit_name: &str) -> String {
        spec.cci(unit_name)
    }
}
