//! Issue 25: the message catalogs, prompts that teach, plain words, and Japanese.
use crate::support::Dir;

/// Every message key is in both catalogs, in the file of the same name, with the same
/// placeholders; every file reads cleanly; no key is defined twice in one language.
#[test]
fn catalogs_have_the_same_keys_and_placeholders() {
    use std::collections::BTreeMap;
    use std::collections::BTreeSet;
    type Keys = BTreeMap<String, (String, BTreeSet<String>)>;
    let read = |lang: cwh::i18n::Lang| -> Keys {
        let mut keys = Keys::new();
        let files = lang.catalog_files();
        assert!(!files.is_empty(), "no catalog for {}", lang.tag());
        for (path, text) in files {
            let (k, errors) = cwh::i18n::catalog_keys(text);
            assert!(errors.is_empty(), "{path}: {errors:?}");
            let name = path.rsplit('/').next().unwrap().to_string();
            for (key, vars) in k {
                if let Some((other, _)) = keys.insert(key.clone(), (name.clone(), vars)) {
                    panic!("`{key}` is defined in {other} and again in {path}");
                }
            }
        }
        keys
    };
    let en = read(cwh::i18n::Lang::En);
    let ja = read(cwh::i18n::Lang::Ja);
    let only_en: Vec<&String> = en.keys().filter(|k| !ja.contains_key(*k)).collect();
    let only_ja: Vec<&String> = ja.keys().filter(|k| !en.contains_key(*k)).collect();
    assert!(
        only_en.is_empty(),
        "keys missing from locales/ja/: {only_en:?}"
    );
    assert!(
        only_ja.is_empty(),
        "keys missing from locales/en/: {only_ja:?}"
    );
    for (k, (file, vars)) in &en {
        let (jfile, jvars) = &ja[k];
        assert_eq!(file, jfile, "`{k}` is in en/{file} but ja/{jfile}");
        assert_eq!(
            vars, jvars,
            "placeholders of `{k}` differ between en/{file} and ja/{jfile}"
        );
    }
    // every Japanese message is Japanese (or the same text: names, commands)
    let untranslated: Vec<&String> = ja
        .keys()
        .filter(|k| {
            let m = cwh::i18n::message_in(cwh::i18n::Lang::Ja, k, &[]);
            let e = cwh::i18n::message_in(cwh::i18n::Lang::En, k, &[]);
            m == e && e.chars().filter(|c| c.is_ascii_alphabetic()).count() > 12
        })
        .collect();
    assert!(untranslated.is_empty(), "same as English: {untranslated:?}");
    eprintln!("catalog messages: en {}, ja {}", en.len(), ja.len());
}

/// Every key the code asks for (`t!("key"…)` in src/, `t("key"…)` in the shipped scripts and
/// stdlib) is in the catalogs: a message never shows as its key.
#[test]
fn every_key_the_code_uses_is_in_the_catalogs() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let en: std::collections::BTreeSet<String> = cwh::i18n::Lang::En
        .catalog_files()
        .into_iter()
        .flat_map(|(_, text)| cwh::i18n::catalog_keys(text).0.into_keys())
        .collect();
    let mut missing = vec![];
    let mut used = 0;
    let mut scan = |dir: &str, ext: &str, call: &str| {
        let mut stack = vec![root.join(dir)];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                    continue;
                }
                if p.extension().is_none_or(|x| x != ext) {
                    continue;
                }
                let text = std::fs::read_to_string(&p).unwrap();
                // comments (`//! t!("key")` in a doc) are not calls
                let code: String = text
                    .lines()
                    .filter(|l| !l.trim_start().starts_with("//"))
                    .collect::<Vec<_>>()
                    .join("\n");
                let mut rest = code.as_str();
                while let Some(i) = rest.find(call) {
                    // a call, not the end of a longer name (`format!(`, `at(`)
                    let before = rest[..i].chars().next_back();
                    rest = &rest[i + call.len()..];
                    if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
                        continue;
                    }
                    let arg = rest.trim_start();
                    let Some(arg) = arg.strip_prefix('"') else {
                        continue;
                    };
                    let key: String = arg.chars().take_while(|c| *c != '"').collect();
                    if key.is_empty()
                        || !key
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                    {
                        continue;
                    }
                    used += 1;
                    if !en.contains(&key) {
                        missing.push(format!(
                            "{}: {key}",
                            p.strip_prefix(root).unwrap().display()
                        ));
                    }
                }
            }
        }
    };
    scan("src", "rs", "t!(");
    scan("stdlib", "rhai", "t(");
    scan("scripts", "rhai", "t(");
    assert!(
        used > 100,
        "only {used} calls found: is the scan still right?"
    );
    assert!(missing.is_empty(), "keys not in locales/en/: {missing:?}");
}

