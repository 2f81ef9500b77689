//! Issue 25: the message catalogs, prompts that teach, plain words, and Japanese.
use crate::support::Dir;

/// Every message key is in both catalogs, with the same placeholders, and both read cleanly.
#[test]
fn catalogs_have_the_same_keys_and_placeholders() {
    let (en, en_err) = cwh::i18n::catalog_keys(cwh::i18n::EN);
    let (ja, ja_err) = cwh::i18n::catalog_keys(cwh::i18n::JA);
    assert!(en_err.is_empty(), "locales/en.ftl: {en_err:?}");
    assert!(ja_err.is_empty(), "locales/ja.ftl: {ja_err:?}");
    let only_en: Vec<&String> = en.keys().filter(|k| !ja.contains_key(*k)).collect();
    let only_ja: Vec<&String> = ja.keys().filter(|k| !en.contains_key(*k)).collect();
    assert!(only_en.is_empty(), "keys missing from ja.ftl: {only_en:?}");
    assert!(only_ja.is_empty(), "keys missing from en.ftl: {only_ja:?}");
    for (k, vars) in &en {
        assert_eq!(
            vars, &ja[k],
            "placeholders of `{k}` differ between en.ftl and ja.ftl"
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
