//! The bad-input suite (issue 14): distinct bad inputs a new user could give — arguments,
//! parameters, key files, params files, environment, workdirs — each through the built binary
//! against the embedded simulator, asserting the exit code, a message naming the parameter or
//! file and the fix, and that nothing was created on the VCC (the simulator's state file) or
//! changed in the workdir (group_vars, inventory, keys…; the run journal aside). The cases run
//! in one test on a few threads; most fail before the VCC is touched.
use crate::safe_input::{SCRIPT, keygen, snapshot};
use crate::support::cwh;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// The workdir a case starts from.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Base {
    /// Nothing built yet (keys and the lab key pair present).
    Fresh,
    /// CoursewareHub built on the simulator: small, 16 GB, 2 nodes, 172.30.2.100, no disk.
    Built,
    /// As Built, with a 16 GB VC disk.
    BuiltDisk,
}

struct Case {
    name: String,
    base: Base,
    /// The sizing parameters the base run passes, minus these.
    omit: Vec<&'static str>,
    args: Vec<String>,
    env: Vec<(String, String)>,
    code: i32,
    /// Every one must appear on stderr (stdout for the drift table).
    want: Vec<String>,
    /// Another script than coursewarehub.rhai (then without the sizing parameters).
    script: Option<String>,
}

fn case(name: &str, base: Base, args: &[&str], code: i32, want: &[&str]) -> Case {
    Case {
        name: name.to_string(),
        base,
        omit: vec![],
        args: args.iter().map(|s| s.to_string()).collect(),
        env: vec![],
        code,
        want: want.iter().map(|s| s.to_string()).collect(),
        script: None,
    }
}

/// A case with files written into the workdir first (`(path, body)`).
fn with_files(mut c: Case, files: &[(&str, &str)]) -> Case {
    for (path, body) in files {
        c.env.push(("FILE".into(), format!("{path}\n{body}")));
    }
    c
}

/// A vcp_config.yml whose `vcc:` block is `vcc` (indented lines), for `--vcc-config cfg`.
fn config(vcc: &str) -> (&'static str, String) {
    ("cfg/vcp_config.yml", format!("vcc:\n{vcc}"))
}

/// `--set KV` on a fresh workdir.
fn set(kv: &str, code: i32, want: &[&str]) -> Case {
    case(
        &format!("--set {kv}"),
        Base::Fresh,
        &["--set", kv],
        code,
        want,
    )
}

const SIZING: [(&str, &str); 4] = [
    ("vc_flavor", "small"),
    ("vc_disk_size", "16"),
    ("vc_nodes", "2"),
    ("vc_ipaddress", "172.30.2.100"),
];