const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/coursewarehub.rhai");

/// `cwh run` on a terminal with `vc_disk_size` missing (and `extra` arguments): the prompt.
fn disk_size_prompt(d: &Dir, extra: &[&str]) -> crate::support::tmux::Tmux {
    let home = d.path().display().to_string();
    let mut args = vec![
        "run",
        SCRIPT,
        "--sim",
        "--set",
        "vc_flavor=small",
        "--set",
        "vc_nodes=2",
        "--set",
        "vc_ipaddress=172.30.2.100",
    ];
    args.extend_from_slice(extra);
    crate::support::tmux::Tmux::start(d.path(), &crate::support::bin(), &args, &[("HOME", &home)])
}

/// A prompt says what the parameter means and takes; a wrong answer (full-width digits) is
/// explained, naming the characters, and asked again at once; the right one finishes the run.
#[test]
fn a_prompt_teaches_and_re_asks_a_wrong_answer() {
    let d = Dir::new();
    let t = disk_size_prompt(&d, &[]);
    let screen = t.wait_for("\nvc_disk_size:");
    assert!(screen.contains("the root disk in GB"), "{screen}");
    assert!(screen.contains("a whole number, at least 16"), "{screen}");
    assert!(screen.contains("no default"), "{screen}");
    t.line("１６");
    let screen = t.wait_count("\nvc_disk_size:", 2);
    assert!(screen.contains("full-width"), "{screen}");
    assert!(screen.contains("as 16"), "{screen}");
    assert!(screen.contains("Type it again"), "{screen}");
    assert!(!screen.contains("EXITED"), "{screen}");
    t.line("8");
    let screen = t.wait_count("\nvc_disk_size:", 3);
    assert!(
        screen.contains("must be at least 16: you typed \"8\""),
        "{screen}"
    );
    t.line("16");
    let screen = t.wait_for("EXITED rc=");
    assert!(screen.contains("EXITED rc=0"), "{screen}");
    let gv = std::fs::read_to_string(d.path().join("group_vars/CoursewareHub.yml")).unwrap();
    assert!(gv.contains("vc_disk_size: 16"), "{gv}");
}

/// The same in Japanese (`--lang ja`).
#[test]
fn a_prompt_in_japanese() {
    let d = Dir::new();
    let t = disk_size_prompt(&d, &["--lang", "ja"]);
    let screen = t.wait_for("\nvc_disk_size:");
    assert!(screen.contains("16 以上の整数"), "{screen}");
    t.line("abc");
    let screen = t.wait_count("\nvc_disk_size:", 2);
    assert!(screen.contains("もう一度入力してください"), "{screen}");
    t.line("16");
    let screen = t.wait_for("EXITED rc=");
    assert!(screen.contains("EXITED rc=0"), "{screen}");
}

/// `cwh --help` says what each command is for (`vcc` is not only the simulator), in English
/// by default and in Japanese under a Japanese locale or `--lang ja`.
#[test]
fn help_says_what_each_command_is_for_in_both_languages() {
    let d = Dir::new();
    let r = d.cwh().args(["--help"]).run().success();
    let vcc = r
        .stdout()
        .lines()
        .find(|l| l.trim_start().starts_with("vcc "))
        .unwrap_or_default()
        .to_string();
    assert!(vcc.contains("vcc check"), "{}", r.stdout());
    d.cwh()
        .args(["--help"])
        .env("LANG", "ja_JP.UTF-8")
        .run()
        .success()
        .stdout_has("使い方: cwh")
        .stdout_has("VCC の準備ができているか確認する");
    // LC_ALL wins over LANG, and --lang over both
    d.cwh()
        .args(["--help"])
        .env("LANG", "ja_JP.UTF-8")
        .env("LC_ALL", "C.UTF-8")
        .run()
        .success()
        .stdout_has("Usage: cwh");
    d.cwh()
        .args(["--lang", "ja", "vcc", "--help"])
        .env("LC_ALL", "C.UTF-8")
        .run()
        .success()
        .stdout_has("最初の実行の前に VCC を確認します");
}

