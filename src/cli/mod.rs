//! The command line: one file per subcommand. `main` parses and dispatches; every command
//! returns an [`error::Result`] and `main` prints a failure once, at the edge, with its exit
//! code (`crate::exit`): 0 ok, 1 script or runtime error, 2 usage error, 130 interrupted.
use clap::{CommandFactory, Parser, Subcommand};

mod ansible;
mod check;
mod common;
mod completions;
mod doc;
pub mod error;
mod guard;
pub mod lab;
mod params;
mod repl;
mod run;
mod usage_error;
pub mod vcc;
mod vcc_check;

const ABOUT: &str = "Build and run CoursewareHub on the VCP cloud with Rhai scripts";
const LONG_ABOUT: &str = "\
cwh runs Rhai scripts whose primitives talk to the VC Controller (VCC), to nodes over SSH, to
Docker Swarm and to the Ansible files of the CoursewareHub notebooks. The shipped scripts/
reproduce the notebooks; a site changes its flow by editing a script, never by recompiling.";
const EXAMPLES: &str = "\
Examples:
  cwh run scripts/coursewarehub.rhai --params site.yml   build an environment
  cwh run demo.rhai --set vc_nodes=3                     run a script with a parameter
  cwh check scripts/*.rhai                               catch typos before anything runs
  cwh params scripts/coursewarehub.rhai                  the parameters a script asks for
  cwh repl                                               ad hoc VCC work at a prompt
  cwh doc | less                                         the script API reference";

#[derive(Debug, Parser)]
#[command(name = "cwh", version, about = ABOUT, long_about = LONG_ABOUT, after_help = EXAMPLES)]
pub struct Cli {
    /// More output on stderr: -v shows every VCC call, remote command and file write (the run
    /// journal), -vv adds cwh's debug logs, -vvv everything (secrets stay masked).
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub verbose: u8,
    /// Only errors on stderr.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
    /// The language of messages: en or ja (default: LC_ALL, LC_MESSAGES or LANG; ja_JP.UTF-8
    /// gives Japanese).
    #[arg(long, global = true, value_name = "LANG", value_parser = ["en", "ja"])]
    pub lang: Option<String>,
    #[command(subcommand)]
    pub cmd: Cmd,
}

#[derive(Debug, Subcommand)]
pub enum Cmd {
    Run(run::RunArgs),
    Check(check::CheckArgs),
    Repl(repl::ReplArgs),
    Params(params::ParamsArgs),
    Doc(doc::DocArgs),
    Completions(completions::CompletionsArgs),
    /// Your VCC and the simulator: check that your VCC is ready (vcc check), or serve the
    /// simulator (vcc serve, vcc reset).
    ///
    /// `cwh vcc check` checks the configuration, TLS, token and providers of your VCC with GET
    /// requests only. The simulator speaks the VC Controller's REST protocol, so scripts (and the VCP SDK)
    /// can rehearse against it before spending cloud money.
    ///
    /// Examples:
    ///   CWH_SIM_TOKEN=s.mytoken cwh vcc serve --listen 127.0.0.1:18443
    ///   CWH_VCC_URL=http://127.0.0.1:18443 VCC_ACCESS_TOKEN=s.mytoken cwh run flow.rhai
    ///   cwh vcc check --vcc-config ~/vcp   # is my VCC ready for a first run?
    ///   cwh vcc reset          # forget what `cwh run --sim` created in this workdir
    #[command(subcommand, verbatim_doc_comment)]
    Vcc(vcc::VccCommand),
    /// The local lab: VC nodes as containers (image, status, down).
    #[command(subcommand, after_help = lab::EXAMPLES)]
    Lab(lab::LabCommand),
    /// The Ansible that scripts' ansible::playbook runs (install it in cwh's own venv).
    #[command(subcommand)]
    Ansible(ansible::AnsibleCommand),
}

/// The command line with its summaries from the catalogs (`help-cmd-…`): each subcommand says
/// what it is for, in the reader's language; in Japanese the headings and the global options
/// too (the options of each subcommand keep their English help).
pub fn localized_command() -> clap::Command {
    use crate::t;
    let ja = crate::i18n::lang() == crate::i18n::Lang::Ja;
    fn walk(cmd: clap::Command, path: &str, ja: bool) -> clap::Command {
        let mut cmd = cmd;
        let names: Vec<String> = cmd
            .get_subcommands()
            .map(|c| c.get_name().to_string())
            .collect();
        for n in names {
            let key = format!("{path}-{n}");
            cmd = cmd.mut_subcommand(&n, |sub| {
                let mut sub = walk(sub, &key, ja);
                let about = crate::i18n::message(&key, &[]);
                if about != key {
                    sub = sub.about(about.clone());
                    if ja {
                        // the whole description with its examples where the catalog has one
                        // (`cli-long-run`), else the summary
                        let place = key.trim_start_matches("help-cmd-");
                        let long_key = format!("cli-long-{place}");
                        let long = crate::i18n::message(&long_key, &[]);
                        sub = sub.long_about(if long != long_key { long } else { about });
                        // examples after the options (`lab-help-examples` for `cwh lab`)
                        let examples_key = format!("{place}-help-examples");
                        let examples = crate::i18n::message(&examples_key, &[]);
                        if examples != examples_key {
                            sub = sub.after_long_help(examples.clone()).after_help(examples);
                        }
                    }
                }
                sub
            });
        }
        if ja {
            // `help-cmd-run-x` → `run-x`: the command's place, for its options' keys
            let place = path
                .strip_prefix("help-cmd")
                .unwrap_or(path)
                .trim_start_matches('-');
            let place = place.to_string();
            cmd = cmd
                .help_template(t!("help-template"))
                .subcommand_help_heading(leak(t!("help-heading-commands")))
                .next_help_heading(leak(t!("help-heading-options")))
                .mut_args(|a| {
                    let a = match arg_help(&place, a.get_id().as_str()) {
                        Some(h) => a.help(h.clone()).long_help(h),
                        None => a,
                    };
                    if a.get_help_heading().is_some() {
                        a
                    } else if a.is_positional() {
                        a.help_heading(leak(t!("help-heading-arguments")))
                    } else {
                        a.help_heading(leak(t!("help-heading-options")))
                    }
                });
            if cmd.get_subcommands().any(|c| c.get_name() == "help") {
                cmd = cmd.mut_subcommand("help", |h| h.about(t!("cli-help-subcommand")));
            }
        }
        cmd
    }
    /// An option's help in the reader's language: `cli-arg-PLACE-ID` (`cli-arg-run-output`),
    /// else `cli-arg-ID` for the options many commands share (`cli-arg-workdir`).
    fn arg_help(place: &str, id: &str) -> Option<String> {
        let id = id.replace('_', "-");
        let mut keys = vec![format!("cli-arg-{id}")];
        if !place.is_empty() {
            keys.insert(0, format!("cli-arg-{place}-{id}"));
        }
        keys.into_iter().find_map(|k| {
            let m = crate::i18n::message(&k, &[]);
            (m != k).then_some(m)
        })
    }
    let mut cmd = Cli::command();
    if ja {
        cmd = cmd
            .about(t!("help-about"))
            .long_about(t!("help-long-about"))
            .after_help(t!("help-examples"))
            .mut_arg("verbose", |a| a.help(t!("help-arg-verbose")))
            .mut_arg("quiet", |a| a.help(t!("help-arg-quiet")))
            .mut_arg("lang", |a| a.help(t!("help-arg-lang")));
    }
    if ja {
        // the generated --help/--version exist once the command is built: give them the
        // heading too
        cmd.build();
    }
    walk(cmd, "help-cmd", ja)
}

/// A heading for clap, which keeps `&'static str` headings (built once per process).
fn leak(s: String) -> &'static str {
    Box::leak(s.into_boxed_str())
}

/// Set by the panic hook when a write to stdout (or stderr) failed because its reader went
/// away (`cwh doc | head -1`).
static OUTPUT_CLOSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Is this panic `println!`/`eprintln!` finding its output gone (a closed pipe, a terminal that
/// was closed)?
fn output_closed(info: &std::panic::PanicHookInfo<'_>) -> bool {
    let p = info.payload();
    let msg = p
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| p.downcast_ref::<&str>().copied())
        .unwrap_or_default();
    msg.starts_with("failed printing to stdout") || msg.starts_with("failed printing to stderr")
}

/// Parse the process arguments and run; returns the exit code.
///
/// SIGPIPE stays ignored (Rust's default): a peer that closes a socket (a plain-HTTP server
/// answering our TLS handshake, an SSH server, the Docker socket) is an error the command
/// reports, never a silent death. A closed stdout (`cwh doc | head -1`) ends the command
/// quietly with exit code 0 (128 + the signal's number after a signal: a closed terminal),
/// its destructors run (the workdir lock is released).
pub fn main() -> i32 {
    let backtrace = std::env::var_os("RUST_BACKTRACE").is_some();
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if output_closed(info) {
            OUTPUT_CLOSED.store(true, std::sync::atomic::Ordering::SeqCst);
        } else if backtrace {
            default_hook(info);
        } else {
            // A bug must not greet a site administrator with a Rust backtrace.
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "{}",
                crate::t!(
                    "cli-panic",
                    problem = crate::redact::redact(&info.to_string())
                )
            );
        }
    }));
    match std::panic::catch_unwind(dispatch) {
        Ok(code) => code,
        // the reader took what it wanted (`| head -1`); after SIGHUP the terminal is gone
        Err(_) if OUTPUT_CLOSED.load(std::sync::atomic::Ordering::SeqCst) => {
            crate::exit::stopped_by().map_or(crate::exit::OK, crate::exit::for_signal)
        }
        Err(p) => std::panic::resume_unwind(p),
    }
}

fn dispatch() -> i32 {
    // `cwh run SCRIPT --help`: the help of `run`, then the parameters the script asks for
    let args: Vec<String> = std::env::args().collect();
    if let Some(l) = crate::i18n::lang_from_args(&args) {
        crate::i18n::set_lang(l);
    }
    if let Some(script) = params::run_help_script(&args) {
        let mut cmd = localized_command();
        if let Some(run) = cmd.find_subcommand_mut("run") {
            let _ = run.print_long_help();
        }
        println!();
        return error::report(params::run(params::ParamsArgs {
            script,
            libs: vec![],
            output: "table".into(),
        }));
    }
    let cli = match localized_command()
        .try_get_matches_from(&args)
        .and_then(|m| <Cli as clap::FromArgMatches>::from_arg_matches(&m))
    {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() {
                crate::exit::USAGE
            } else {
                crate::exit::OK
            };
            if e.use_stderr()
                && crate::i18n::lang() == crate::i18n::Lang::Ja
                && let Some(m) = usage_error::japanese(&e)
            {
                eprintln!("{m}");
                return code;
            }
            let _ = e.print();
            return code;
        }
    };
    common::init_logging(cli.verbose, cli.quiet);
    let r = match cli.cmd {
        Cmd::Run(a) => run::run(a),
        Cmd::Check(a) => check::run(a),
        Cmd::Repl(a) => repl::run(a, cli.quiet),
        Cmd::Params(a) => params::run(a),
        Cmd::Doc(a) => doc::run(a),
        Cmd::Completions(a) => completions::run(a, &mut Cli::command()),
        Cmd::Vcc(c) => vcc::execute(c, if cli.quiet { 0 } else { cli.verbose }),
        Cmd::Lab(c) => lab::run(c),
        Cmd::Ansible(c) => ansible::run(c),
    };
    // the one place a failure is printed
    error::report(r)
}