fn cases() -> Vec<Case> {
    use Base::*;
    let mut v = Vec::new();
    let never = "never asks for a parameter";
    // --- --set keys the script never asks for: refused before anything happens (exit 2)
    for (kv, hint) in [
        ("vc_node=5", "did you mean `vc_nodes`?"),
        ("vc_flavour=large", "did you mean `vc_flavor`?"),
        ("vc-nodes=3", "did you mean `vc_nodes`?"),
        ("vcnodes=3", "did you mean `vc_nodes`?"),
        ("unitgroup=X", "did you mean `unit_group`?"),
        ("vc_ip_address=172.30.2.100", "did you mean `vc_ipaddress`?"),
        ("vc_ipadress=172.30.2.100", "did you mean `vc_ipaddress`?"),
        ("vc_disksize=16", "did you mean `vc_disk_size`?"),
        ("known_host_file=kh", "did you mean `known_hosts_file`?"),
        ("vc_provder=aws", "did you mean `vc_provider`?"),
        ("vc_nfs_disk_sze=1", "did you mean `vc_nfs_disk_size`?"),
        (
            "ssh_public_key=k.pub",
            "did you mean `ssh_public_key_path`?",
        ),
        (
            "VC_NODES=3",
            "did you mean `vc_nodes`? (names are lower case)",
        ),
        (
            "Vc_Flavor=small",
            "did you mean `vc_flavor`? (names are lower case)",
        ),
        ("ssh_pubkey_path=k.pub", "cwh params"),
        ("nodes=3", "cwh params"),
        ("flavor=small", "cwh params"),
        ("foo=1", "cwh params"),
        ("add_nodes=2", "cwh params"),
    ] {
        let key = kv.split('=').next().unwrap();
        v.push(set(
            kv,
            2,
            &[&format!("--set {key}:"), never, hint, "Nothing was run"],
        ));
    }
    v.push(set(
        "vcc_access_token=s.secret",
        2,
        &[
            "`vcc_access_token` is a secret",
            "VCC_ACCESS_TOKEN",
            "--token-file",
        ],
    ));
    v.push(set(
        "ssh_key_passphrase=pw",
        2,
        &[
            "`ssh_key_passphrase` is a secret",
            "CWH_PARAM_SSH_KEY_PASSPHRASE",
        ],
    ));
    // --- --set syntax (exit 2)
    v.push(set(
        "vc_nodes",
        2,
        &["--set `vc_nodes`: expected KEY=VALUE", "--set vc_nodes=3"],
    ));
    v.push(set("=3", 2, &["--set `=3`: expected KEY=VALUE"]));
    v.push(set(
        "vc_nodes=[1,",
        2,
        &["--set vc_nodes:", "quote the value"],
    ));
    v.push(set(
        "vc_flavor={",
        2,
        &["--set vc_flavor:", "quote the value"],
    ));
    // --- params files (exit 2: nothing runs)
    for (file, body, want) in [
        ("bad1.yml", "vc_nodes: [1,\n", "is not valid YAML"),
        ("bad2.yml", "- a\n- b\n", "the top level is not a mapping"),
        (
            "bad3.yml",
            "vc_nodes: 2\nvc_nodes: 3\n",
            "delete one of them",
        ),
        (
            "bad4.yml",
            "just a sentence\n",
            "the top level is not a mapping",
        ),
        (
            "bad5.yml",
            "vc_nodes: 2\n  vc_flavor: small\n",
            "is not valid YAML",
        ),
        ("bad6.yml", "\t- tab: 1\n", "is not valid YAML"),
    ] {
        let mut c = case(
            &format!("--params {file}"),
            Fresh,
            &["--params", file],
            2,
            &[file, want],
        );
        c.env.push(("FILE".into(), format!("{file}\n{body}")));
        v.push(c);
    }
    v.push(case(
        "--params missing.yml",
        Fresh,
        &["--params", "missing.yml"],
        2,
        &["cannot read parameters file missing.yml"],
    ));
    v.push(case(
        "--params a directory",
        Fresh,
        &["--params", "keys"],
        2,
        &["cannot read parameters file keys"],
    ));
    {
        let mut c = case(
            "--params binary",
            Fresh,
            &["--params", "bin.yml"],
            2,
            &["bin.yml"],
        );
        c.env.push(("FILE".into(), "bin.yml\n\u{0}\u{1}".into()));
        v.push(c);
    }
    // --- params files with misspelled keys: a warning naming the key; the choice is missing
    for (typo, param) in [
        ("vc_flavour", "vc_flavor"),
        ("vc_disksize", "vc_disk_size"),
        ("vc_node", "vc_nodes"),
        ("vc_ip_address", "vc_ipaddress"),
    ] {
        let mut body = String::new();
        for (k, val) in SIZING {
            body.push_str(&format!("{}: {val}\n", if k == param { typo } else { k }));
        }
        let file = format!("typo-{param}.yml");
        let mut c = case(
            &format!("--params with {typo}"),
            Fresh,
            &["--params", &file],
            1,
            &[
                &format!("`{typo}` is not a parameter"),
                &format!("did you mean `{param}`?"),
                &format!("missing parameter `{param}`"),
            ],
        );
        c.omit = SIZING.iter().map(|(k, _)| *k).collect();
        c.env.push(("FILE".into(), format!("{file}\n{body}")));
        v.push(c);
    }
    // --- the notebook's explicit choices, not given (no terminal: an error saying how)
    for (k, _) in SIZING {
        let mut c = case(
            &format!("no {k}"),
            Fresh,
            &[],
            1,
            &[
                &format!("missing parameter `{k}`"),
                &format!("--set {k}=VALUE"),
            ],
        );
        c.omit = vec![k];
        v.push(c);
    }
    // --- values
    let flavor = |x: &str| format!("vc_flavor=\"{x}\"");
    for x in ["huge", "SMALL", "1", "small "] {
        v.push(set(
            &flavor(x),
            1,
            &[
                "parameter vc_flavor",
                "has no flavor",
                "known: [",
                "\"small\"",
            ],
        ));
    }
    for (x, w) in [
        ("8", "must be ≥ 16, got 8"),
        ("15", "must be ≥ 16, got 15"),
        ("-1", "must be ≥ 16, got -1"),
        ("abc", "expected an integer ≥ 16"),
        ("16.5", "expected an integer ≥ 16"),
        ("[16]", "expected an integer ≥ 16"),
        ("true", "expected an integer ≥ 16"),
        ("\"16\"", "expected an integer ≥ 16"),
    ] {
        v.push(set(
            &format!("vc_disk_size={x}"),
            1,
            &["parameter vc_disk_size", w],
        ));
    }
    for (x, w) in [
        ("0", "must be ≥ 1, got 0"),
        ("-3", "must be ≥ 1, got -3"),
        ("abc", "expected an integer ≥ 1"),
        ("2.5", "expected an integer ≥ 1"),
        ("", "expected an integer ≥ 1"),
    ] {
        v.push(set(&format!("vc_nodes={x}"), 1, &["parameter vc_nodes", w]));
    }
    for x in ["-1", "abc", "1.5"] {
        v.push(set(
            &format!("vc_nfs_disk_size={x}"),
            1,
            &["parameter vc_nfs_disk_size", "≥ 0"],
        ));
    }
    for (x, w) in [
        ("10.0.0.1", "is outside the private network 172.30.2.0/24"),
        ("172.30.3.5", "is outside the private network 172.30.2.0/24"),
        ("172.30.2.0", "is the network address of 172.30.2.0/24"),
        ("172.30.2.255", "is the broadcast address of 172.30.2.0/24"),
        ("256.1.1.1", "not an IPv4 address"),
        ("172.30.2", "not an IPv4 address"),
        ("172.30.2.1.5", "not an IPv4 address"),
        ("abc", "not an IPv4 address"),
        ("172.30.02.100", "not an IPv4 address"),
        ("", "not an IPv4 address"),
        ("1234", "not an IPv4 address"),
        ("[172.30.2.100]", "not an IPv4 address"),
        ("172.30.2.100/24", "not an IPv4 address"),
    ] {
        v.push(set(
            &format!("vc_ipaddress={x}"),
            1,
            &["parameter vc_ipaddress", w],
        ));
    }
    for (x, w) in [
        ("gcp", "must be one of [\"aws\", \"azure\"], got gcp"),
        ("AWS", "names are lower case: aws"),
        ("Azure", "names are lower case: azure"),
        ("oracle", "must be one of [\"aws\", \"azure\"]"),
        ("", "must be one of [\"aws\", \"azure\"]"),
        ("5", "must be one of [\"aws\", \"azure\"]"),
    ] {
        v.push(set(
            &format!("vc_provider={x}"),
            1,
            &["parameter vc_provider", w],
        ));
    }
    let long41 = format!("unit_group=A{}", "b".repeat(40));
    let long200 = format!("unit_group=A{}", "b".repeat(199));
    for (x, w) in [
        ("unit_group=講義ハブ", "must start with an ASCII letter"),
        (long41.as_str(), "has 41 characters, at most 40"),
        (long200.as_str(), "has 200 characters, at most 40"),
        ("unit_group=1abc", "must start with an ASCII letter"),
        ("unit_group=a-b", "only ASCII letters and digits"),
        ("unit_group=a b", "only ASCII letters and digits"),
        ("unit_group=Bad_Name", "only ASCII letters and digits"),
        ("unit_group=", "expected a name"),
        ("unit_group=5", "expected a name"),
        ("unit_group=Café", "only ASCII letters and digits"),
    ] {
        v.push(set(x, 1, &["parameter unit_group", w]));
    }
    // --- paths that are not text
    for kv in [
        "ssh_public_key_path=5",
        "ssh_private_key_path=[a, b]",
        "known_hosts_file=true",
        "ssh_public_key_path=",
    ] {
        let key = kv.split('=').next().unwrap();
        v.push(set(
            kv,
            1,
            &[
                &format!("parameter {key}: expected a file path"),
                &format!("--set {key}="),
            ],
        ));
    }
    // --- key files
    let keys = |name: &str, public: &str, private: &str, want: &[&str]| {
        case(
            name,
            Fresh,
            &[
                "--set",
                &format!("ssh_public_key_path=keys/{public}"),
                "--set",
                &format!("ssh_private_key_path=keys/{private}"),
            ],
            1,
            want,
        )
    };
    v.push(keys(
        "keys swapped",
        "k",
        "k.pub",
        &["are swapped", "pass ssh_public_key_path="],
    ));
    v.push(keys(
        "private key twice",
        "k",
        "k",
        &[
            "parameter ssh_public_key_path",
            "holds a PRIVATE key",
            "give the public key file",
        ],
    ));
    v.push(keys(
        "public key twice",
        "k.pub",
        "k.pub",
        &[
            "parameter ssh_private_key_path",
            "is a public key; give the private key file",
        ],
    ));
    v.push(keys(
        "mismatched pair",
        "b.pub",
        "k",
        &[
            "ssh_private_key_path/ssh_public_key_path",
            "does not match",
            "ssh-keygen -y -f",
        ],
    ));
    v.push(keys(
        "garbage public key",
        "garbage.pub",
        "k",
        &[
            "parameter ssh_public_key_path",
            "not an SSH key file",
            "line 1",
        ],
    ));
    v.push(keys(
        "garbage private key",
        "k.pub",
        "garbage.pub",
        &["parameter ssh_private_key_path", "not an SSH key file"],
    ));
    v.push(keys(
        "empty public key",
        "empty.pub",
        "k",
        &["parameter ssh_public_key_path", "it is empty"],
    ));
    v.push(keys(
        "binary public key",
        "bin.pub",
        "k",
        &["parameter ssh_public_key_path", "binary"],
    ));
    v.push(keys(
        "base64 of a private key as public",
        "b64priv.pub",
        "k",
        &["parameter ssh_public_key_path", "holds a PRIVATE key"],
    ));
    v.push(keys(
        "public key with a private key appended",
        "combined.pub",
        "k",
        &["parameter ssh_public_key_path", "holds a PRIVATE key"],
    ));
    v.push(keys(
        "private key named .pub",
        "kcopy.pub",
        "k",
        &["parameter ssh_public_key_path", "holds a PRIVATE key"],
    ));
    v.push(keys(
        "missing public key",
        "nope.pub",
        "k",
        &[
            "parameter ssh_public_key_path",
            "does not exist",
            "ssh-keygen",
        ],
    ));
    v.push(keys(
        "missing private key",
        "k.pub",
        "nope",
        &[
            "parameter ssh_private_key_path",
            "does not exist",
            "ssh-keygen",
        ],
    ));
    v.push(keys(
        "directory as public key",
        "dir.pub",
        "k",
        &["parameter ssh_public_key_path", "cannot read key file"],
    ));
    v.push(keys("PEM RSA keys swapped", "r", "r.pub", &["are swapped"]));
    v.push(keys(
        "PEM RSA vs ed25519",
        "k.pub",
        "r",
        &["does not match"],
    ));
    v.push(keys(
        "encrypted key, no passphrase",
        "e.pub",
        "e",
        &[
            "parameter ssh_private_key_path",
            "is encrypted",
            "CWH_PARAM_SSH_KEY_PASSPHRASE",
            "ssh-agent",
        ],
    ));
    {
        let mut c = keys(
            "encrypted key, wrong passphrase",
            "e.pub",
            "e",
            &["parameter ssh_private_key_path", "does not decrypt"],
        );
        c.env
            .push(("CWH_PARAM_SSH_KEY_PASSPHRASE".into(), "wrong-pass".into()));
        v.push(c);
    }
    v.push(keys(
        "encrypted PEM key, no passphrase",
        "rp.pub",
        "rp",
        &[
            "parameter ssh_private_key_path",
            "is encrypted",
            "CWH_PARAM_SSH_KEY_PASSPHRASE",
        ],
    ));
    {
        let mut c = keys(
            "encrypted PEM key, wrong passphrase",
            "rp.pub",
            "rp",
            &["parameter ssh_private_key_path", "wrong passphrase"],
        );
        c.env
            .push(("CWH_PARAM_SSH_KEY_PASSPHRASE".into(), "wrong-pass".into()));
        v.push(c);
    }
    // --- the environment
    for (var, val, param, w) in [
        (
            "CWH_PARAM_VC_NODES",
            "abc",
            "vc_nodes",
            "expected an integer",
        ),
        (
            "CWH_PARAM_VC_DISK_SIZE",
            "8",
            "vc_disk_size",
            "must be ≥ 16",
        ),
        (
            "CWH_PARAM_VC_IPADDRESS",
            "10.0.0.1",
            "vc_ipaddress",
            "outside the private network",
        ),
        ("CWH_PARAM_VC_FLAVOR", "huge", "vc_flavor", "has no flavor"),
        (
            "CWH_PARAM_VC_NODES",
            "[1,",
            "vc_nodes",
            "fix or unset CWH_PARAM_VC_NODES",
        ),
        (
            "CWH_PARAM_UNIT_GROUP",
            "x_y",
            "unit_group",
            "only ASCII letters and digits",
        ),
        (
            "CWH_PARAM_VC_PROVIDER",
            "gcp",
            "vc_provider",
            "must be one of",
        ),
        (
            "CWH_PARAM_VC_NFS_DISK_SIZE",
            "-5",
            "vc_nfs_disk_size",
            "must be ≥ 0",
        ),
    ] {
        let mut c = case(&format!("{var}={val}"), Fresh, &[], 1, &[param, w]);
        c.omit = vec![param];
        c.env.push((var.into(), val.into()));
        v.push(c);
    }
    // --- workdirs and the simulator's state
    v.push(case(
        "--workdir missing",
        Fresh,
        &["--workdir", "nope"],
        2,
        &["--workdir nope", "does not exist", "mkdir -p"],
    ));
    v.push(case(
        "--workdir a file",
        Fresh,
        &["--workdir", "keys/k.pub"],
        2,
        &["--workdir keys/k.pub", "is not a directory"],
    ));
    v.push(case(
        "--workdir ~ missing",
        Fresh,
        &["--workdir", "~/nope"],
        2,
        &["--workdir ~/nope", "does not exist", "mkdir -p"],
    ));
    {
        let mut c = case(
            "corrupt sim-state.json",
            Fresh,
            &[],
            2,
            &[".cwh/sim-state.json", "cwh vcc reset"],
        );
        c.env
            .push(("FILE".into(), ".cwh/sim-state.json\n{\"ugroups\": [".into()));
        v.push(c);
    }
    {
        let mut c = case(
            "sim-state.json of another shape",
            Fresh,
            &[],
            2,
            &[".cwh/sim-state.json", "cwh vcc reset"],
        );
        c.env
            .push(("FILE".into(), ".cwh/sim-state.json\n[1, 2, 3]".into()));
        v.push(c);
    }
    // --- arguments
    v.push(case(
        "--sim with --lab",
        Fresh,
        &["--lab"],
        2,
        &["--lab", "cannot be used with"],
    ));
    v.push(case(
        "misspelled flag",
        Fresh,
        &["--sett", "vc_nodes=2"],
        2,
        &["unexpected argument '--sett'", "--set"],
    ));
    v.push(case(
        "--token-file without a file",
        Fresh,
        &["--token-file"],
        2,
        &["--token-file", "a value is required"],
    ));
    v.push(case(
        "--params without a file",
        Fresh,
        &["--params"],
        2,
        &["--params", "a value is required"],
    ));
    // --- a re-run that contradicts what exists: the table, nothing changed
    let drift = |kv: &[&str], base: Base, want: &[&str]| {
        let mut args = Vec::new();
        for x in kv {
            args.push("--set");
            args.push(*x);
        }
        let mut c = case(&format!("re-run {}", kv.join(" ")), base, &args, 1, want);
        c.omit = SIZING.iter().map(|(k, _)| *k).collect();
        c.want.push("group_vars were kept".into());
        c
    };
    v.push(drift(
        &["vc_flavor=medium"],
        Built,
        &[
            "vc_flavor: saved small, on the VCC small (instance_type m4.large), requested medium",
            "teardown.rhai",
        ],
    ));
    v.push(drift(
        &["vc_flavor=large"],
        BuiltDisk,
        &["vc_flavor: saved small", "m4.2xlarge", "teardown.rhai"],
    ));
    v.push(drift(
        &["vc_disk_size=40"],
        Built,
        &[
            "vc_disk_size: saved 16, on the VCC 16 (volume_size), requested 40",
            "teardown.rhai",
        ],
    ));
    v.push(drift(
        &["vc_disk_size=17"],
        BuiltDisk,
        &["vc_disk_size: saved 16", "requested 17"],
    ));
    v.push(drift(
        &["vc_nfs_disk_size=16"],
        Built,
        &[
            "vc_nfs_disk_size: saved 0, on the VCC no disk",
            "teardown.rhai",
        ],
    ));
    v.push(drift(
        &["vc_nfs_disk_size=0"],
        BuiltDisk,
        &[
            "vc_nfs_disk_size: saved 16, on the VCC 16 GB disk",
            "teardown.rhai",
        ],
    ));
    v.push(drift(
        &["vc_nfs_disk_size=32"],
        BuiltDisk,
        &["vc_nfs_disk_size: saved 16", "requested 32"],
    ));
    v.push(drift(
        &["vc_nodes=1"],
        Built,
        &[
            "vc_nodes: saved 2",
            "remove-workers.rhai",
            "more than vc_nodes=1 allows",
        ],
    ));
    v.push(drift(
        &["vc_nodes=4"],
        Built,
        &["vc_nodes: saved 2", "add-workers.rhai --set add_nodes=2"],
    ));
    v.push(drift(
        &["vc_ipaddress=172.30.2.150"],
        Built,
        &[
            "vc_ipaddress: saved 172.30.2.100",
            "already has its manager at 172.30.2.100",
        ],
    ));
    v.push(drift(
        &["vc_provider=azure"],
        Built,
        &["vc_provider: saved aws", "teardown.rhai"],
    ));
    v.push(drift(
        &["vc_flavor=medium", "vc_disk_size=40", "vc_nodes=3"],
        Built,
        &[
            "vc_flavor: saved small",
            "vc_disk_size: saved 16",
            "vc_nodes: saved 2",
        ],
    ));
    v.push(drift(
        &[
            "ssh_public_key_path=keys/b.pub",
            "ssh_private_key_path=keys/b",
        ],
        Built,
        &[
            "ssh_public_key_path: saved",
            "nodes accept ssh-ed25519",
            "the nodes accept only the key they were built with",
        ],
    ));
    v.push(drift(
        &[
            "unit_group=Other",
            "vc_flavor=small",
            "vc_disk_size=16",
            "vc_nodes=2",
            "vc_ipaddress=172.30.2.101",
        ],
        Built,
        &[
            "172.30.2.101 is a node of unit group CoursewareHub",
            "pick a free address",
        ],
    ));
    issue24(&mut v);
    v
}

