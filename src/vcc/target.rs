//! What a run talks to. The host says what it started (`--sim`, `--lab`, `--plan`); a
//! configured VCC is a real one unless it says otherwise (`x-cwh-simulator`, sent by a
//! standalone `cwh vcc serve`). The target decides how waits are paced and what scripts see in
//! `vcp.target`; nothing guesses it from a URL's scheme or a label's text.
use crate::vcc::wait::WaitOptions;

/// The kind of VC Controller a run talks to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Target {
    /// A real VC Controller (whatever the scheme: a tunnel may carry it over plain HTTP).
    #[default]
    Vcc,
    /// cwh's simulator with record-only nodes (`--sim`, or a standalone `cwh vcc serve`).
    Simulator,
    /// cwh's simulator with container nodes (`--lab`, or `cwh vcc serve --lab`); the lab's
    /// name when the host started it.
    Lab { name: Option<String> },
    /// A rehearsal on a snapshot (`--plan`): the script goes the way a real VCC's run goes.
    Plan,
}

impl Target {
    /// What the host expected, refined by what the server said about itself at connect
    /// (`x-cwh-simulator: sim|lab`): only a configured VCC can turn out to be a simulator.
    pub fn resolve(self, identity: Option<&str>) -> Target {
        match (self, identity) {
            (Target::Vcc, Some("lab")) => Target::Lab { name: None },
            (Target::Vcc, Some(_)) => Target::Simulator,
            (t, _) => t,
        }
    }

    /// How waits are paced: the SDK's pace (5 s polls, 6 s settle) against a real VCC, fast
    /// polls and no settle against cwh's simulators.
    pub fn wait_options(&self, timeout_sec: u64) -> WaitOptions {
        match self {
            Target::Vcc => WaitOptions::real_vcc(timeout_sec),
            _ => WaitOptions::simulator(timeout_sec),
        }
    }

    /// Are the nodes records only (no address to connect to, ever)? True for the simulator
    /// without a lab, and for a `--plan` of one (a script sees the snapshot's target).
    pub fn records_only(&self) -> bool {
        matches!(self, Target::Simulator)
    }

    /// The name scripts see in `vcp.target`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Target::Vcc => "vcc",
            Target::Simulator => "simulator",
            Target::Lab { .. } => "lab",
            Target::Plan => "plan",
        }
    }
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn the_server_refines_only_a_configured_vcc() {
        assert_eq!(Target::Vcc.resolve(None), Target::Vcc);
        assert_eq!(Target::Vcc.resolve(Some("sim")), Target::Simulator);
        assert_eq!(Target::Vcc.resolve(Some("lab")), Target::Lab { name: None });
        // what the host started stays what it is
        let lab = Target::Lab {
            name: Some("demo".into()),
        };
        assert_eq!(lab.clone().resolve(Some("lab")), lab);
        assert_eq!(Target::Simulator.resolve(Some("sim")), Target::Simulator);
        assert_eq!(Target::Plan.resolve(Some("sim")), Target::Plan);
    }

    #[test]
    fn a_real_vcc_gets_the_sdk_pace_whatever_the_scheme() {
        // the target, not the URL, decides: a real VCC over a plain-HTTP tunnel is still one
        let w = Target::Vcc.resolve(None).wait_options(1000);
        assert_eq!(w.interval, Duration::from_secs(5));
        assert_eq!(w.settle, Duration::from_secs(6));
        assert_eq!(w.timeout, Duration::from_secs(1000));
        for t in [
            Target::Simulator,
            Target::Lab { name: None },
            Target::Plan,
            Target::Vcc.resolve(Some("sim")),
        ] {
            let w = t.wait_options(30);
            assert_eq!(w.interval, Duration::from_millis(200), "{t}");
            assert_eq!(w.settle, Duration::ZERO, "{t}");
            assert_eq!(w.timeout, Duration::from_secs(30), "{t}");
        }
    }

    #[test]
    fn names_and_interlocks() {
        let names: Vec<String> = [
            Target::Vcc,
            Target::Simulator,
            Target::Lab {
                name: Some("x".into()),
            },
            Target::Plan,
        ]
        .iter()
        .map(|t| t.to_string())
        .collect();
        assert_eq!(names, ["vcc", "simulator", "lab", "plan"]);
        assert!(Target::Simulator.records_only());
        assert!(!Target::Vcc.records_only());
        assert!(!Target::Lab { name: None }.records_only());
        assert!(!Target::Plan.records_only());
    }

    /// A server over plain HTTP: `identity` is its `x-cwh-simulator` header, if any.
    fn connect_to(identity: Option<&str>, target: Target) -> crate::vcc::Client {
        use wiremock::matchers::{method, path_regex};
        use wiremock::{Mock, MockServer, ResponseTemplate};
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            let s = MockServer::start().await;
            let mut answer = ResponseTemplate::new(200).set_body_json(serde_json::json!(
                {"vcs": [], "role": "fullaccess", "user_name": "u", "user_role": "regular"}
            ));
            if let Some(id) = identity {
                answer = answer.insert_header("x-cwh-simulator", id);
            }
            Mock::given(method("GET"))
                .and(path_regex("^/vcp/v1/occtr(/vcs|/accounts/authority)?$"))
                .respond_with(answer)
                .mount(&s)
                .await;
            let mut o = crate::vcc::ConnectOptions::new(
                crate::vcc::Config::built_in(),
                "s.target-test-token",
            );
            o.base_url = Some(format!("{}/vcp/v1/occtr", s.uri()));
            o.target = target;
            crate::vcc::Client::connect(o).await.unwrap()
        })
    }

    #[test]
    fn the_client_paces_by_target_not_by_scheme() {
        // a real VCC through a plain-HTTP tunnel: the SDK's pace and settle delay
        let c = connect_to(None, Target::Vcc);
        assert_eq!(c.target(), &Target::Vcc);
        assert_eq!(c.pace().interval, Duration::from_secs(5));
        assert_eq!(c.pace().settle, Duration::from_secs(6));
        // a standalone `cwh vcc serve` says what it is
        let c = connect_to(Some("sim"), Target::Vcc);
        assert_eq!(c.target(), &Target::Simulator);
        assert_eq!(c.pace().interval, Duration::from_millis(200));
        assert_eq!(c.pace().settle, Duration::ZERO);
        let c = connect_to(Some("lab"), Target::Vcc);
        assert_eq!(c.target(), &Target::Lab { name: None });
        // what the host started stays what it is
        let c = connect_to(Some("lab"), Target::Plan);
        assert_eq!(c.target(), &Target::Plan);
        assert_eq!(c.pace().settle, Duration::ZERO);
    }
}
