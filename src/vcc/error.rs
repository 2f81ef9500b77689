//! The VCC core's error type: one enum, each variant with a `cwh::vcc::*` diagnostic code and a
//! help text that says how to fix the problem. Texts never contain the access token: every
//! message that comes from outside (server bodies, transport errors) goes through
//! [`crate::redact::redact`] when the error is built.
use miette::Diagnostic;
use thiserror::Error;

/// Everything that can go wrong talking to a VCC (or preparing a request for one).
#[derive(Debug, Error, Diagnostic)]
pub enum VccError {
    /// HTTP 403: the VCC refused the access token.
    #[error("token rejected by the VCC (http_status(403)): {message}")]
    #[diagnostic(
        code = "cwh::vcc::forbidden",
        help(
            "the access token was rejected: it is wrong or expired. Get a fresh token from the VCP \
             portal and pass it through VCC_ACCESS_TOKEN, --token-file FILE or the prompt (never on \
             the command line)"
        )
    )]
    Forbidden {
        /// The server's `message`.
        message: String,
    },

    /// Connection refused, DNS failure, TLS failure, or every retry failed.
    #[error("cannot reach the VCC at {url}: {reason}")]
    #[diagnostic(
        code = "cwh::vcc::unreachable",
        help(
            "check vcc.host / vcc_port in vcp_config.yml (or CWH_VCC_URL), that the VCC is up and \
             reachable from here (VPN, firewall). For the simulator: is `cwh vcc serve` running \
             on that address?"
        )
    )]
    Unreachable {
        /// The URL that was tried.
        url: String,
        /// What the transport said.
        reason: String,
    },

    /// The address answered in plain HTTP to our TLS handshake: not the VCC's HTTPS port (a
    /// web server, or `cwh vcc serve` without --tls). Never retried.
    #[error("the VCC at {url} answered in plain HTTP, not HTTPS")]
    #[diagnostic(
        code = "cwh::vcc::unreachable",
        help(
            "the VCC speaks HTTPS: set vcc.host and vcc_port in vcp_config.yml to the VCC's HTTPS \
             address (port 443 unless your VCP operator gave another). A simulator started with \
             `cwh vcc serve` without --tls speaks plain HTTP: start it with --tls (and trust the \
             ca.pem it prints), or reach it with CWH_VCC_URL=http://HOST:PORT"
        )
    )]
    PlainHttp {
        /// The URL that was tried.
        url: String,
    },

    /// The address does not speak TLS (nor HTTP): not a VCC. Never retried.
    #[error("the server at {url} does not speak HTTPS: {reason}")]
    #[diagnostic(
        code = "cwh::vcc::unreachable",
        help(
            "this address is not the VCC's HTTPS port (another service listens there): check \
             vcc.host and vcc_port in vcp_config.yml (or CWH_VCC_URL)"
        )
    )]
    NotTls {
        /// The URL that was tried.
        url: String,
        /// What the transport said.
        reason: String,
    },

    /// The VCC's TLS certificate is not signed by a CA we trust. Never retried.
    #[error("the TLS certificate of {url} is not trusted: {reason} (trusted: {trusted})")]
    #[diagnostic(
        code = "cwh::vcc::tls",
        help(
            "pass the site's CA certificate (PEM) with --ca-cert FILE or export \
             REQUESTS_CA_BUNDLE=FILE, as for the VCP SDK (for `cwh vcc serve --tls` it is the \
             ca.pem it printed); cwh trusts --ca-cert, REQUESTS_CA_BUNDLE, SSL_CERT_FILE and the \
             system store"
        )
    )]
    Tls {
        /// The URL that was tried.
        url: String,
        /// What rustls said.
        reason: String,
        /// The CA files in use (and the system store).
        trusted: String,
    },

    /// The VCC answered with a status the SDK does not expect.
    #[error("{what} failed: http_status({status}): {message}")]
    #[diagnostic(
        code = "cwh::vcc::http",
        help("the VCC refused the request; its message above says why")
    )]
    Http {
        /// The SDK's name for the call (`create vc`, `add unit`…).
        what: String,
        /// HTTP status.
        status: u16,
        /// The server's `message` or raw body.
        message: String,
    },

    /// The body was not the JSON the protocol promises.
    #[error("malformed JSON from the VCC ({what}, http_status({status})): {reason}")]
    #[diagnostic(
        code = "cwh::vcc::malformed",
        help(
            "the server at this address does not speak the VCC protocol (wrong URL or a proxy error page?)"
        )
    )]
    Malformed {
        /// The call.
        what: String,
        /// HTTP status.
        status: u16,
        /// Parser message.
        reason: String,
    },

    /// No provider of that name in vcp_flavor.yml.
    #[error("unknown provider `{provider}`")]
    #[diagnostic(code = "cwh::vcc::unknown_provider", help("known providers: {known}"))]
    UnknownProvider {
        /// The name asked for.
        provider: String,
        /// The known ones, comma separated.
        known: String,
    },

    /// No flavor of that name for the provider.
    #[error("no flavor provider_name[{provider}] flavor[{flavor}]")]
    #[diagnostic(
        code = "cwh::vcc::unknown_flavor",
        help("flavors of {provider}: {known}")
    )]
    UnknownFlavor {
        /// Provider.
        provider: String,
        /// The flavor asked for.
        flavor: String,
        /// The known ones, comma separated.
        known: String,
    },

    /// A spec attribute the provider does not have.
    #[error("spec resource has no attributes!!  [{attr}]")]
    #[diagnostic(
        code = "cwh::vcc::unknown_attribute",
        help("attributes of a {provider} spec: {valid}")
    )]
    UnknownAttribute {
        /// Provider of the spec.
        provider: String,
        /// The attribute asked for.
        attr: String,
        /// Valid ones, comma separated.
        valid: String,
    },

    /// A value that fails validation (IPv4 syntax, sizes, names, selectors…).
    #[error("{message}")]
    #[diagnostic(code = "cwh::vcc::invalid", help("{fix}"))]
    Invalid {
        /// What is wrong (the SDK's wording where it has one).
        message: String,
        /// How to fix it.
        fix: String,
    },

    /// `create_ugroup` with a name that exists.
    #[error("aleady exist UnitGroup. change name or cleanup first! [{name}]")]
    #[diagnostic(
        code = "cwh::vcc::ugroup_exists",
        help(
            "use vcp.get_ugroup(\"{name}\") to reuse it, pick another name, or clean it up first"
        )
    )]
    UgroupExists {
        /// The name.
        name: String,
    },

    /// A unit group or unit that is not (or no longer) on the VCC.
    #[error("{what} not found: {name}")]
    #[diagnostic(
        code = "cwh::vcc::not_found",
        help("it was deleted or never created; list what exists with vcp.ugroups() / ug.units()")
    )]
    NotFound {
        /// `unit group`, `unit`, `node`.
        what: &'static str,
        /// Its name or id.
        name: String,
    },

    /// A unit ended in ERROR.
    #[error("failed ({unit}): {message}")]
    #[diagnostic(
        code = "cwh::vcc::unit_error",
        help(
            "a new unit that failed to start: as the notebooks advise, clean up the unit group \
             (ug.cleanup()), fix the cause named above (IP address, flavor, image, quota) and run \
             again. A node that ran before and is lost now (its VM gone): remove it with \
             scripts/remove-workers.rhai --set delete_ipaddresses=ADDRESS, then add one with \
             scripts/add-workers.rhai; a powered-off node: scripts/start-nodes.rhai"
        )
    )]
    UnitFailed {
        /// Unit name.
        unit: String,
        /// The server's error_message.
        message: String,
    },

    /// Waiting for a unit took longer than `wait_timeout_sec`.
    #[error("Full of waiting time ({unit}): still {state} after {waited_sec} s")]
    #[diagnostic(
        code = "cwh::vcc::timeout",
        help(
            "the nodes may still come up: re-check later with ug.get_unit(\"{unit}\").state or \
             ug.find_nodes(), and raise vcc.wait_timeout_sec in vcp_config.yml to wait longer"
        )
    )]
    WaitTimeout {
        /// Unit (or unit group) name.
        unit: String,
        /// Its last state.
        state: String,
        /// Seconds waited.
        waited_sec: u64,
    },

    /// `cleanup()` stopped with units left (ERROR units or attached disks).
    #[error("not completed!!! unit group {ugroup} still holds: {remaining}")]
    #[diagnostic(
        code = "cwh::vcc::cleanup_incomplete",
        help(
            "a storage unit whose disks are attached cannot go: clean up the compute unit group \
             that uses them first, then retry; units in ERROR may need the VCC operator"
        )
    )]
    CleanupIncomplete {
        /// Unit group name.
        ugroup: String,
        /// `unit is STATE` items.
        remaining: String,
    },

    /// vcp_config.yml / vcp_flavor.yml unreadable or invalid.
    #[error("configuration {path}: {message}")]
    #[diagnostic(
        code = "cwh::vcc::config",
        help(
            "fix the file (it uses the VCP SDK's format), or point --vcc-config / VCP_CONFIG_DIR elsewhere"
        )
    )]
    Config {
        /// The file or directory.
        path: String,
        /// What is wrong.
        message: String,
    },

    /// 502/503/504 on every attempt: a gateway in front of the VCC (or the VCC) is down.
    #[error(
        "{what} failed: the VCC's gateway answered http_status({status}) {attempts} times in a row (a gateway outage, not a refusal): {message}"
    )]
    #[diagnostic(
        code = "cwh::vcc::gateway",
        help(
            "the VCC or a proxy in front of it is down or overloaded: wait until it answers again              and re-run the script — it resumes, and whether the last change was applied is              re-checked, never blindly repeated"
        )
    )]
    GatewayOutage {
        /// The SDK's name for the call.
        what: String,
        /// The last status (502, 503 or 504).
        status: u16,
        /// How many attempts were made.
        attempts: u32,
        /// The last answer's message or body.
        message: String,
    },

    /// A name that matches more than one unit group (or unit): never pick one silently.
    #[error("{count} {what}s are named {name}: {listing}")]
    #[diagnostic(code = "cwh::vcc::duplicate", help("{fix}"))]
    Duplicate {
        /// `unit group` or `unit`.
        what: &'static str,
        /// The name.
        name: String,
        /// How many.
        count: usize,
        /// Each one: id, creation time, state, nodes.
        listing: String,
        /// How to clean up.
        fix: String,
    },

    /// Another run created a unit group (or unit) of this name at the same moment and keeps
    /// it; this run removed its own (still empty) copy, or created none, and stops.
    #[error("{what} {name}: another run created it at the same moment and keeps it: {winner}")]
    #[diagnostic(code = "cwh::vcc::lost_race", help("{fix}"))]
    LostRace {
        /// `unit group` or `unit`.
        what: &'static str,
        /// The name (`nfs in unit group X` for a unit).
        name: String,
        /// The copy that is kept: id, number, creation time, owner, what its creator recorded.
        winner: String,
        /// What this run did and what to do next.
        fix: String,
    },

    /// The run journal could not be written: stop before the next change.
    #[error("{message}")]
    #[diagnostic(
        code = "cwh::vcc::journal",
        help(
            "free space in the workdir (or fix its permissions) and run the script again: it resumes"
        )
    )]
    Journal {
        /// What failed.
        message: String,
    },
}