/// The REPL: an unfinished entry continues behind a continuation prompt; a look-up that finds
/// nothing says so; a piped session with an error exits 1.
#[test]
fn repl_continuation_prompt_and_lookups_that_find_nothing() {
    let d = Dir::new();
    let home = d.path().display().to_string();
    let t = crate::support::tmux::Tmux::start(
        d.path(),
        &crate::support::bin(),
        &["repl", "--sim"],
        &[("HOME", &home)],
    );
    t.wait_for("cwh>");
    t.line("let a = [1,");
    t.wait_for("\n ...");
    t.line("2, 40];");
    t.wait_count("cwh>", 2);
    t.line("a[1] + a[2]");
    t.wait_for("\n42");
    t.wait_count("cwh>", 3);
    t.line("vcp.get_ugroup(\"Nope\")");
    t.wait_for("get_ugroup found nothing");
    t.key("C-d");
    let screen = t.wait_for("EXITED rc=");
    assert!(screen.contains("EXITED rc=0"), "{screen}");
    let r = d
        .cwh()
        .args(["repl", "--sim", "--lang", "ja"])
        .stdin("vcp.get_ugroup(\"Nope\")\nnope(1, \"a\")\n")
        .run()
        .code(1);
    r.stderr_has("get_ugroup は何も見つけませんでした")
        .stderr_has("(整数, 文字列)");
}

/// Rust or Rhai type names, Rhai jargon and empty values in `text` (what a reader must never
/// see); used here and on every case of the bad-input battery (tests/bad_inputs.rs).
pub(crate) fn jargon(text: &str) -> Vec<String> {
    const NAMES: &[&str] = &[
        "i8",
        "i16",
        "i32",
        "i64",
        "u8",
        "u16",
        "u32",
        "u64",
        "usize",
        "isize",
        "f32",
        "f64",
        "ImmutableString",
        "&str",
        "Dynamic",
        "FnPtr",
        "INT",
        "FLOAT",
    ];
    const PHRASES: &[&str] = &[
        "(())", "(string)", "(array)", "(map)", "(bool)", "(char)", "(i64)", "getter", "&mut ",
        "got  ", "rhai::",
    ];
    let mut found = Vec::new();
    for tok in text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '&' || c == '_')) {
        if NAMES.contains(&tok) {
            found.push(tok.to_string());
        }
    }
    for p in PHRASES {
        if text.contains(p) {
            found.push(p.to_string());
        }
    }
    for l in text.lines() {
        let l = l.trim_end();
        if l.ends_with(" got") || l.ends_with("got:") {
            found.push(format!("an empty value: {l}"));
        }
    }
    found
}

