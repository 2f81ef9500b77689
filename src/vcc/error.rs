//! The VCC core's error type: one enum, each variant with a `cwh::vcc::*` diagnostic code and a
//! help text that says how to fix the problem. Texts never contain the access token: every
//! message that comes from outside (server bodies, transport errors) goes through
//! [`crate::redact::redact`] when the error is built.
use crate::t;

/// Everything that can go wrong talking to a VCC (or preparing a request for one).
#[derive(Debug)]
pub enum VccError {
    /// HTTP 403: the VCC refused the access token.
    Forbidden {
        /// The server's `message`.
        message: String,
    },

    /// Connection refused, DNS failure, TLS failure, or every retry failed.
    Unreachable {
        /// The URL that was tried.
        url: String,
        /// What the transport said.
        reason: String,
    },

    /// The address answered in plain HTTP to our TLS handshake: not the VCC's HTTPS port (a
    /// web server, or `cwh vcc serve` without --tls). Never retried.
    PlainHttp {
        /// The URL that was tried.
        url: String,
    },

    /// The address does not speak TLS (nor HTTP): not a VCC. Never retried.
    NotTls {
        /// The URL that was tried.
        url: String,
        /// What the transport said.
        reason: String,
    },

    /// The VCC's TLS certificate is not signed by a CA we trust. Never retried.
    Tls {
        /// The URL that was tried.
        url: String,
        /// What rustls said.
        reason: String,
        /// The CA files in use (and the system store).
        trusted: String,
    },

    /// The VCC answered with a status the SDK does not expect.
    Http {
        /// The SDK's name for the call (`create vc`, `add unit`…).
        what: String,
        /// HTTP status.
        status: u16,
        /// The server's `message` or raw body.
        message: String,
    },

    /// The body was not the JSON the protocol promises.
    Malformed {
        /// The call.
        what: String,
        /// HTTP status.
        status: u16,
        /// Parser message.
        reason: String,
    },

    /// No provider of that name in vcp_flavor.yml.
    UnknownProvider {
        /// The name asked for.
        provider: String,
        /// The known ones, comma separated.
        known: String,
    },

    /// No flavor of that name for the provider.
    UnknownFlavor {
        /// Provider.
        provider: String,
        /// The flavor asked for.
        flavor: String,
        /// The known ones, comma separated.
        known: String,
    },

    /// A spec attribute the provider does not have.
    UnknownAttribute {
        /// Provider of the spec.
        provider: String,
        /// The attribute asked for.
        attr: String,
        /// Valid ones, comma separated.
        valid: String,
    },

    /// A value that fails validation (IPv4 syntax, sizes, names, selectors…).
    Invalid {
        /// What is wrong (the SDK's wording where it has one).
        message: String,
        /// How to fix it.
        fix: String,
    },

    /// `create_ugroup` with a name that exists.
    UgroupExists {
        /// The name.
        name: String,
    },

    /// A unit group or unit that is not (or no longer) on the VCC.
    NotFound {
        /// `unit group`, `unit`, `node`.
        what: &'static str,
        /// Its name or id.
        name: String,
    },

    /// A unit ended in ERROR.
    UnitFailed {
        /// Unit name.
        unit: String,
        /// The server's error_message.
        message: String,
    },

    /// Waiting for a unit took longer than `wait_timeout_sec`.
    WaitTimeout {
        /// Unit (or unit group) name.
        unit: String,
        /// Its last state.
        state: String,
        /// Seconds waited.
        waited_sec: u64,
    },

    /// `cleanup()` stopped with units left (ERROR units or attached disks).
    CleanupIncomplete {
        /// Unit group name.
        ugroup: String,
        /// `unit is STATE` items.
        remaining: String,
    },

    /// vcp_config.yml / vcp_flavor.yml unreadable or invalid.
    Config {
        /// The file or directory.
        path: String,
        /// What is wrong.
        message: String,
    },

    /// 502/503/504 on every attempt: a gateway in front of the VCC (or the VCC) is down.
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
    Journal {
        /// What failed.
        message: String,
    },
}

