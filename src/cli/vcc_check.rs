//! `cwh vcc check`: what a site needs to know before its first run against its VCC — the
//! configuration in use, the URL and its TLS verification (CA files), whether the token is
//! accepted (user, role), the VCC's version, the providers of its VPN catalog with their
//! private networks, and the flavors — or exactly what is wrong. GET requests only.
use crate::cli::error::{Error, Result};
use crate::exit::Failure;
use crate::script::params::{Params, VCC_TOKEN};
use crate::t;
use crate::vcc::{Client, Config, ConfigSource, ConnectOptions, Target};

/// Arguments of `cwh vcc check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub vcc: crate::cli::common::VccArgs,
}

/// A check that failed: its FAIL line is the report.
const FAILED: Error = Error::Shown(crate::exit::SCRIPT);

/// How a line of the report ends: verified, failed, a warning, or a fact that was not a check.
#[derive(Clone, Copy)]
enum Mark {
    Ok,
    Fail,
    Warn,
    Note,
}

/// One line of the report: its mark, the step (config, url, tls, token…, in the reader's
/// language) and what was found.
fn report(mark: Mark, step: &str, text: impl std::fmt::Display) {
    let mark = t!(match mark {
        Mark::Ok => "check-mark-ok",
        Mark::Fail => "check-mark-fail",
        Mark::Warn => "check-mark-warn",
        Mark::Note => "check-mark-note",
    });
    let step = t!(&format!("check-step-{step}"));
    let pad = 13usize.saturating_sub(crate::i18n::words::width(&step));
    println!(
        "{mark} {step}{} {}",
        " ".repeat(pad),
        crate::redact::redact(&text.to_string())
    );
}

fn line(ok: bool, what: &str, text: impl std::fmt::Display) {
    report(if ok { Mark::Ok } else { Mark::Fail }, what, text);
}

fn help_line(h: impl std::fmt::Display) {
    println!("     {}", t!("check-help", help = h.to_string()));
}

/// The step a failed connection is named by: what failed (TLS, the token…), not "connect".
fn failed_step(code: Option<String>) -> &'static str {
    match code.as_deref().unwrap_or_default() {
        "cwh::vcc::tls" => "tls",
        "cwh::vcc::forbidden" | "cwh::vcc::no_token" => "token",
        _ => "connect",
    }
}

