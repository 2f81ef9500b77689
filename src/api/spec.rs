//! Bindings: the `Spec` type (core in `crate::vcc::spec`). Attributes are read and set as
//! properties: `spec.image = "…"; spec.params_e += ["NFS_SERVER=…"]; spec.root_disk_gb = 32;`.
use crate::api::vcc::{nodes_from, vcc_err};
use crate::api::{doc, from_json, to_json};
use crate::vcc::Spec;
use rhai::{Array, Dynamic, Engine, EvalAltResult, ImmutableString};

type Res<T> = Result<T, Box<EvalAltResult>>;

fn set(spec: &mut Spec, name: &str, value: Dynamic) -> Res<()> {
    if name == "disks"
        && let Some(a) = value.read_lock::<Array>()
        && a.iter().any(|v| v.is_map())
    {
        let nodes = nodes_from(&a)?;
        return spec.set_disks(&nodes).map_err(vcc_err);
    }
    spec.set(name, to_json(&value)?).map_err(vcc_err)
}

pub fn register(engine: &mut Engine) {
    engine.register_type_with_name::<Spec>("Spec");
    for f in ["to_string", "to_debug"] {
        doc(
            f,
            &["spec: &mut Spec", "String"],
            "The spec as the SDK prints it.",
        )
        .register_into_engine(engine, |s: &mut Spec| s.to_string());
    }
    // `spec.image` / `spec["image"]`: Rhai falls back to the indexer for properties
    doc(
        "index$get$",
        &["spec: &mut Spec", "name: String", "Dynamic"],
        "`spec.NAME` / `spec[\"NAME\"]`: an attribute's value (see attributes()).",
    )
    .register_into_engine(
        engine,
        |s: &mut Spec, name: ImmutableString| -> Res<Dynamic> {
            Ok(from_json(&s.get(&name).map_err(vcc_err)?))
        },
    );
    doc(
        "index$set$",
        &["spec: &mut Spec", "name: String", "value: Dynamic", "()"],
        "`spec.NAME = value`: set an attribute; one the provider lacks is an error listing the valid\n\
         ones. `root_disk_gb` sets the provider's root disk size; `ip_addresses` also sets num_nodes;\n\
         `disks` takes the nodes of a storage unit (`ug_disk.find_nodes()`).",
    )
    .register_into_engine(engine, |s: &mut Spec, name: ImmutableString, v: Dynamic| set(s, &name, v));
    doc(
        "get$provider",
        &["spec: &mut Spec", "String"],
        "The provider (e.g. aws, aws_disk).",
    )
    .register_into_engine(engine, |s: &mut Spec| s.provider().to_string());
    doc(
        "get$flavor",
        &["spec: &mut Spec", "String"],
        "The flavor name.",
    )
    .register_into_engine(engine, |s: &mut Spec| s.flavor().to_string());
    doc(
        "get$kind",
        &["spec: &mut Spec", "String"],
        "\"compute\" or \"storage\".",
    )
    .register_into_engine(engine, |s: &mut Spec| s.kind().as_str().to_string());
    doc(
        "attributes",
        &["spec: &mut Spec", "Array"],
        "Every attribute this provider's spec has (what `spec.NAME = …` accepts).",
    )
    .register_into_engine(engine, |s: &mut Spec| -> Array {
        s.attributes().into_iter().map(Dynamic::from).collect()
    });
    doc(
        "set_ssh_pubkey",
        &["spec: &mut Spec", "path: String", "()"],
        "Add `AUTHORIZED_KEYS=<base64 of the public key file>` to params_e, so the node's `vcp` user\n\
         accepts that key (`~` expanded).",
    )
    .register_into_engine(engine, |s: &mut Spec, p: ImmutableString| -> Res<()> {
        s.set_ssh_pubkey(&p).map_err(vcc_err)
    });
    doc(
        "set_tag",
        &["spec: &mut Spec", "key: String", "value: String", "()"],
        "Add a cloud tag (aws, azure and their disks).",
    )
    .register_into_engine(
        engine,
        |s: &mut Spec, k: ImmutableString, v: ImmutableString| -> Res<()> {
            s.set_tag(&k, &v).map_err(vcc_err)
        },
    );
    doc(
        "validate",
        &["spec: &mut Spec", "()"],
        "The checks made before any request (sizes, addresses, node counts); an error says what to fix.",
    )
    .register_into_engine(engine, |s: &mut Spec| -> Res<()> { s.validate().map_err(vcc_err) });
    doc(
        "cci",
        &["spec: &mut Spec", "unit_name: String", "String"],
        "The unit CCI document this spec sends for a unit of that name (for review).",
    )
    .register_into_engine(engine, |s: &mut Spec, n: ImmutableString| s.cci(&n));
}