/// Issue 24 (items 6/7): what the cloud reserves or cannot hold, sizes and counts beyond the
/// provider's limits, MAC addresses, unit group names the VCC forbids, a vcc.host that is not
/// a host. Each refused before anything is created on the VCC.
fn issue24(v: &mut Vec<Case>) {
    use Base::*;
    let ip = |x: &str| format!("vc_ipaddress={x}");
    // --- addresses the cloud keeps at the start of the subnet, and the VCC's own
    for (x, w) in [
        (
            "172.30.2.1",
            "is the gateway (router) address of 172.30.2.0/24",
        ),
        ("172.30.2.2", "is the cloud's DNS address of 172.30.2.0/24"),
        (
            "172.30.2.3",
            "is an address the cloud reserves of 172.30.2.0/24",
        ),
    ] {
        v.push(set(
            &ip(x),
            1,
            &[
                "parameter vc_ipaddress",
                w,
                "pick one from 172.30.2.4 to 172.30.2.254",
            ],
        ));
    }
    let cfg_private = config("  private_ip: 172.30.2.10\n");
    let cfg_host_ip = config("  host: 172.30.2.9\n");
    for (name, cfg, x, w) in [
        (
            "the VCC's private_ip as the manager",
            &cfg_private,
            "172.30.2.10",
            "(vcc.private_ip in vcp_config.yml)",
        ),
        (
            "the VCC's host address as the manager",
            &cfg_host_ip,
            "172.30.2.9",
            "(vcc.host in vcp_config.yml)",
        ),
    ] {
        let c = case(
            name,
            Fresh,
            &["--vcc-config", "cfg", "--set", &ip(x)],
            1,
            &[
                "parameter vc_ipaddress",
                &format!("{x} is the VC Controller's own address"),
                w,
                "pick another free address",
            ],
        );
        v.push(with_files(c, &[(cfg.0, &cfg.1)]));
    }
    // --- more nodes than the network holds (251 of a /24: the cloud keeps 5)
    for n in ["252", "1000", "1000000"] {
        v.push(set(
            &format!("vc_nodes={n}"),
            1,
            &[
                "parameter vc_nodes",
                &format!("{n} node(s) do not fit in the private network 172.30.2.0/24"),
                "it holds 251 node addresses",
                "ask for 251 or fewer",
            ],
        ));
    }
    v.push(case(
        "vc_nodes=250 next to another group's nodes",
        Built,
        &[
            "--set",
            "unit_group=Other",
            "--set",
            "vc_ipaddress=172.30.2.120",
            "--set",
            "vc_nodes=250",
        ],
        1,
        &[
            "parameter vc_nodes: 250 node(s) do not fit",
            "2 are in use, so at most 249 more",
        ],
    ));
    {
        // validate-site.rhai checks with the same functions, changing nothing
        let mut c = case(
            "validate-site vc_ipaddress=172.30.2.3 vc_nodes=300",
            Fresh,
            &[
                "--set",
                "vc_flavor=small",
                "--set",
                "vc_disk_size=16",
                "--set",
                "vc_nodes=300",
                "--set",
                "vc_ipaddress=172.30.2.3",
            ],
            1,
            &[
                "2 problem(s) with the parameters",
                "172.30.2.3 is an address the cloud reserves",
                "300 node(s) do not fit",
            ],
        );
        c.script = Some(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/validate-site.rhai").into());
        v.push(c);
    }
    // --- sizes beyond the provider's
    for (kv, w) in [
        (
            "vc_disk_size=100000",
            "100000 GB is more than aws allows for a root volume of type gp2",
        ),
        (
            "vc_disk_size=16385",
            "16385 GB is more than aws allows for a root volume",
        ),
        (
            "vc_nfs_disk_size=1025",
            "1025 GB is more than aws_disk allows for a VC disk of type standard",
        ),
        ("vc_nfs_disk_size=100000", "more than aws_disk allows"),
    ] {
        let key = kv.split('=').next().unwrap();
        v.push(set(
            kv,
            1,
            &[&format!("parameter {key}"), w, "give a size from 1 to"],
        ));
    }
    v.push(set(
        "vc_disk_size=0",
        1,
        &["parameter vc_disk_size", "must be ≥ 16, got 0"],
    ));
    for (kv, w) in [
        (
            ["vc_provider=azure", "vc_disk_size=5000"],
            "parameter vc_disk_size: 5000 GB is more than azure allows for a root (OS) disk",
        ),
        (
            ["vc_provider=azure", "vc_nfs_disk_size=40000"],
            "parameter vc_nfs_disk_size: 40000 GB is more than azure_disk allows for a VC disk",
        ),
    ] {
        v.push(case(
            &format!("--set {} {}", kv[0], kv[1]),
            Fresh,
            &["--set", kv[0], "--set", kv[1]],
            1,
            &[w, "give a size from 1 to"],
        ));
    }
    // --- add-workers on the built environment (manager 172.30.2.100, one worker)
    let add = |name: &str, args: &[&str], want: &[&str]| {
        let mut c = case(&format!("add-workers {name}"), Built, args, 1, want);
        c.script = Some(concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/add-workers.rhai").into());
        c
    };
    let nothing = "nothing was added";
    v.push(add(
        "add_nodes=1000",
        &["--set", "add_nodes=1000"],
        &[
            "parameter add_nodes: 1000 node(s) do not fit in the private network 172.30.2.0/24",
            "2 are in use, so at most 249 more",
            nothing,
        ],
    ));
    v.push(add(
        "add_nodes=250",
        &["--set", "add_nodes=250"],
        &["at most 249 more can be made; ask for 249 or fewer"],
    ));
    v.push(add(
        "add_nodes=0",
        &["--set", "add_nodes=0"],
        &["parameter add_nodes: must be ≥ 1, got 0"],
    ));
    v.push(add(
        "add_nodes=-2",
        &["--set", "add_nodes=-2"],
        &["parameter add_nodes: must be ≥ 1, got -2"],
    ));
    for (x, w) in [
        (
            "172.30.2.100",
            "172.30.2.100 is already used by unit group CoursewareHub (not as a worker: it is the manager's address)",
        ),
        (
            "172.30.2.255",
            "172.30.2.255 is the broadcast address of 172.30.2.0/24",
        ),
        ("172.30.2.1", "172.30.2.1 is the gateway (router) address"),
        ("172.30.2.0", "172.30.2.0 is the network address"),
        (
            "[172.30.2.150, 172.30.2.150]",
            "172.30.2.150 is given twice",
        ),
        (
            "10.0.0.5",
            "10.0.0.5 is outside the private network 172.30.2.0/24",
        ),
    ] {
        v.push(add(
            &format!("add_ipaddresses={x}"),
            &["--set", &format!("add_ipaddresses={x}")],
            &["parameter add_ipaddresses", w, nothing],
        ));
    }
    {
        let mut c = add(
            "add_ipaddresses = the VCC's private_ip",
            &[
                "--vcc-config",
                "cfg",
                "--set",
                "add_ipaddresses=[172.30.2.10]",
            ],
            &[
                "parameter add_ipaddresses: 172.30.2.10 is the VC Controller's own address (vcc.private_ip",
            ],
        );
        c = with_files(c, &[(cfg_private.0, &cfg_private.1)]);
        v.push(c);
    }
    let one = "add_ipaddresses=[172.30.2.150]";
    let two = "add_ipaddresses=[172.30.2.150, 172.30.2.151]";
    for (ips, macs, w) in [
        (
            one,
            "[00-50-56-ab-cd-ef]",
            "00-50-56-ab-cd-ef is written with dashes; write it with colons: 00:50:56:ab:cd:ef",
        ),
        (
            one,
            "[ff:ff:ff:ff:ff:ff]",
            "ff:ff:ff:ff:ff:ff is the broadcast address",
        ),
        (
            one,
            "[01:00:5e:00:00:01]",
            "01:00:5e:00:00:01 is a multicast address",
        ),
        (one, "[00:00:00:00:00:00]", "00:00:00:00:00:00 is all zeros"),
        (
            one,
            "[00:50:56:ab:cd]",
            "00:50:56:ab:cd is not a MAC address: six pairs of hex digits",
        ),
        (
            one,
            "[0050.56ab.cdef]",
            "0050.56ab.cdef is not a MAC address",
        ),
        (
            one,
            "[00:50:56:ab:cd:zz]",
            "00:50:56:ab:cd:zz is not a MAC address",
        ),
        (
            two,
            "[02:00:00:00:00:01, 02:00:00:00:00:01]",
            "02:00:00:00:00:01 is given twice",
        ),
        (
            two,
            "[02:00:00:00:00:01]",
            "one MAC address per address of add_ipaddresses is needed, in the same order: 1 given for 2 address(es)",
        ),
        (
            one,
            "[02:00:00:00:00:01, 02:00:00:00:00:02]",
            "2 given for 1 address(es)",
        ),
        (
            "add_nodes=1",
            "[02:00:00:00:00:01]",
            "but no add_ipaddresses",
        ),
        (
            one,
            "[02:00:00:00:00:01]",
            "provider aws cannot give a node a MAC address of your choosing",
        ),
    ] {
        v.push(add(
            &format!("{ips} add_mac_addresses={macs}"),
            &["--set", ips, "--set", &format!("add_mac_addresses={macs}")],
            &["parameter add_mac_addresses", w, nothing],
        ));
    }
    // --- unit group names the VCC forbids, from a site's own script
    let ug = (
        "ug.rhai",
        "let vcp = vcc::connect();\nvcp.create_ugroup(param(\"name\"), \"compute\");\n",
    );
    let long = format!("name=A{}", "b".repeat(64));
    for (kv, w) in [
        ("name=\"a b\"", "contains a space"),
        ("name=Course/Hub", "contains `/`"),
        ("name=講義", "contains `講`"),
        ("name=Course.Hub", "contains `.`"),
        ("name=yes", "boolean or null"),
        ("name=\"123\"", "as a number"),
        ("name=-lead", "must start with an ASCII letter or a digit"),
        (long.as_str(), "it has 65 characters, at most 64"),
    ] {
        let mut c = case(
            &format!("create_ugroup {kv}"),
            Fresh,
            &["--set", kv],
            1,
            &[
                "invalid unit group name",
                w,
                "name unit groups with 1 to 64 ASCII letters",
                "ug.rhai:2",
            ],
        );
        c.script = Some("ug.rhai".into());
        v.push(with_files(c, &[ug]));
    }
    // --- vcc.host that is not a host, and the rest of the vcc: block
    for (vcc, w) in [
        (
            "  host: https://vcc.example.ac.jp\n",
            "is a URL, but vcc.host takes the host alone",
        ),
        (
            "  host: https://vcc.example.ac.jp:8443/vcp/v1/occtr\n",
            "write `host: vcc.example.ac.jp` and `vcc_port: 8443`",
        ),
        (
            "  host: http://vcc.example.ac.jp\n",
            "the scheme http:// cannot be chosen",
        ),
        ("  host: vcc.example.ac.jp/\n", "has a path"),
        (
            "  host: vcc.example.ac.jp:8443\n",
            "holds a port; the port goes in its own field",
        ),
        ("  host: \"vcc .example.ac.jp\"\n", "contains a space"),
        ("  host: 172.30.2.256\n", "is not an IPv4 address"),
        (
            "  host: vcc.example.ac.jp\n  vcc_port: 70000\n",
            "vcc.vcc_port: 70000 is not a port number; ports go from 1 to 65535",
        ),
        (
            "  host: vcc.example.ac.jp\n  vcc_port: 0\n",
            "vcc.vcc_port: 0 is not a port number",
        ),
        (
            "  host: vcc.example.ac.jp\n  private_ip: vcc-private\n",
            "vcc.private_ip: \"vcc-private\" is not an IPv4 address",
        ),
        (
            "  host: vcc.example.ac.jp\n  wait_timeout_sec: -5\n",
            "vcc.wait_timeout_sec: -5 is not a number of seconds",
        ),
        (
            "  host: vcc.example.ac.jp\n  insecure_request_warning: \"false\"\n",
            "vcc.insecure_request_warning: \"false\" is not true or false",
        ),
    ] {
        let file = config(vcc);
        let first = vcc.lines().last().unwrap_or_default().trim();
        let c = case(
            &format!("vcp_config.yml {first}"),
            Fresh,
            &["--vcc-config", "cfg"],
            1,
            &["cfg/vcp_config.yml", w],
        );
        v.push(with_files(c, &[(file.0, &file.1)]));
    }
}

/// Copy `from` into `to` (files and directories).
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let (s, d) = (e.path(), to.join(e.file_name()));
        if s.is_dir() {
            copy_dir(&s, &d);
        } else {
            std::fs::copy(&s, &d).unwrap();
        }
    }
}