impl std::fmt::Display for VccError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            VccError::Forbidden { message } => t!("vcc-forbidden", message = message),
            VccError::Unreachable { url, reason } => {
                t!("vcc-unreachable", url = url, reason = reason)
            }
            VccError::PlainHttp { url } => t!("vcc-plain-http", url = url),
            VccError::NotTls { url, reason } => t!("vcc-not-tls", url = url, reason = reason),
            VccError::Tls {
                url,
                reason,
                trusted,
            } => t!("vcc-tls", url = url, reason = reason, trusted = trusted),
            VccError::Http {
                what,
                status,
                message,
            } => t!("vcc-http", what = what, status = *status, message = message),
            VccError::Malformed {
                what,
                status,
                reason,
            } => t!(
                "vcc-malformed",
                what = what,
                status = *status,
                reason = reason
            ),
            VccError::UnknownProvider { provider, .. } => {
                t!("vcc-unknown-provider", provider = provider)
            }
            VccError::UnknownFlavor {
                provider, flavor, ..
            } => t!("vcc-unknown-flavor", provider = provider, flavor = flavor),
            VccError::UnknownAttribute { attr, .. } => t!("vcc-unknown-attribute", attr = attr),
            VccError::Invalid { message, .. } => message.clone(),
            VccError::UgroupExists { name } => t!("vcc-ugroup-exists", name = name),
            VccError::NotFound { what, name } => {
                t!(
                    "vcc-not-found",
                    what = crate::vcc::error::what(what),
                    name = name
                )
            }
            VccError::UnitFailed { unit, message } => {
                t!("vcc-unit-failed", unit = unit, message = message)
            }
            VccError::WaitTimeout {
                unit,
                state,
                waited_sec,
            } => t!(
                "vcc-wait-timeout",
                unit = unit,
                state = state,
                seconds = *waited_sec
            ),
            VccError::CleanupIncomplete { ugroup, remaining } => t!(
                "vcc-cleanup-incomplete",
                ugroup = ugroup,
                remaining = remaining
            ),
            VccError::Config { path, message } => {
                t!("vcc-config", path = path, message = message)
            }
            VccError::GatewayOutage {
                what,
                status,
                attempts,
                message,
            } => t!(
                "vcc-gateway",
                what = what,
                status = *status,
                attempts = *attempts,
                message = message
            ),
            VccError::Duplicate {
                what,
                name,
                count,
                listing,
                ..
            } => t!(
                "vcc-duplicate",
                what = crate::vcc::error::what(what),
                name = name,
                count = *count,
                listing = listing
            ),
            VccError::LostRace {
                what, name, winner, ..
            } => t!(
                "vcc-lost-race",
                what = crate::vcc::error::what(what),
                name = name,
                winner = winner
            ),
            VccError::Journal { message } => message.clone(),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for VccError {}

impl miette::Diagnostic for VccError {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new(self.code_name()))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new(self.help_text()))
    }
}

/// `unit group`, `unit`, `node` in the reader's language.
pub(crate) fn what(what: &str) -> String {
    match what {
        "unit group" => t!("vcc-what-ugroup"),
        "unit" => t!("vcc-what-unit"),
        "node" => t!("vcc-what-node"),
        other => other.to_string(),
    }
}

/// The help of a unit that ended in ERROR: what fits the VCC's message (an address taken, outside
/// the network, reserved; no free address; a flavor, image or quota), then what to do with the
/// failed unit.
fn unit_failed_help(message: &str) -> String {
    let lower = message.to_ascii_lowercase();
    // the address the message names (`ip address 172.30.2.100 is …`)
    let address = lower
        .find("ip address ")
        .map(|i| &message[i + "ip address ".len()..])
        .and_then(|rest| rest.split_whitespace().next())
        .map(|a| a.trim_end_matches([',', ';', ':', '.']).to_string());
    let cause = match address {
        Some(a) if lower.contains("already in use") || lower.contains("already used") => {
            t!("vcc-unit-failed-address-taken", address = a)
        }
        Some(a) if lower.contains("not in private_network_ipmask") => {
            t!("vcc-unit-failed-address-outside", address = a)
        }
        Some(a) if lower.contains("not a node address") => {
            t!("vcc-unit-failed-address-reserved", address = a)
        }
        _ if lower.contains("no free address") => t!("vcc-unit-failed-no-free-address"),
        _ if lower.contains("not an ipv4 address") => t!("vcc-unit-failed-not-ipv4"),
        _ if lower.contains("flavor") || lower.contains("instance type") => {
            t!("vcc-unit-failed-flavor")
        }
        _ if lower.contains("image") => t!("vcc-unit-failed-image"),
        _ if lower.contains("quota") || lower.contains("limit") => t!("vcc-unit-failed-quota"),
        // no cause cwh knows: the notebooks' advice for a new unit, and for a node lost later
        _ => return t!("vcc-unit-failed-other"),
    };
    format!("{cause}\n{}", t!("vcc-unit-failed-then"))
}

