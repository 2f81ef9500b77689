//! `cwh vcc check`: what a site needs to know before its first run against its VCC — the
//! configuration in use, the URL and its TLS verification (CA files), whether the token is
//! accepted (user, role), the VCC's version, the providers of its VPN catalog with their
//! private networks, and the flavors — or exactly what is wrong. GET requests only.
use crate::cli::error::{Error, Result};
use crate::exit::Failure;
use crate::script::params::{Params, VCC_TOKEN};
use crate::vcc::{Client, Config, ConfigSource, ConnectOptions, Target};

/// Arguments of `cwh vcc check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub vcc: crate::cli::common::VccArgs,
}

/// A check that failed: its FAIL line is the report.
const FAILED: Error = Error::Shown(crate::exit::SCRIPT);

fn line(ok: bool, what: &str, text: impl std::fmt::Display) {
    println!(
        "{} {what:<13} {}",
        if ok { "ok  " } else { "FAIL" },
        crate::redact::redact(&text.to_string())
    );
}

/// Run the check: Ok when the VCC is ready for a run; else the FAIL line (on stdout, the
/// report's own output) says what is wrong and the exit code is 1.
pub fn check(a: CheckArgs) -> Result {
    let config = match Config::discover(a.vcc.vcc_config.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            line(false, "config", &e);
            if let Some(h) = miette::Diagnostic::help(&e) {
                println!("     help: {h}");
            }
            return Err(FAILED);
        }
    };
    match &config.source {
        ConfigSource::Dir(d) => line(true, "config", format!("{}/vcp_config.yml", d.display())),
        ConfigSource::BuiltIn => line(
            true,
            "config",
            "no vcp_config.yml found (--vcc-config, VCP_CONFIG_DIR, ~/.config/vcp, /notebooks/notebook/vcp_config): built-in defaults",
        ),
    }
    let url = std::env::var("CWH_VCC_URL")
        .ok()
        .filter(|u| !u.trim().is_empty())
        .map(|u| (crate::vcc::override_url(&u), "CWH_VCC_URL"))
        .or_else(|| config.base_url().map(|u| (u, "vcp_config.yml vcc.host")));
    let Some((url, from)) = url else {
        line(
            false,
            "url",
            "no VCC host: set `vcc: host:` in vcp_config.yml (see examples/vcp_config.yml) or CWH_VCC_URL",
        );
        return Err(FAILED);
    };
    line(true, "url", format!("{url} (from {from})"));
    // `insecure_request_warning: false` is the SDK's `verify=False`: cwh turns certificate
    // checks off too (http.rs), so this check must not say "verified"
    let unverified = url.starts_with("https://") && !config.vcc.insecure_request_warning;
    if unverified {
        println!(
            "WARN {:<13} NOT verified: vcc.insecure_request_warning: false in {} turns certificate checks off, so anyone on the way to the VCC can pose as it and read the access token; remove that line and trust the VCC's CA instead (--ca-cert FILE or REQUESTS_CA_BUNDLE)",
            "tls",
            match &config.source {
                ConfigSource::Dir(d) => format!("{}/vcp_config.yml", d.display()),
                ConfigSource::BuiltIn => "vcp_config.yml".into(),
            }
        );
    } else if url.starts_with("https://") {
        match crate::vcc::http::ca_files(a.vcc.ca_cert.as_deref()) {
            Ok(cas) => {
                let mut trusted: Vec<String> = cas
                    .iter()
                    .map(|(p, src)| format!("{} ({src})", p.display()))
                    .collect();
                trusted.push("the system store".into());
                line(
                    true,
                    "tls",
                    format!("verified against {}", trusted.join(", ")),
                );
            }
            Err(e) => {
                line(false, "tls", &e);
                return Err(FAILED);
            }
        }
    } else {
        line(true, "tls", "none: plain HTTP (only for a local simulator)");
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
            line(false, "token", "no VCC access token");
            println!("     help: {}", Params::how_to_pass_secret(VCC_TOKEN));
            return Err(FAILED);
        }
        Err(e) => {
            line(false, "token", &e);
            if let Some(h) = miette::Diagnostic::help(&e) {
                println!("     help: {h}");
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
            return Err(Failure::script(format!("cannot start the async runtime: {e}")).into());
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
            .map_err(|_| format!("no answer within {limit:?}"))?
            .map_err(|e| {
                let help = miette::Diagnostic::help(&e)
                    .map(|h| format!("\n     help: {h}"))
                    .unwrap_or_default();
                format!("{e}{help}")
            })?;
        let v = c.version().await.map_err(|e| e.to_string())?;
        let cat = c.vpn_catalogs().await.map_err(|e| e.to_string())?;
        Ok::<_, String>((c, v, cat))
    });
    let (client, version, catalog) = match r {
        Ok(x) => x,
        Err(e) => {
            line(false, "connect", e);
            return Err(FAILED);
        }
    };
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
        format!(
            "accepted: user {}, role {} ({})",
            s("user_name"),
            s("user_role"),
            s("role")
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
        line(
            true,
            "server",
            format!("cwh's simulator (`cwh vcc serve{flag}`), not a real VCC"),
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
                                            .unwrap_or("no private_network_ipmask")
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
        line(
            false,
            "providers",
            "the VPN catalog lists no provider: ask the VCC's operator",
        );
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
        line(true, "flavors", format!("{p}: {}", names.join(", ")));
    }
    if unverified {
        println!(
            "ready, but the VCC's certificate is NOT verified (see the tls line): try `cwh run SCRIPT --plan` next"
        );
    } else {
        println!("ready: try `cwh run SCRIPT --plan` next");
    }
    Ok(())
}