/// Every error kind of src/api/kinds.rs: the messages of the core errors with that code, as
/// a user reads them, hold no type name; every kind is raised somewhere in the source.
#[test]
fn every_error_kind_speaks_plain_words() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![];
    let mut dirs = vec![root.join("src"), root.join("stdlib")];
    let mut all = String::new();
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs" || x == "rhai") {
                all.push_str(&std::fs::read_to_string(&p).unwrap());
                files.push(p);
            }
        }
    }
    let mut templates: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    let mut seen = std::collections::BTreeSet::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, l) in lines.iter().enumerate() {
            let Some(at) = l.find("cwh::") else { continue };
            let kind: String = l[at + 5..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            seen.insert(kind.clone());
            if !l.contains("code(") {
                continue;
            }
            // the #[error("…")] of this variant: a few lines above its code
            for back in lines[i.saturating_sub(8)..i].iter().rev() {
                if let Some(s) = back.trim().strip_prefix("#[error(") {
                    templates
                        .entry(kind.clone())
                        .or_default()
                        .push(s.to_string());
                    break;
                }
            }
        }
    }
    let mut problems = vec![];
    let mut kinds = 0;
    for (domain, _, reasons) in cwh::api::kinds::DOMAINS {
        for r in reasons.split_whitespace() {
            kinds += 1;
            let kind = format!("{domain}::{r}");
            let raised = seen.iter().any(|s| s == &kind)
                || all.contains(&format!("\"{kind}\""))
                || all.contains(&format!("kind: \"{kind}"))
                || all.contains(&format!("\"{domain}\", \"{r}\""));
            if !raised {
                problems.push(format!("{kind}: raised nowhere in src/"));
            }
            for t in templates.get(&kind).into_iter().flatten() {
                let shown = cwh::script::diagnostics::for_reader(t);
                let j = jargon(&shown);
                if !j.is_empty() {
                    problems.push(format!("{kind}: {t} → {j:?}"));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
    let n: usize = templates.values().map(Vec::len).sum();
    eprintln!("{kinds} error kinds, {n} message templates checked");
}

/// A subset of the battery of tests/bad_inputs.rs (values of the main parameters, in English
/// and in Japanese): every message names no type and shows no empty value.
#[test]
fn bad_values_are_explained_without_type_names() {
    let d = Dir::new();
    let sizing = [
        ("vc_flavor", "small"),
        ("vc_disk_size", "16"),
        ("vc_nodes", "2"),
        ("vc_ipaddress", "172.30.2.100"),
    ];
    let bad = [
        "vc_disk_size=abc",
        "vc_disk_size=16.5",
        "vc_disk_size=[16]",
        "vc_disk_size=true",
        "vc_disk_size=\"16\"",
        "vc_disk_size=８",
        "vc_nodes=",
        "vc_nodes=2.5",
        "vc_nfs_disk_size=abc",
        "vc_ipaddress=",
        "vc_ipaddress=[172.30.2.100]",
        "vc_provider=",
        "vc_provider=5",
        "vc_flavor=\"small \"",
        "unit_group=",
        "unit_group=5",
        "ssh_public_key_path=5",
        "ssh_private_key_path=[a, b]",
        "known_hosts_file=true",
        "vc_nodes=[1,",
    ];
    let mut problems = vec![];
    for lang in ["en", "ja"] {
        for kv in bad {
            let key = kv.split('=').next().unwrap();
            let mut c = d.cwh();
            c.args(["--lang", lang, "run", SCRIPT, "--sim"]);
            for (k, v) in sizing.iter().filter(|(k, _)| *k != key) {
                c.args(["--set", &format!("{k}={v}")]);
            }
            let r = c.args(["--set", kv]).run();
            let se = r.stderr().to_string();
            if r.exit_code() == Some(0) {
                problems.push(format!("{lang} {kv}: accepted"));
            }
            let j = jargon(&se);
            if !j.is_empty() {
                problems.push(format!("{lang} {kv}: {j:?}\n{se}"));
            }
        }
    }
    // invisible characters are named
    let r = d
        .cwh()
        .args(["run", SCRIPT, "--sim", "--set", "vc_disk_size=１６"])
        .args(["--set", "vc_flavor=small", "--set", "vc_nodes=2"])
        .args(["--set", "vc_ipaddress=172.30.2.100"])
        .run()
        .code(1);
    r.stderr_has("full-width").stderr_has("as 16");
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

/// `cwh vcc check`: a configuration file given for the directory is named with the directory
/// to give; nothing is "ok" that was not verified; Japanese under --lang ja.
#[test]
fn vcc_check_names_what_it_found_in_both_languages() {
    let d = Dir::new();
    let cfg = d.write("cfg/vcp_config.yml", "vcc:\n  host: 127.0.0.1\n");
    d.cwh()
        .args(["vcc", "check", "--vcc-config"])
        .arg(&cfg)
        .run()
        .code(1)
        .stdout_has("FAIL config")
        .stdout_has("is a file")
        .stdout_has("use --vcc-config ")
        .stdout_lacks("not a directory");
    // no configuration at all: a note, not "ok"; no token: the token step fails
    let r = d
        .cwh()
        .args(["vcc", "check"])
        .env("CWH_VCC_URL", "http://127.0.0.1:9")
        .run()
        .code(1)
        .stdout_has("note config")
        .stdout_has("FAIL token")
        .stdout_lacks("ok   config");
    assert!(!r.stdout().contains("ready"), "{r}");
    d.cwh()
        .args(["--lang", "ja", "vcc", "check"])
        .env("CWH_VCC_URL", "http://127.0.0.1:9")
        .run()
        .code(1)
        .stdout_has("情報 設定")
        .stdout_has("失敗 トークン")
        .stdout_has("VCC アクセストークンがありません");
}