impl VccError {
    /// How to fix it, in the reader's language.
    pub fn help_text(&self) -> String {
        match self {
            VccError::Forbidden { .. } => t!("vcc-forbidden-help"),
            VccError::Unreachable { .. } => t!("vcc-unreachable-help"),
            VccError::PlainHttp { .. } => t!("vcc-plain-http-help"),
            VccError::NotTls { .. } => t!("vcc-not-tls-help"),
            VccError::Tls { .. } => t!("vcc-tls-help"),
            VccError::Http { .. } => t!("vcc-http-help"),
            VccError::Malformed { .. } => t!("vcc-malformed-help"),
            VccError::UnknownProvider { known, .. } => {
                t!("vcc-unknown-provider-help", known = known)
            }
            VccError::UnknownFlavor {
                provider, known, ..
            } => t!(
                "vcc-unknown-flavor-help",
                provider = provider,
                known = known
            ),
            VccError::UnknownAttribute {
                provider, valid, ..
            } => t!(
                "vcc-unknown-attribute-help",
                provider = provider,
                valid = valid
            ),
            VccError::Invalid { fix, .. } => fix.clone(),
            VccError::UgroupExists { name } => t!("vcc-ugroup-exists-help", name = name),
            VccError::NotFound { .. } => t!("vcc-not-found-help"),
            VccError::UnitFailed { message, .. } => unit_failed_help(message),
            VccError::WaitTimeout { unit, .. } => t!("vcc-wait-timeout-help", unit = unit),
            VccError::CleanupIncomplete { .. } => t!("vcc-cleanup-incomplete-help"),
            VccError::Config { .. } => t!("vcc-config-help"),
            VccError::GatewayOutage { .. } => t!("vcc-gateway-help"),
            VccError::Duplicate { fix, .. } | VccError::LostRace { fix, .. } => fix.clone(),
            VccError::Journal { .. } => t!("vcc-journal-help"),
        }
    }
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

    /// The diagnostic code, `cwh::vcc::KIND`.
    pub fn code_name(&self) -> &'static str {
        match self {
            VccError::Forbidden { .. } => "cwh::vcc::forbidden",
            VccError::Unreachable { .. } | VccError::PlainHttp { .. } | VccError::NotTls { .. } => {
                "cwh::vcc::unreachable"
            }
            VccError::Tls { .. } => "cwh::vcc::tls",
            VccError::Http { .. } => "cwh::vcc::http",
            VccError::Malformed { .. } => "cwh::vcc::malformed",
            VccError::UnknownProvider { .. } => "cwh::vcc::unknown_provider",
            VccError::UnknownFlavor { .. } => "cwh::vcc::unknown_flavor",
            VccError::UnknownAttribute { .. } => "cwh::vcc::unknown_attribute",
            VccError::Invalid { .. } => "cwh::vcc::invalid",
            VccError::UgroupExists { .. } => "cwh::vcc::ugroup_exists",
            VccError::NotFound { .. } => "cwh::vcc::not_found",
            VccError::UnitFailed { .. } => "cwh::vcc::unit_error",
            VccError::WaitTimeout { .. } => "cwh::vcc::timeout",
            VccError::CleanupIncomplete { .. } => "cwh::vcc::cleanup_incomplete",
            VccError::Config { .. } => "cwh::vcc::config",
            VccError::GatewayOutage { .. } => "cwh::vcc::gateway",
            VccError::Duplicate { .. } => "cwh::vcc::duplicate",
            VccError::LostRace { .. } => "cwh::vcc::lost_race",
            VccError::Journal { .. } => "cwh::vcc::journal",
        }
    }

    /// Short machine-readable kind (the last part of the diagnostic code).
    pub fn kind(&self) -> &'static str {
        self.code_name().trim_start_matches("cwh::vcc::")
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

#[cfg(test)]
mod tests {
    use super::*;

    fn help(message: &str) -> String {
        crate::i18n::set_lang(crate::i18n::Lang::En);
        VccError::UnitFailed {
            unit: "w".into(),
            message: message.into(),
        }
        .help_text()
    }

    /// A unit in ERROR gets the help of its cause: the address it names, with what to do.
    #[test]
    fn a_failed_unit_gets_the_help_of_its_cause() {
        let stamp = "2026/12/06 16:07:37 UTC: VCPCloudException: w: ";
        let h = help(&format!("{stamp}ip address 172.30.2.100 is already in use"));
        assert!(
            h.contains("The address 172.30.2.100 is already used"),
            "{h}"
        );
        assert!(h.contains("leave the address out"), "{h}");
        assert!(!h.contains("flavor"), "{h}");
        let h = help(&format!(
            "{stamp}ip address 10.0.0.5 is not in private_network_ipmask 172.30.2.0/24"
        ));
        assert!(h.contains("10.0.0.5 is outside the network"), "{h}");
        let h = help(&format!(
            "{stamp}ip address 172.30.2.255 is broadcast of 172.30.2.0/24, not a node address"
        ));
        assert!(h.contains("172.30.2.255 is reserved"), "{h}");
        let h = help(&format!("{stamp}no free address in the pool"));
        assert!(h.contains("Every address of the network is in use"), "{h}");
        let h = help("InstanceLimitExceeded: quota reached");
        assert!(h.contains("limit of the cloud account"), "{h}");
        // a cause cwh does not know: the notebooks' advice, lost and powered-off nodes too
        let h = help("(no error_message)");
        assert!(
            h.contains("ug.cleanup()") && h.contains("start-nodes.rhai"),
            "{h}"
        );
        let e = VccError::UnitFailed {
            unit: "w".into(),
            message: "x".into(),
        };
        assert_eq!(e.kind(), "unit_error");
        use miette::Diagnostic as _;
        assert_eq!(e.code().unwrap().to_string(), "cwh::vcc::unit_error");
    }
}