/// Result alias for the VCC core.
pub type Result<T, E = VccError> = std::result::Result<T, E>;

impl VccError {
    /// The HTTP status behind this error, when there is one.
    pub fn status(&self) -> Option<u16> {
        match self {
            VccError::Forbidden { .. } => Some(403),
            VccError::Http { status, .. }
            | VccError::Malformed { status, .. }
            | VccError::GatewayOutage { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// Short machine-readable kind (the last part of the diagnostic code).
    pub fn kind(&self) -> &'static str {
        match self {
            VccError::Forbidden { .. } => "forbidden",
            VccError::Unreachable { .. } | VccError::PlainHttp { .. } | VccError::NotTls { .. } => {
                "unreachable"
            }
            VccError::Tls { .. } => "tls",
            VccError::Http { .. } => "http",
            VccError::Malformed { .. } => "malformed",
            VccError::UnknownProvider { .. } => "unknown_provider",
            VccError::UnknownFlavor { .. } => "unknown_flavor",
            VccError::UnknownAttribute { .. } => "unknown_attribute",
            VccError::Invalid { .. } => "invalid",
            VccError::UgroupExists { .. } => "ugroup_exists",
            VccError::NotFound { .. } => "not_found",
            VccError::UnitFailed { .. } => "unit_error",
            VccError::WaitTimeout { .. } => "timeout",
            VccError::CleanupIncomplete { .. } => "cleanup_incomplete",
            VccError::Config { .. } => "config",
            VccError::GatewayOutage { .. } => "gateway",
            VccError::Duplicate { .. } => "duplicate",
            VccError::LostRace { .. } => "lost_race",
            VccError::Journal { .. } => "journal",
        }
    }

    /// A validation error with the fix.
    pub fn invalid(message: impl Into<String>, fix: impl Into<String>) -> Self {
        VccError::Invalid {
            message: message.into(),
            fix: fix.into(),
        }
    }
}

/// Redact registered secrets from text that came from outside.
pub(crate) fn clean(text: &str) -> String {
    crate::redact::redact(text).into_owned()
}