/// The fresh workdir: key files good and bad, and the lab key pair --sim would create.
fn fresh_template(root: &Path) -> PathBuf {
    let t = root.join("fresh");
    let k = t.join("keys");
    std::fs::create_dir_all(&k).unwrap();
    keygen(&k, "k", "", &[]);
    keygen(&k, "b", "", &[]);
    keygen(&k, "e", "the passphrase", &[]);
    keygen(&k, "r", "", &["-t", "rsa", "-b", "2048", "-m", "PEM"]);
    keygen(
        &k,
        "rp",
        "the passphrase",
        &["-t", "rsa", "-b", "2048", "-m", "PEM"],
    );
    let private = std::fs::read(k.join("k")).unwrap();
    let public = std::fs::read(k.join("k.pub")).unwrap();
    use base64::Engine as _;
    std::fs::write(k.join("garbage.pub"), "hello, this is not a key\n").unwrap();
    std::fs::write(k.join("empty.pub"), "").unwrap();
    std::fs::write(k.join("bin.pub"), [0u8, 159, 146, 150, 255]).unwrap();
    std::fs::write(
        k.join("b64priv.pub"),
        base64::engine::general_purpose::STANDARD.encode(&private),
    )
    .unwrap();
    std::fs::write(
        k.join("combined.pub"),
        [public.clone(), private.clone()].concat(),
    )
    .unwrap();
    std::fs::write(k.join("kcopy.pub"), &private).unwrap();
    std::fs::create_dir(k.join("dir.pub")).unwrap();
    std::fs::create_dir_all(t.join(".cwh")).unwrap();
    std::fs::write(t.join(".cwh/lab_id_ed25519"), &private).unwrap();
    std::fs::write(t.join(".cwh/lab_id_ed25519.pub"), &public).unwrap();
    t
}