/// Run the check: Ok when the VCC is ready for a run; else the FAIL line (on stdout, the
/// report's own output) says what is wrong and the exit code is 1.
pub fn check(a: CheckArgs) -> Result {
    // --vcc-config takes the directory that holds vcp_config.yml, not the file itself
    if let Some(p) = a.vcc.vcc_config.as_deref()
        && p.is_file()
    {
        let dir = p
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(std::path::Path::new("."));
        line(
            false,
            "config",
            t!("check-config-is-file", file = p.display().to_string()),
        );
        help_line(t!(
            "check-config-is-file-help",
            dir = dir.display().to_string()
        ));
        return Err(FAILED);
    }
    let config = match Config::discover_quietly(a.vcc.vcc_config.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            line(false, "config", &e);
            if let Some(h) = miette::Diagnostic::help(&e) {
                help_line(h);
            }
            return Err(FAILED);
        }
    };
    match &config.source {
        ConfigSource::Dir(d) => line(
            true,
            "config",
            t!(
                "check-config-read",
                file = format!("{}/vcp_config.yml", d.display())
            ),
        ),
        ConfigSource::BuiltIn => report(Mark::Note, "config", t!("check-config-none")),
    }
    let url = std::env::var("CWH_VCC_URL")
        .ok()
        .filter(|u| !u.trim().is_empty())
        .map(|u| (crate::vcc::override_url(&u), "CWH_VCC_URL"))
        .or_else(|| config.base_url().map(|u| (u, "vcp_config.yml vcc.host")));
    let Some((url, from)) = url else {
        line(false, "url", t!("check-url-none"));
        return Err(FAILED);
    };
    report(
        Mark::Note,
        "url",
        t!("check-url", url = url.clone(), from = from),
    );
    // `insecure_request_warning: false` is the SDK's `verify=False`: cwh turns certificate
    // checks off too (http.rs), so this check must not say "verified"
    let unverified = url.starts_with("https://") && !config.vcc.insecure_request_warning;
    // what the certificate is verified against: said once the connection proved it
    let mut tls_ok: Option<String> = None;
    if unverified {
        report(
            Mark::Warn,
            "tls",
            t!(
                "check-tls-off",
                file = match &config.source {
                    ConfigSource::Dir(d) => format!("{}/vcp_config.yml", d.display()),
                    ConfigSource::BuiltIn => "vcp_config.yml".into(),
                }
            ),
        );
    } else if url.starts_with("https://") {
        match crate::vcc::http::ca_files(a.vcc.ca_cert.as_deref()) {
            Ok(cas) => {
                let mut trusted: Vec<String> = cas
                    .iter()
                    .map(|(p, src)| format!("{} ({src})", p.display()))
                    .collect();
                trusted.push(t!("check-tls-system-store"));
                tls_ok = Some(crate::i18n::words::list(&trusted));
            }
            Err(e) => {
                line(false, "tls", &e);
                return Err(FAILED);
            }
        }
    } else {
        report(Mark::Note, "tls", t!("check-tls-plain"));
    }
    let params = match Params::new(&[], None, a.vcc.token_file.clone()) {
        Ok(p) => p,
        Err(e) => {
            line(false, "token", &e);
            return Err(FAILED);
        }
    };
    let token = match params.secret(VCC_TOKEN) {
        Ok(Some(t)) => t,
        Ok(None) => {
            line(false, "token", t!("check-token-none"));
            help_line(Params::how_to_pass_secret(VCC_TOKEN));
            return Err(FAILED);
        }
        Err(e) => {
            line(false, "token", &e);
            if let Some(h) = miette::Diagnostic::help(&e) {
                help_line(h);
            }
            return Err(FAILED);
        }
    };
    let rt = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            return Err(
                Failure::script(t!("vcc-check-no-runtime", problem = e.to_string())).into(),
            );
        }
    };
    let flavors: Vec<(String, Vec<String>)> = config
        .providers_with_flavors()
        .into_iter()
        .map(|p| {
            let names = config
                .provider_flavors(p)
                .map(|f| f.keys().into_iter().map(str::to_string).collect())
                .unwrap_or_default();
            (p.to_string(), names)
        })
        .collect();
    let mut co = ConnectOptions::new(config, token);
    co.base_url = Some(url.clone());
    co.ca_cert = a.vcc.ca_cert.clone();
    let r = rt.block_on(async {
        let limit = std::time::Duration::from_secs(60);
        let c = tokio::time::timeout(limit, Client::connect(co))
            .await
            .map_err(|_| ("connect", t!("check-no-answer", seconds = limit.as_secs())))?
            .map_err(|e| {
                let help = miette::Diagnostic::help(&e)
                    .map(|h| format!("\n     {}", t!("check-help", help = h.to_string())))
                    .unwrap_or_default();
                let code = miette::Diagnostic::code(&e).map(|c| c.to_string());
                (failed_step(code), format!("{e}{help}"))
            })?;
        let v = c.version().await.map_err(|e| ("version", e.to_string()))?;
        let cat = c
            .vpn_catalogs()
            .await
            .map_err(|e| ("providers", e.to_string()))?;
        Ok::<_, (&str, String)>((c, v, cat))
    });
    let (client, version, catalog) = match r {
        Ok(x) => x,
        Err((step, e)) => {
            // a TLS failure names the CA files it was checked against itself
            line(false, step, e);
            return Err(FAILED);
        }
    };
    if let Some(t) = tls_ok {
        line(true, "tls", t!("check-tls-verified", cas = t));
    }
    let auth = client.authority();
    let s = |k: &str| {
        auth.get(k)
            .and_then(|v| v.as_str())
            .unwrap_or("?")
            .to_string()
    };
    line(
        true,
        "token",
        t!(
            "check-token-accepted",
            user = s("user_name"),
            role = s("user_role"),
            group = s("role")
        ),
    );
    line(true, "version", &version.version);
    // what the server said about itself at connect (x-cwh-simulator)
    let serve = match client.target() {
        Target::Simulator => Some(""),
        Target::Lab { .. } => Some(" --lab"),
        Target::Vcc | Target::Plan => None,
    };
    if let Some(flag) = serve {
        report(
            Mark::Note,
            "server",
            t!("check-server-simulator", flag = flag),
        );
    }
    let providers: Vec<String> = catalog
        .as_object()
        .map(|m| {
            m.iter()
                .map(|(p, entries)| {
                    let nets: Vec<String> = entries
                        .as_object()
                        .map(|e| {
                            e.iter()
                                .map(|(name, c)| {
                                    format!(
                                        "{name}: {}",
                                        c.get("private_network_ipmask")
                                            .and_then(|v| v.as_str())
                                            .map(str::to_string)
                                            .unwrap_or_else(|| t!("check-no-ipmask"))
                                    )
                                })
                                .collect()
                        })
                        .unwrap_or_default();
                    format!("{p} ({})", nets.join(", "))
                })
                .collect()
        })
        .unwrap_or_default();
    if providers.is_empty() {
        line(false, "providers", t!("check-providers-none"));
        return Err(FAILED);
    }
    line(true, "providers", providers.join("; "));
    // the flavors of the providers this VCC offers (`aws`, `aws_disk`, `aws_spot`…)
    let offered = |p: &str| {
        catalog
            .as_object()
            .is_some_and(|m| m.keys().any(|k| p == k || p.starts_with(&format!("{k}_"))))
    };
    for (p, names) in flavors.into_iter().filter(|(p, _)| offered(p)) {
        // from vcp_flavor.yml (or the built-in flavors): a fact of this machine, not the VCC's
        report(
            Mark::Note,
            "flavors",
            format!("{p}: {}", crate::i18n::words::list(&names)),
        );
    }
    if unverified {
        println!("{}", t!("check-ready-unverified"));
    } else {
        println!("{}", t!("check-ready"));
    }
    Ok(())
}
