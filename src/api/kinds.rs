//! The vocabulary of error kinds: every error a primitive throws is a map
//! `#{kind, message, help}`, and `kind` is `domain::reason` — the miette code of the core's
//! error without its `cwh::` prefix, the same in cores and bindings. `cwh doc` lists them
//! (docs/api.md); a test keeps this list and the source in step.

/// Each domain with what it covers and its kinds (the reasons, space-separated).
pub const DOMAINS: &[(&str, &str, &str)] = &[
    (
        "ansible",
        "group_vars, inventory and ansible.cfg files; `ansible::playbook`",
        "failed ini install invalid io no_hosts no_inventory no_key not_installed playbook records_only run timeout unreachable yaml",
    ),
    ("confirm", "`confirm()`", "no_terminal prompt"),
    ("json", "`to_json`/`from_json`", "encode invalid"),
    (
        "lab",
        "the local lab: Docker engine, image, nodes",
        "docker image io no_engine setup usage",
    ),
    (
        "local",
        "`local::exec` and the `coursewarehub::` helpers",
        "command cwd invalid not_found spawn timeout",
    ),
    ("lock", "the working directory's lock", "busy io"),
    (
        "params",
        "`param()`, `secret()`, `--set`, `--params`, `--token-file`",
        "env_value file missing missing_secret prompt prompt_value set_syntax set_value token_file yaml",
    ),
    (
        "script",
        "how a script calls a primitive",
        "interrupted no_run options value",
    ),
    ("sim", "the VCC simulator", "tls"),
    (
        "ssh",
        "SSH hosts, keys, known_hosts",
        "agent auth command_failed config dns exit_status host_key key keyfile keyscan known_hosts no_hosts option passphrase private_key protocol put record_node timeout unreachable",
    ),
    (
        "swarm",
        "Docker Swarm on the nodes",
        "command docker_down invalid not_down not_manager other_swarm parse state timeout unreachable",
    ),
    ("table", "`table()`", "no_column"),
    (
        "vcc",
        "the VC Controller or its simulator, and unit specs",
        "cleanup_incomplete config drift duplicate forbidden gateway http invalid journal lost_race malformed no_token not_found timeout tls ugroup_exists unit_error unknown_attribute unknown_flavor unknown_provider unreachable",
    ),
    ("yaml", "`to_yaml`/`from_yaml`", "encode invalid"),
];

/// Kinds that had another name before 2026-11-30, for scripts that match on `e.kind`.
pub const RENAMED: &[(&str, &str)] = &[
    ("param::missing", "params::missing"),
    ("param::missing_secret", "params::missing_secret"),
    (
        "param::invalid",
        "params::env_value, params::prompt, params::prompt_value, params::token_file",
    ),
    ("json", "json::invalid, json::encode"),
    ("yaml", "yaml::invalid, yaml::encode"),
    ("table", "table::no_column"),
    ("confirm", "confirm::prompt"),
    ("options", "script::options"),
    ("value", "script::value"),
    ("interrupted", "script::interrupted"),
    ("ssh::no_host", "ssh::no_hosts"),
];

/// Every kind, `domain::reason`.
pub fn all() -> impl Iterator<Item = String> {
    DOMAINS
        .iter()
        .flat_map(|(d, _, rs)| rs.split(' ').map(move |r| format!("{d}::{r}")))
}

/// The markdown section of docs/api.md.
pub fn markdown() -> String {
    let mut s = String::from(
        "\n## Error kinds\n\nA primitive that fails throws a map `#{kind, message, help}` (`try { … } catch (e) { e.kind }`);\n\
         the kind is `domain::reason`, the same name the error has in cwh's own output (`cwh::domain::reason`).\n\n",
    );
    for (d, what, rs) in DOMAINS {
        let list: Vec<String> = rs.split(' ').map(|r| format!("`{d}::{r}`")).collect();
        s.push_str(&format!("- **{d}** ({what}): {}\n", list.join(", ")));
    }
    let renamed: Vec<String> = RENAMED
        .iter()
        .map(|(old, new)| {
            let new: Vec<String> = new.split(", ").map(|n| format!("`{n}`")).collect();
            format!("`{old}` → {}", new.join(" or "))
        })
        .collect();
    s.push_str(&format!(
        "\nRenamed on 2026-11-30 (a script matching the old name must use the new one): {}.\n",
        renamed.join("; ")
    ));
    s
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    /// The kinds the source names: miette codes (`code = "cwh::…"`, or `=> "cwh::…"` where a
    /// type writes its codes by hand) and the bindings' own
    /// `error("…"`.
    fn in_source() -> BTreeSet<String> {
        fn walk(dir: &std::path::Path, out: &mut BTreeSet<String>) {
            for e in std::fs::read_dir(dir).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(&p, out);
                } else if p.extension().is_some_and(|x| x == "rs") && !p.ends_with("kinds.rs") {
                    let text = std::fs::read_to_string(&p).unwrap();
                    // derived codes (`code = "cwh::…"`) and hand-written ones (`=> "cwh::…"`
                    // in a `code_name` match)
                    for (i, _) in text.match_indices("\"cwh::") {
                        let before = text[..i].trim_end();
                        if before.ends_with("code =")
                            || before.ends_with("=>")
                            || before.ends_with("=> {")
                        {
                            let rest = &text[i + "\"cwh::".len()..];
                            out.insert(rest[..rest.find('"').unwrap()].to_string());
                        }
                    }
                    for (i, _) in text.match_indices("error(") {
                        let rest = text[i + "error(".len()..].trim_start();
                        if let Some(q) = rest.strip_prefix('"') {
                            let k = &q[..q.find('"').unwrap()];
                            if !k.is_empty()
                                && k.chars()
                                    .all(|c| c.is_ascii_lowercase() || c == '_' || c == ':')
                            {
                                out.insert(k.to_string());
                            }
                        }
                    }
                }
            }
        }
        let mut out = BTreeSet::new();
        walk(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut out,
        );
        out
    }

    #[test]
    fn every_kind_in_the_source_is_listed_and_every_listed_kind_exists() {
        let src = in_source();
        let listed: BTreeSet<String> = super::all().collect();
        let unlisted: Vec<_> = src.difference(&listed).collect();
        let stale: Vec<_> = listed.difference(&src).collect();
        assert!(
            unlisted.is_empty(),
            "kinds thrown but not in api::kinds: {unlisted:?}"
        );
        assert!(stale.is_empty(), "kinds listed but never thrown: {stale:?}");
        for k in &src {
            assert!(
                k.contains("::"),
                "`{k}` has no domain: name it `domain::reason`"
            );
        }
    }
}