fn base_args(omit: &[&str], script: Option<&str>) -> Vec<String> {
    if let Some(s) = script {
        return vec!["run".to_string(), s.to_string(), "--sim".to_string()];
    }
    let mut a = vec!["run".to_string(), SCRIPT.to_string(), "--sim".to_string()];
    for (k, v) in SIZING {
        if !omit.contains(&k) {
            a.push("--set".into());
            a.push(format!("{k}={v}"));
        }
    }
    a
}

/// A template with CoursewareHub built on the simulator (`extra` args to the first run).
fn built_template(root: &Path, fresh: &Path, name: &str, extra: &[&str]) -> PathBuf {
    let t = root.join(name);
    copy_dir(fresh, &t);
    cwh()
        .current_dir(&t)
        .args(base_args(&[], None))
        .args(extra)
        .run()
        .success();
    let _ = std::fs::remove_dir_all(t.join(".cwh/runs"));
    t
}

/// Run one case in `dir` (a copy of `template`). `ja`: under a Japanese locale, where the
/// expected words (English) are not looked for, but the refusal must be in Japanese.
fn run_case(c: &Case, template: &Path, dir: &Path, ja: bool) -> Result<(), String> {
    copy_dir(template, dir);
    for (k, v) in &c.env {
        if k == "FILE" {
            let (name, body) = v.split_once('\n').unwrap();
            std::fs::create_dir_all(dir.join(name).parent().unwrap()).unwrap();
            std::fs::write(dir.join(name), body).unwrap();
        }
    }
    let before = snapshot(dir);
    let mut cmd = cwh();
    cmd.current_dir(dir)
        .env("HOME", dir)
        .args(base_args(&c.omit, c.script.as_deref()))
        .args(&c.args);
    for (k, v) in c.env.iter().filter(|(k, _)| k != "FILE") {
        cmd.env(k, v);
    }
    if ja {
        cmd.env("LC_ALL", "ja_JP.UTF-8");
    }
    let r = cmd.run();
    let (so, se) = (r.stdout(), r.stderr());
    // messages as a reader sees them, whatever the wrapping of the diagnostic
    // (a line the terminal width broke after a hyphen joins the next without a space:
    // "ssh-" + "agent")
    let flat = |t: &str| {
        let mut out = String::new();
        for line in t.replace('│', " ").lines() {
            let line = line.trim();
            if !out.is_empty() && !out.ends_with('-') {
                out.push(' ');
            }
            out.push_str(line);
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    let (fo, fe) = (flat(so), flat(se));
    let mut problems = Vec::new();
    if r.exit_code() != Some(c.code) {
        problems.push(format!("exit {:?}, expected {}", r.exit_code(), c.code));
    }
    for w in c.want.iter().filter(|_| !ja) {
        let w = flat(w);
        if !fe.contains(&w) && !fo.contains(&w) {
            problems.push(format!("no {w:?} in the output"));
        }
    }
    if ja && !se.chars().any(|ch| ('\u{3040}'..='\u{30ff}').contains(&ch)) {
        problems.push("no Japanese in the refusal".into());
    }
    if se.contains("internal error") || se.contains("panicked") {
        problems.push("a panic".into());
    }
    // plain words (issue 25): no type name, no Rhai jargon, no empty value
    let words = crate::i18n::jargon(se);
    if !words.is_empty() {
        problems.push(format!("words a reader should not see: {words:?}"));
    }
    for (k, v) in &c.env {
        if k.contains("PASSPHRASE") && (se.contains(v.as_str()) || so.contains(v.as_str())) {
            problems.push("the passphrase was printed".into());
        }
    }
    let after = snapshot(dir);
    if after != before {
        let b: Vec<&String> = before.iter().map(|(n, _)| n).collect();
        let changed: Vec<String> = after
            .iter()
            .filter(|x| !before.contains(x))
            .map(|(n, _)| n.clone())
            .collect();
        problems.push(format!("the workdir changed: {changed:?} (before: {b:?})"));
    }
    if c.base == Base::Fresh
        && dir.join(".cwh/sim-state.json").is_file()
        && !c
            .env
            .iter()
            .any(|(_, v)| v.starts_with(".cwh/sim-state.json"))
    {
        problems.push("something was created on the VCC".into());
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{}: {}\n{r}", c.name, problems.join("; ")))
    }
}

#[test]
fn over_a_hundred_bad_inputs_are_refused_cleanly() {
    let cases = cases();
    let names: std::collections::BTreeSet<&str> = cases.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names.len(), cases.len(), "case names must be distinct");
    assert!(cases.len() >= 100, "only {} bad inputs", cases.len());
    let root = tempfile::tempdir().unwrap();
    let fresh = fresh_template(root.path());
    let built = built_template(root.path(), &fresh, "built", &[]);
    let built_disk = built_template(
        root.path(),
        &fresh,
        "built-disk",
        &["--set", "vc_nfs_disk_size=16"],
    );
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..3 {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::SeqCst);
                    let Some(c) = cases.get(i) else { break };
                    let template = match c.base {
                        Base::Fresh => &fresh,
                        Base::Built => &built,
                        Base::BuiltDisk => &built_disk,
                    };
                    for ja in [false, true] {
                        let dir = root.path().join(format!("case-{i}-{ja}"));
                        if let Err(e) = run_case(c, template, &dir, ja) {
                            let lang = if ja { "ja" } else { "en" };
                            failures.lock().unwrap().push(format!("[{lang}] {e}"));
                        }
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(
        failures.is_empty(),
        "{} of {} bad inputs were not refused cleanly:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
    eprintln!(
        "{} bad inputs refused cleanly, in English and in Japanese",
        cases.len()
    );
}
